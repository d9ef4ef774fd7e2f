"""Login throttling (django-axes): after `LOGIN_FAILURE_LIMIT` wrong passwords from one address,
or for one account, every door that takes a password — the login page, the admin's login and
the API's token endpoint — refuses for `LOGIN_LOCKOUT_MINUTES` and says how long to wait: a page
on the site, 429 with JSON on the API. A success clears the failures counted against that
account and no other (`clear_failures`); staff unlock sooner by deleting the access attempts in
the admin (or `manage.py axes_reset_username NAME`)."""

import ipaddress
import math
from collections.abc import Mapping

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from project import tokens
from project.api import printable
from project.api_errors import FIELD_ERRORS, LOCKED_OUT


class AuthTokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


def _wait_seconds(request: HttpRequest) -> int:
    cool_off = get_cool_off(request)
    return int(cool_off.total_seconds()) if cool_off else 0


def lockout_message(request: HttpRequest) -> str:
    minutes = max(1, math.ceil(_wait_seconds(request) / 60))
    return (
        "Too many failed logins for this account or from this address. "
        f"Try again in {minutes} minute{'s' if minutes != 1 else ''}, "
        "or ask a staff member to unlock the account."
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """What a locked-out login gets (`AXES_LOCKOUT_CALLABLE`): 429 with the wait, as JSON on
    the API and as a page elsewhere, with `Retry-After`."""
    message = lockout_message(request)
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": message, "retry_after": _wait_seconds(request)}, status=429
        )
    else:
        response = render(request, "registration/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = str(_wait_seconds(request))
    return response


def client_address(request: HttpRequest) -> str | None:
    """The address login failures are counted against (`AXES_CLIENT_IP_CALLABLE`): the peer's
    own, or, behind `TRUSTED_PROXY_COUNT` proxies that each append the address they were called
    from to `X-Forwarded-For`, the one the outermost of them appended. The addresses left of it
    are the client's to write, so they are never believed; a header with fewer addresses than
    proxies (a request that came round them) counts against the peer."""
    peer = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return peer
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < proxies:
        return peer
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:
        return peer


def clear_failures(username: str) -> None:
    """Forget the failed logins counted against `username`, from whatever address, and only
    those. Axes' own reset on success (`AXES_RESET_ON_SUCCESS`, off) deletes every record that
    matches the address too: an analyst guessing a reviewer's password could log in as
    themselves after every few guesses and never be locked out."""
    AxesProxyHandler.reset_attempts(username=username)


def _cleared_on_login(sender, request, user, **kwargs) -> None:
    clear_failures(user.get_username())


def connect() -> None:
    user_logged_in.connect(_cleared_on_login, dispatch_uid="project.throttling.clear_failures")


class ThrottledObtainAuthToken(ObtainAuthToken):
    """DRF's token endpoint, refusing a locked-out account or address before it checks the
    password (the failures it sees are counted like the login page's), and handing out a
    fresh token in place of an expired one (`project.tokens`). It reads bodies as the rest of
    the API does (DRF's view names its own parsers: JSON nested too deeply was a server error)."""

    parser_classes = api_settings.DEFAULT_PARSER_CLASSES
    # The username and password are the credentials here: a stale token a script still sends
    # (expired, revoked) must not be checked first, or the way to a new one is a 401 for ever.
    # A signed-in browser's session still is, for its CSRF check: another site's page must not
    # post wrong passwords from it (each counts towards a lockout of the person's address).
    authentication_classes = (SessionAuthentication,)
    permission_classes = ()

    @extend_schema(
        auth=[],
        responses={
            200: AuthTokenResponseSerializer,
            400: FIELD_ERRORS,
            429: LOCKED_OUT,
        },
    )
    def post(self, request: Request, *args, **kwargs) -> HttpResponse:
        # A body that is not an object (a JSON list) names nobody: the serializer refuses it.
        data = request.data if isinstance(request.data, Mapping) else {}
        # As the lockout's records hold it: a lone surrogate (which a JSON body may spell) or a
        # NUL cannot be stored, and the serializer below refuses both with a 400.
        username = printable(str(data.get("username", ""))).replace("\x00", "\ufffd")
        credentials = {"username": username}
        if AxesProxyHandler.is_locked(request._request, credentials):
            return lockout_response(request._request, credentials=credentials)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        clear_failures(user.get_username())
        token = tokens.token_for_login(user=user)
        return Response({"token": token.key})


obtain_auth_token = ThrottledObtainAuthToken.as_view()
