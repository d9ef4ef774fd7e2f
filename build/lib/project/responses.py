"""How every page answers a form post: a refusal with its reason, the page to return to, the
messages of a refused change, and JSON for the scripts that ask for it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def wants_json(request: HttpRequest) -> bool:
    """The page scripts ask for JSON; a plain form post gets a page."""
    return request.headers.get("Accept", "").startswith("application/json")


def refuse(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    """Answer a refused action with 403 and a sentence saying why (a page, or JSON)."""
    message = str(error) or "You are not allowed to do that."
    if wants_json(request):
        return JsonResponse({"message": message}, status=403)
    return render(request, "forbidden.html", {"message": message}, status=403)


def safe_next_url(request: HttpRequest, fallback: str) -> str:
    """Where to go after a form: the page's own `next` when it is on this site."""
    next_url = request.POST.get("next", "")
    # A path on this site only: anything else ("abc") would be taken for a view name.
    on_this_site = url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})
    if on_this_site and next_url.startswith("/") and not next_url.startswith("//"):
        return next_url
    return fallback


def messages_of(error: ValidationError) -> str:
    """The sentences of a refused change, as one line for a message."""
    return " ".join(error.messages)
