"""A list walked in id order (`?after=ID`), for `project.api.Pagination`: the rows above an
id, one more than the page shows to know whether another page follows. It works on whatever
the view pages: model rows, `values()` dicts or `values_list()` tuples (whose fields name the
id's place)."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.utils.urls import replace_query_param

from project.ids import MAX_ID


def after_id(params, name: str) -> int:
    """The id a walk goes on after: a whole number from 0 (the start) to the largest id."""
    values = params.getlist(name)
    raw = values[0].strip() if len(values) == 1 else ""
    if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_ID:
        raise ValidationError(
            {name: [_("Give the id of the last row you have (a whole number; 0 to start).")]}
        )
    return int(raw)


class Walk:
    """One page of the walk: `rows`, and the address of the next page (None at the end)."""

    def __init__(self, queryset: QuerySet, after: int, size: int):
        rows = list(queryset.filter(pk__gt=after).order_by("pk")[: size + 1])
        self.rows, self.more = rows[:size], len(rows) > size
        self._fields = list(getattr(queryset, "_fields", ()) or ())

    def following(self, request, name: str) -> str | None:
        if not self.more:
            return None
        return replace_query_param(request.build_absolute_uri(), name, self._key(self.rows[-1]))

    def _key(self, row) -> int:
        if isinstance(row, dict):
            return row["id"]
        if isinstance(row, tuple):
            return row[self._fields.index("id")]
        return row.pk
