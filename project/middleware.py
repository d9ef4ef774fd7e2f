"""Login is required everywhere (the API answers for itself with 401 instead of a redirect),
and every answer carries the security headers Django does not set itself."""

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.utils.cache import add_never_cache_headers


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
