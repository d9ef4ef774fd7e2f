"""Login is required everywhere (the API answers for itself with 401 instead of a redirect),
every answer carries the security headers Django does not set itself, and a number SQLite
cannot hold is a bad request, not a server error."""

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.utils.cache import add_never_cache_headers

from project.responses import bad_request


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
