"""The current user's roles, for navigation and buttons (the server still checks every action)."""

from django.http import HttpRequest

from claims import permissions


def roles(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "is_analyst": permissions.is_analyst(user),
        "is_reviewer": permissions.is_reviewer(user),
        "is_staff_user": permissions.is_staff(user),
    }
