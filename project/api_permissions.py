"""Who may write through the API, judged before a request's body is read: a person without a
role reads everything and writes nothing, so they are refused (403) before being told to fix a
field they could never send (400). The object-level rules stay in the services."""

from rest_framework.permissions import SAFE_METHODS, IsAuthenticated

from project import roles


class ReadsOrHasARole(IsAuthenticated):
    """Logged in; and, to write, an analyst, a reviewer or staff."""

    message = "You can read the evidence, but writing it needs the analyst or reviewer role."

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        return roles.is_analyst(user) or roles.is_reviewer(user) or roles.is_staff(user)
