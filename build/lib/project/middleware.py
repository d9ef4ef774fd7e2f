"""Login is required everywhere; the API answers for itself with 401 instead of a redirect."""

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired


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
