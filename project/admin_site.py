"""The admin site: Django's, with every list page's query string read safely.

A list page takes any lookup on its model's fields from the query string (`?created_at__year=`,
`?name__regex=`), and Django turns some values into bounds only when the query runs: a year out
of range, a regular expression the database cannot compile, a JSON lookup SQLite lacks. Those
failed with a server error. Every list page of every registered admin (ours, Django's users and
groups, the libraries') now shows the list unfiltered with a message instead, as Django itself
does for a lookup it refuses up front.
"""

import functools

from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.views.main import ERROR_FLAG
from django.db import DatabaseError, transaction
from django.http import HttpResponseRedirect

#: What a filter value the database cannot use raises when the list's query runs. (A number past
#: 64 bits, which SQLite cannot compare, is answered by the site's own 400 page for it.)
UNUSABLE_FILTER = (ValueError, DatabaseError)
UNUSABLE_FILTER_MESSAGE = (
    "The list cannot be filtered that way ({reason}): it is shown unfiltered. A date's year "
    "runs from 1 to 9999; a pattern must be a regular expression the database can read."
)


def unusable_filters_refused(changelist_view):
    """`changelist_view`, whose filters the database could not run answered with the whole
    list and a message. Only a GET with a query string is answered so: anything else (a
    database that is down, the unfiltered list failing again) still fails as it did."""

    @functools.wraps(changelist_view)
    def view(request, *args, **kwargs):
        if request.method != "GET" or not request.GET or ERROR_FLAG in request.GET:
            return changelist_view(request, *args, **kwargs)
        try:
            # Its own transaction (a savepoint inside another), so that the refused statement
            # leaves the connection usable: PostgreSQL aborts the transaction around it.
            with transaction.atomic():
                return changelist_view(request, *args, **kwargs)
        except UNUSABLE_FILTER as error:
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            messages.error(request, UNUSABLE_FILTER_MESSAGE.format(reason=reason[:200]))
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")

    return view


class AdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        if getattr(view, "__name__", None) == "changelist_view":
            view = unusable_filters_refused(view)
        return super().admin_view(view, cacheable)


class CorroborateAdminConfig(AdminConfig):
    """`django.contrib.admin` with the site above as the default one (`admin.site`)."""

    default_site = "project.admin_site.AdminSite"
