"""What the navigation shows of the discussion: how many comments are new to the reader."""

import functools

from django.http import HttpRequest

from discussion import selectors


def new_comments(request: HttpRequest) -> dict:
    """`discussion_new`: how many comments for the reader they have not seen, counted only when
    a page shows it (a callable the template calls) and no further than one past
    `discussion_new_shown`, beyond which the navigation shows "99+"."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        # Counted once a page, however many places show it.
        "discussion_new": functools.cache(
            lambda: selectors.new_count(user, limit=selectors.NEW_SHOWN + 1)
        ),
        "discussion_new_shown": selectors.NEW_SHOWN,
    }
