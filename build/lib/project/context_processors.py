"""The current user's roles, for navigation and buttons (the server still checks every action)."""

from django.http import HttpRequest

from project import roles


def user_roles(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "is_analyst": roles.is_analyst(user),
        "is_reviewer": roles.is_reviewer(user),
        "is_staff_user": roles.is_staff(user),
    }
