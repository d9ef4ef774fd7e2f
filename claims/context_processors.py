"""What the navigation shows of the signed-in person's own claims."""

from django.http import HttpRequest

from claims import selectors


def my_claims(request: HttpRequest) -> dict:
    """`my_claims_waiting`: how many of the person's claims wait for them (drafts, rejected),
    counted only when a page shows it (a callable the template calls) and no further than one
    past `my_claims_waiting_shown`, beyond which the navigation shows "99+"."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "my_claims_waiting": lambda: selectors.claims_needing_author(
            user, limit=selectors.WAITING_SHOWN + 1
        ),
        "my_claims_waiting_shown": selectors.WAITING_SHOWN,
    }
