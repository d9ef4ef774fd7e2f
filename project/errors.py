"""Domain errors that are not plain validation failures, shared by services, views and the API."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults


class Conflict(ValidationError):
    """The request is valid but clashes with the current state (HTTP 409).

    `current` carries what a client needs to resolve it: the existing object's id, or the
    current values of a record edited from a stale version.
    """

    def __init__(self, message: str, *, code: str, current: dict | None = None):
        super().__init__(message, code=code)
        self.current = current or {}


def server_error(request: HttpRequest) -> HttpResponse:
    """The answer to an unexpected failure (`handler500`): JSON on the API, where a script
    reads it, and the site's page elsewhere. Never the traceback: the log has it."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {
                "detail": "The server failed to answer this request. Try again; if it fails "
                "again, tell an admin the time it happened."
            },
            status=500,
        )
    return defaults.server_error(request)
