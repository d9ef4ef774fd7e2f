"""What the navigation shows of the signed-in person's own claims."""

from django.http import HttpRequest
from django.template.loader import render_to_string

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


def my_claims_nav_item(request: HttpRequest) -> str:
    """The navigation's "My claims" item as it is now, for a page's script to swap in after a
    change that moves its count (recording, submitting, deleting a claim): one capped count."""
    return render_to_string(
        "claims/_nav_my_claims.html",
        {**my_claims(request), "request": request},
    )
