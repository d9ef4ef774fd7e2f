"""The account page where people manage their own API token (`project.tokens` holds the rules):
what they have, when it expires, revoke it, create a new one. The key is shown once, in the
answer to creating it, and never again. And the OpenAPI schema's view, refusing in JSON."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from drf_spectacular.views import SpectacularAPIView
from rest_framework.renderers import JSONRenderer

from project import tokens


def _token_page(request: HttpRequest, *, new_key: str = "") -> HttpResponse:
    token = tokens.token_of(request.user)
    return render(
        request,
        "registration/api_token.html",
        {
            "token": token,
            "expires_at": token and tokens.token_expires_at(token),
            "expired": token is not None and tokens.token_is_expired(token),
            "lifetime": tokens.token_lifetime(),
            "new_key": new_key,
        },
    )


@require_safe
def api_token(request: HttpRequest) -> HttpResponse:
    return _token_page(request)


@never_cache  # the only answer that carries the key: no cache may keep it
@require_POST
def api_token_create(request: HttpRequest) -> HttpResponse:
    token = tokens.token_create(user=request.user)
    return _token_page(request, new_key=token.key)


@require_POST
def api_token_revoke(request: HttpRequest) -> HttpResponse:
    if tokens.token_revoke(user=request.user):
        messages.success(request, "Your API token is revoked: scripts using it are refused now.")
    else:
        messages.info(request, "You had no API token.")
    return redirect("tokens")


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema, its refusals (no credentials, an unknown format) in JSON as every
    other API address answers them: its own YAML renderer wrote `detail` as a dumped object."""

    def finalize_response(self, request, response, *args, **kwargs):
        if getattr(response, "exception", False):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
