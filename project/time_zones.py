"""Each reader's time zone: the times a page shows (a claim recorded, a review, an export
prepared) are in it, each with its zone's abbreviation, as they always were in the site's.

What the whole team must count alike stays in the site's zone (`settings.TIME_ZONE`): the
days a list is filtered on, the dashboard's weeks, and the API and the files, which write
times with their offset. Those places name `timezone.get_default_timezone()` themselves rather
than read the zone that is active.

A reader's choice is kept in `project.models.Preferences` and copied into the session when
they log in, so that a page reads it with the session it reads anyway: no query a request.
"""

import functools
import zoneinfo

from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest
from django.utils import timezone

from project.models import Preferences

#: Where the session keeps the reader's zone ("" or absent: the site's).
SESSION_KEY = "corroborate_time_zone"
#: Requests that are not pages: the API answers every caller alike.
API_PREFIX = "/api/"


@functools.cache
def zone_names() -> tuple[str, ...]:
    """The zones a reader may choose: the IANA names of places ("Europe/Paris") and UTC, in
    alphabetical order, from the zone database Python reads (the system's, or `tzdata`)."""
    places = (
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "posix/", "right/"))
    )
    return ("UTC", *sorted(places))


def zone_of(name: str) -> zoneinfo.ZoneInfo | None:
    """The zone named `name`, or None when it is empty or this machine does not know it."""
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def reader_time_zone_set(*, user, name: str, request: HttpRequest | None = None) -> None:
    """Keep `name` (one of `zone_names()`, or "" for the site's zone) as `user`'s time zone,
    and in `request`'s session, so that the next page shows it."""
    if name and name not in zone_names():
        raise ValueError(f"Unknown time zone: {name!r}")
    Preferences.objects.update_or_create(user=user, defaults={"time_zone": name})
    if request is not None:
        request.session[SESSION_KEY] = name


def _remember_on_login(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    chosen = Preferences.objects.filter(user=user).values_list("time_zone", flat=True).first()
    request.session[SESSION_KEY] = chosen or ""


def connect() -> None:
    user_logged_in.connect(_remember_on_login, dispatch_uid="corroborate-reader-time-zone")


class ReaderTimeZoneMiddleware:
    """Show a page's times in its reader's zone (after the session and authentication
    middleware). The API is left in the site's zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        zone = None
        if session is not None and not request.path_info.startswith(API_PREFIX):
            zone = zone_of(session.get(SESSION_KEY, ""))
        if zone is None:
            return self.get_response(request)
        with timezone.override(zone):
            return self.get_response(request)
