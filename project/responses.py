"""How every page answers a form post: a refusal with its reason, the page to return to, the
messages of a refused change, and JSON for the scripts that ask for it; and the site's answers
to a request it could not read (`handler400`), for an address nothing answers (`handler404`) or
that it failed on (`handler500`)."""

import math
import re

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    ValidationError,
)
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults

from project.ids import MAX_ID


def wants_json(request: HttpRequest) -> bool:
    """The page scripts ask for JSON; a plain form post gets a page."""
    return request.headers.get("Accept", "").startswith("application/json")


def refuse(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    """Answer a refused action with 403 and a sentence saying why (a page, or JSON)."""
    message = str(error) or "You are not allowed to do that."
    if wants_json(request):
        return JsonResponse({"message": message}, status=403)
    return render(request, "forbidden.html", {"message": message}, status=403)


#: A fragment a form may ask to come back to (`link-41`, `claim-7-link-41`): words and ids.
ANCHOR = re.compile(r"^[a-z]+(?:-[a-z0-9]+)*$")


def safe_next_url(request: HttpRequest, fallback: str, *, anchor: str = "") -> str:
    """Where to go after a form: the page's own `next` when it is on this site, else
    `fallback`; with `anchor`, at that place on the page (replacing any fragment it had), so
    the reader is back where they acted rather than at the top."""
    next_url = request.POST.get("next", "")
    # A path on this site only: anything else ("abc") would be taken for a view name.
    on_this_site = url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})
    if not (on_this_site and next_url.startswith("/") and not next_url.startswith("//")):
        next_url = fallback
    if anchor and ANCHOR.match(anchor):
        next_url = f"{next_url.split('#', 1)[0]}#{anchor}"
    return next_url


def messages_of(error: ValidationError) -> str:
    """The sentences of a refused change, as one line for a message."""
    return " ".join(error.messages)


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


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The answer to an address nothing answers (`handler404`): JSON on the API, where a script
    reads it (an object that is not there answers so from its view already), and the site's
    page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": "Nothing is at this API address: /api/schema/ lists every one."},
            status=404,
        )
    return defaults.page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The answer to a request Django could not read (`handler400`), above all one over the
    size limit, or one with a number no row can have (`NumberTooLargeMiddleware`): JSON on
    the API, a page that says so elsewhere."""
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
        megabytes = math.ceil(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024))
        message = f"What was sent is larger than the {megabytes} MB this server reads at once."
        if request.path.startswith(("/articles/", "/api/articles/")):
            message += " An article's text is at most that: split it into parts."
        else:
            message += " Send less at a time (a large claim set goes through `import_claims`)."
    elif isinstance(exception, OverflowError):
        message = f"A number in the request is too large: an id is at most {MAX_ID:,}."
    else:
        message = "The request could not be read."
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return render(request, "bad_request.html", {"message": message}, status=400)


#: Why a form was refused for its security token, said for people.
STALE_PAGE = (
    "This page is out of date: you logged in again (or out) since it was opened, so nothing "
    "was saved. Reload the page, then do it again."
)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """`CSRF_FAILURE_VIEW`: a post whose security token no longer matches the session (a login
    in another tab renews it) is refused saying what to do, as JSON for the page scripts and
    as the site's page otherwise, rather than Django's bare "CSRF verification failed"."""
    if wants_json(request):
        return JsonResponse({"message": STALE_PAGE, "detail": STALE_PAGE}, status=403)
    return render(request, "forbidden.html", {"message": STALE_PAGE}, status=403)
