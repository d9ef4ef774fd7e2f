"""Domain errors that are not plain validation failures, shared by services, views and the API."""

import math

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
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


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The answer to a request Django could not read (`handler400`), above all one over the
    size limit: JSON on the API, a page that says so elsewhere."""
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
        megabytes = math.ceil(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024))
        message = (
            f"What was sent is larger than the {megabytes} MB this server reads at once. "
            "Send less at a time (a large claim set goes through `manage.py import_claims`)."
        )
    else:
        message = "The request could not be read."
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return render(request, "bad_request.html", {"message": message}, status=400)
