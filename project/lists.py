"""What list pages share beside sorting (`project.sorting`): the filter chips above a list,
the query string without some filters, and paging that counts with a cheaper query."""

import contextlib
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


def filters_in_use(filterset) -> dict | None:
    """The filters `filterset` applies, by name, with their cleaned values ({} when it is not
    bound; None when its values cannot be read)."""
    if not filterset.is_bound:
        return {}
    if not filterset.is_valid():
        return None
    return {
        name: value
        for name, value in filterset.form.cleaned_data.items()
        if value not in (None, "", [], ())
    }


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


class CappedPaginator(Paginator):
    """A paginator that counts no further than `cap` rows (`COUNT(*)` over a `LIMIT cap + 1`
    subquery), so a list of a million rows costs a count of ten thousand. Past the cap,
    `count` is the cap, `capped` is true (pages show "10,000+", never a wrong exact number),
    only the pages up to the cap are offered, and a page number beyond them shows the last."""

    cap = 10_000

    def __init__(self, object_list, per_page, *, count_of: QuerySet | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_of = self.object_list if count_of is None else count_of

    @cached_property
    def counted(self) -> int:
        # Unordered: which rows fill the LIMIT does not change how many there are, and an
        # ORDER BY kept in the subquery sorted every row (the claim list by source: all
        # million claims joined to their source's name) before counting ten thousand.
        return self.count_of.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.counted > self.cap

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def count_shown(self) -> str:
        """The count as a page shows it: "10,000+" past the cap."""
        return f"{self.cap:,}+" if self.capped else str(self.count)

    def validate_number(self, number):
        if self.capped:
            # A number that is no number: the base class says what is wrong with it.
            with contextlib.suppress(TypeError, ValueError):
                number = min(int(number), self.num_pages)
        return super().validate_number(number)


class CountedPaginator(CappedPaginator):
    """A capped paginator whose count comes from `count_of`, a cheaper query than the page's
    own (the same rows without the joins and annotations only the shown rows need)."""

    def __init__(self, object_list, per_page, *, count_of: QuerySet, **kwargs):
        super().__init__(object_list, per_page, count_of=count_of, **kwargs)


def filtered(filterset, queryset: QuerySet) -> QuerySet:
    """`queryset` narrowed as `filterset` narrows its own: untouched when no filter was sent,
    empty when the filter could not be read."""
    if not filterset.is_bound:
        return queryset
    if not filterset.is_valid():
        return queryset.none()
    return filterset.filter_queryset(queryset)
