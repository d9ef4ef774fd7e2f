"""What every API endpoint shares: pagination and one shape for errors.

Errors are JSON with a message per field (`{"field": ["message"]}`), or `{"detail": "message"}`
when no field is to blame. Services raise Django's exceptions; they are translated here.
The JSON parser is in `project.parsers`: it cannot live here (that module says why).
"""

import datetime
import functools

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator as DjangoPaginator
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from project import keyset
from project.api_fields import SURROGATE
from project.errors import Conflict, ItemsRefused, TooMany, Unavailable
from project.ids import MAX_ID


def api_time(value: datetime.datetime, zone: datetime.tzinfo) -> str:
    """A time as DRF's DateTimeField writes it (ISO 8601 in `zone`, the current time zone, UTC
    as `Z`), without its per-value settings lookups."""
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def stored_time(value: str, zone: datetime.tzinfo) -> str:
    """`api_time` of a time as the database wrote it, in UTC: PostgreSQL's text of a
    `timestamptz` in a UTC session ("2026-11-29 11:36:51.6+00") or SQLite's column as Django
    stores it ("2026-11-29 11:36:51.604419"). In UTC the text is rearranged, not parsed: a third
    of a page of 500 claims' time went to parsing times and writing them back (issue 17)."""
    if str(zone) == "UTC" and value[4:5] == "-" and value[10:11] == " " and value[19:20] in ".+":
        clock = value[11:-3] if value.endswith("+00") else value[11:]
        whole, _, fraction = clock.partition(".")
        if len(whole) == 8 and (fraction.isdigit() or not fraction) and len(fraction) <= 6:
            # Python writes microseconds as six digits, and none when they are zero.
            fraction = f".{fraction:0<6}" if fraction.strip("0") else ""
            return f"{value[:10]}T{whole}{fraction}Z"
    stored = datetime.datetime.fromisoformat(value)
    if stored.tzinfo is None:  # SQLite: UTC
        stored = stored.replace(tzinfo=datetime.UTC)
    return api_time(stored, zone)


