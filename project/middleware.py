"""Login is required everywhere (the API answers for itself with 401 instead of a redirect),
every answer carries the security headers Django does not set itself, a number SQLite cannot
hold is a bad request, not a server error, and a body larger than anything the site takes is
refused before a byte of it is read. An API address written without its final slash is
answered with a redirect that keeps the method and the body."""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.middleware.common import CommonMiddleware
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme

from project.responses import bad_request, safe_next_url, wants_json


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's login-required middleware, leaving `/api/` to DRF's authentication.

    Scripts calling the API expect `401` with a JSON body, not an HTML redirect; DRF's default
    permission class (`IsAuthenticated`) gives exactly that.
    """

    api_prefix = "/api/"

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith(self.api_prefix):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(self, request, view_func):
        """A page's script saving in place (asking for JSON) is told that the session ended,
        with 401, rather than sent the login page, which it could not show: the analyst logs
        in again in another tab and saves what is still typed here."""
        if wants_json(request):
            return JsonResponse({"detail": SESSION_ENDED, "code": "not_authenticated"}, status=401)
        if request.method not in ("GET", "HEAD"):
            # A form posted after the session ended: back, after the login, to the page the
            # form was on (the address it posts to answers only posts: a 405 after logging in).
            return redirect_to_login(_page_of_the_form(request), self.get_login_url(view_func))
        return super().handle_no_permission(request, view_func)


def _page_of_the_form(request) -> str:
    """The page a posted form was on: its `next` field (`safe_next_url`), else the page that
    sent it when that is on this site, else the home page."""
    referer = request.headers.get("Referer", "")
    sent_from = "/"
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        parts = urlsplit(referer)
        sent_from = parts.path + (f"?{parts.query}" if parts.query else "")
    return safe_next_url(request, sent_from)


#: What a page's script is told when its session has ended.
SESSION_ENDED = (
    "Your session has ended, so nothing was saved. Log in again in another tab (what you typed "
    "stays here), then save again."
)


class AddressMiddleware(CommonMiddleware):
    """Django's CommonMiddleware, but an API address without its final slash (`POST
    /api/claims`) is answered 308 with JSON: a 301 (Django's) is followed by every HTTP client
    with a GET, so a script's write ended as "200 OK" and the list, and nothing recorded."""

    def process_response(self, request, response):
        if (
            response.status_code == 404
            and request.path_info.startswith("/api/")
            and self.should_redirect_with_slash(request)
        ):
            address = request.get_full_path(force_append_slash=True)
            return HttpResponsePermanentRedirect(
                address,
                preserve_request=True,  # 308: the method and the body go with it
                content=json.dumps({"detail": f"This address ends with a slash: {address}"}),
                content_type="application/json",
            )
        return super().process_response(request, response)


class SecurityHeadersMiddleware:
    """`Permissions-Policy` on every answer; on the API, where answers carry the evidence
    itself, `Cache-Control: no-store` so that no shared or browser cache keeps a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path_info.startswith(LoginRequiredMiddleware.api_prefix):
            add_never_cache_headers(response)
        return response


class NumberTooLargeMiddleware:
    """A number past 64 bits sent where a page or a list filter expects an id (`?claims=` with
    thirty digits in a list of the admin's, whose lookups the project does not write) is
    refused with 400: SQLite fails on such a number, where PostgreSQL finds nothing. The
    project's own forms and filters refuse it before any query; this is the net under the
    rest (the admin pages of Django and of the packages it uses)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError) and "SQLite INTEGER" in str(exception):
            return bad_request(request, exception)
        return None


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is larger than `REQUEST_MAX_BYTES` (413) before anything
    reads it. (A body of unsaid size, sent in chunks, is never read: Django reads as many bytes
    as `Content-Length` says, and without it none.)

    Django caps the form fields it keeps in memory, but writes uploaded files to disk whatever
    their size, and it does so for anyone: the CSRF check reads a POST's form (its token) before
    any login is asked for. Without this, one anonymous POST of many gigabytes fills the disk.
    The limit is the largest thing the site takes in one request (a claim set to import) with
    room to spare; a proxy in front may set a lower one (docs/deploy.md)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            too_large = int(request.META.get("CONTENT_LENGTH") or 0) > settings.REQUEST_MAX_BYTES
        except ValueError:
            return _refused(request, 400, "The request's Content-Length is not a number.")
        if too_large:
            megabytes = settings.REQUEST_MAX_BYTES // 1_000_000
            return _refused(
                request,
                413,
                f"What was sent is larger than the {megabytes:,} MB this server takes in one "
                "request. Send less at a time.",
            )
        return self.get_response(request)


def _refused(request, status: int, message: str) -> HttpResponse:
    """A plain answer: no page (the sessions and the login are not read yet), JSON on the API."""
    if request.path_info.startswith(LoginRequiredMiddleware.api_prefix):
        return JsonResponse({"detail": message}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class SamePersonMiddleware:
    """A page's script says whom the page was drawn for (`X-Corroborate-User`, from base.html);
    a write sent after someone else logged in in another tab of the same browser is refused
    with 409, rather than recorded under the other person's name."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        drawn_for = request.headers.get("X-Corroborate-User")
        if drawn_for and request.method not in ("GET", "HEAD", "OPTIONS"):
            user = request.user
            if user.is_authenticated and drawn_for != str(user.pk):
                message = (
                    f"You are now logged in as {user.get_username()} in this browser (in another "
                    "tab), so nothing was saved under that name. Reload the page to go on as "
                    f"{user.get_username()}, or log in again as yourself."
                )
                return JsonResponse({"detail": message, "code": "other_person"}, status=409)
        return self.get_response(request)
