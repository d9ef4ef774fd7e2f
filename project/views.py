"""The account pages: a person's own API token (`project.tokens` holds the rules: what they
have, when it expires, revoke it, create a new one; the key is shown once, in the answer to
creating it, and never again) and the time zone their pages show times in
(`project.time_zones`). And the OpenAPI schema's view, refusing in JSON."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from drf_spectacular.views import SpectacularAPIView
from rest_framework.renderers import JSONRenderer

from project import time_zones, tokens


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


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label="Show times in",
        required=False,
        error_messages={
            "invalid_choice": "“%(value)s” is not a time zone this site knows: choose one "
            "from the list."
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [
            ("", f"The site's zone ({settings.TIME_ZONE})"),
            *((name, name.replace("_", " ")) for name in time_zones.zone_names()),
        ]


@require_http_methods(["GET", "HEAD", "POST"])
def time_zone(request: HttpRequest) -> HttpResponse:
    """The zone the reader's pages show times in: theirs to choose, kept for their next login."""
    if request.method == "POST":
        form = TimeZoneForm(request.POST)
        if form.is_valid():
            chosen = form.cleaned_data["time_zone"]
            time_zones.reader_time_zone_set(user=request.user, name=chosen, request=request)
            messages.success(
                request,
                f"Times are shown in {chosen.replace('_', ' ')}."
                if chosen
                else f"Times are shown in the site's zone ({settings.TIME_ZONE}).",
            )
            return redirect("time-zone")
    else:
        chosen = request.session.get(time_zones.SESSION_KEY, "")
        form = TimeZoneForm(initial={"time_zone": chosen})
    return render(
        request,
        "registration/time_zone.html",
        {"form": form, "site_zone": settings.TIME_ZONE},
    )


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema, its refusals (no credentials, an unknown format) in JSON as every
    other API address answers them: its own YAML renderer wrote `detail` as a dumped object."""

    def finalize_response(self, request, response, *args, **kwargs):
        if getattr(response, "exception", False):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
