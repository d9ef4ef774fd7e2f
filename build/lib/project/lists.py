"""What list pages share beside sorting (`project.sorting`): the filter chips above a list,
the query string without some filters, and paging that counts with a cheaper query."""

import datetime

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import dateformat
from django.utils.functional import cached_property


def query_without(request: HttpRequest, *names: str) -> str:
    """The page's query string less `names` and the page number."""
    query = request.GET.copy()
    for name in (*names, "page"):
        query.pop(name, None)
    return query.urlencode()


def active_filters(
    request: HttpRequest, filterset, names: dict[str, str] | None = None
) -> list[tuple[str, str, str]]:
    """(label, value, link that removes it) for each filter in use, for the chips above a list.
    Reads the values the form already cleaned; `names` shows a name instead of an id."""
    form = filterset.form
    if not form.is_valid():
        return []
    chips = []
    for name, value in form.cleaned_data.items():
        if value in (None, "", [], ()):
            continue
        field = form.fields[name]
        if names and name in names:
            shown = names[name]
        elif hasattr(field, "choices") and not hasattr(field, "queryset"):
            shown = dict(field.choices).get(value, dict(field.choices).get(str(value), value))
        elif isinstance(value, bool):
            shown = "yes" if value else "no"
        elif isinstance(value, datetime.date):
            shown = dateformat.format(value, "j M Y")
        else:
            shown = str(value)
        query = query_without(request, name)
        label = filterset.filters[name].label or name.replace("_", " ").capitalize()
        chips.append((str(label), str(shown), f"?{query}" if query else "?"))
    return chips


class CountedPaginator(Paginator):
    """A paginator whose total comes from `count_of`, a cheaper query than the page's own
    (the same rows without the joins and annotations only the shown rows need)."""

    def __init__(self, object_list, per_page, *, count_of: QuerySet, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_of = count_of

    @cached_property
    def count(self) -> int:
        return self.count_of.count()


def filtered(filterset, queryset: QuerySet) -> QuerySet:
    """`queryset` narrowed as `filterset` narrows its own: untouched when no filter was sent,
    empty when the filter could not be read."""
    if not filterset.is_bound:
        return queryset
    if not filterset.is_valid():
        return queryset.none()
    return filterset.filter_queryset(queryset)