class Paginator(DjangoPaginator):
    """Django's paginator, counting the rows only when it must: the first page is read with
    one row more than it shows, so a first page that holds every row (full or not) has its
    length as the count (one query instead of two), and a `count` the caller knows (read from
    a tally) is taken as it is. Any other page, or a first one followed by more rows, is
    counted as before; the first page's rows are read once either way."""

    def __init__(self, object_list, per_page, *, count: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.__dict__["count"] = count  # `count` is a cached property: no COUNT query

    def page(self, number):
        if self.orphans or not self.allow_empty_first_page or str(number) != "1":
            return super().page(number)
        rows = list(self.object_list[: self.per_page + 1])
        if len(rows) <= self.per_page:
            self.__dict__["count"] = len(rows)  # `count` is a cached property: no COUNT query
        return self._get_page(rows[: self.per_page], 1, self)


class Pagination(PageNumberPagination):
    """Pages by number (`?page=`), or, with `?after=ID`, a walk in id order: the rows whose id
    is above ID, oldest first, and a `next` link carrying the last one's id (`count` and
    `previous` are null). A walk neither repeats nor skips a row while others are added (a page
    by number shifts under every insert ahead of it), and its thousandth page costs what its
    first does (an offset reads every row before it: seconds at a million claims)."""

    django_paginator_class = Paginator
    page_size_query_param = "page_size"
    max_page_size = 500
    after_query_param = "after"

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["description"] = f"Rows per page, at most {self.max_page_size}."
        parameters.append(
            {
                "name": self.after_query_param,
                "required": False,
                "in": "query",
                "description": _(
                    "Walk the list in id order from the row after this id (0: from the "
                    "first). Follow `next` to the end: no row is repeated or skipped while "
                    "others are added. `count` and `previous` are null. Not with `page`."
                ),
                "schema": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
            }
        )
        return parameters

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["nullable"] = True
        response["properties"]["count"]["description"] = _("Null in a walk by `after`.")
        return response

    def paginate_queryset(self, queryset, request, view=None, *, count: int | None = None):
        """DRF's, with the number of rows when the view knows it exactly without counting
        them (`count`, e.g. from the claim tallies); None counts them. With `?after=`, the
        walk (see the class)."""
        self.walk = None
        if self.after_query_param in request.query_params:
            return self._walk(queryset, request)
        self.django_paginator_class = functools.partial(Paginator, count=count)
        return super().paginate_queryset(queryset, request, view)

    def _walk(self, queryset, request) -> list:
        after = keyset.after_id(request.query_params, self.after_query_param)
        if self.page_query_param in request.query_params:
            raise ValidationError(
                {self.after_query_param: [_("Page by `page` or walk by `after`, not both.")]}
            )
        size = self.get_page_size(request)
        self.request = request
        self.walk = keyset.Walk(queryset, after, size)
        return self.walk.rows

    def get_paginated_response(self, data):
        if self.walk is None:
            return super().get_paginated_response(data)
        following = self.walk.following(self.request, self.after_query_param)
        return Response({"count": None, "next": following, "previous": None, "results": data})


def validation_error_body(error: DjangoValidationError) -> dict:
    """A Django ValidationError as `{"field": ["message", ...]}`."""
    if hasattr(error, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in error.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}


def exception_handler(exc, context):
    """Every refusal of the API as JSON (see the module), with any lone surrogate of what it
    quotes back written as U+FFFD: a JSON body may spell one (`"\\ud800"`), no UTF-8 answer can
    hold it, and a message quoting it ("“…” is not a valid choice") was a server error."""
    response = _refusal(exc, context)
    if response is not None:
        response.data = printable(response.data)
    return response


def _refusal(exc, context):
    if isinstance(exc, Conflict):
        body = {"detail": exc.message, "code": exc.code, "current": exc.current}
        if "id" in exc.current:
            body["id"] = exc.current["id"]
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ItemsRefused):
        items = {str(index): validation_error_body(error) for index, error in exc.refused.items()}
        body = {"detail": exc.messages[0], "code": exc.code, "items": items}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, TooMany):
        body = {"detail": exc.message, "code": exc.code}
        return Response(body, status=status.HTTP_429_TOO_MANY_REQUESTS)
    if isinstance(exc, Unavailable):
        body = {"detail": " ".join(exc.messages), "code": exc.code}
        return Response(body, status=status.HTTP_503_SERVICE_UNAVAILABLE)
    if isinstance(exc, DjangoValidationError):
        return Response(validation_error_body(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ProtectedError):
        return Response(
            {"detail": "This is still in use by other records and cannot be deleted."},
            status=status.HTTP_409_CONFLICT,
        )
    response = drf_exception_handler(exc, context)
    if (
        isinstance(exc, ValidationError)
        and response is not None
        and isinstance(response.data, dict)
    ):
        response.data = field_messages(response.data)
    return response


def field_messages(errors: dict) -> dict:
    """A serializer's errors in the one shape the API documents, a list of messages per field:
    a list field's come keyed by the bad entry's position (`{"tags": {0: [...]}}`), said here
    as "entry 1: ..."; a nested object's by its field ("title: ..."); a lone message is a list
    of one. `detail` and `code` stay as they are."""
    return {
        field: found if field in ("detail", "code") else list(_messages(found))
        for field, found in errors.items()
    }


def _messages(found, where: str = ""):
    if isinstance(found, dict):
        for key, inner in found.items():
            label = _("entry %(number)d") % {"number": int(key) + 1} if _is_index(key) else key
            yield from _messages(inner, f"{where}{label}: ")
    elif isinstance(found, list | tuple):
        for item in found:
            yield from _messages(item, where)
    else:
        yield f"{where}{found}"


def _is_index(key) -> bool:
    return isinstance(key, int) or (isinstance(key, str) and key.isdigit())


def printable(data):
    """`data` (the body of an answer: dicts, lists, strings, DRF's `ErrorDetail`s) with every
    lone surrogate in its strings replaced by U+FFFD; the same object when it holds none."""
    if isinstance(data, str):
        if SURROGATE.search(data) is None:
            return data
        text = SURROGATE.sub("\ufffd", data)
        return type(data)(text, data.code) if isinstance(data, ErrorDetail) else text
    if isinstance(data, dict):
        return {printable(key): printable(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [printable(value) for value in data]
    return data
