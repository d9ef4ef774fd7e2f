"""What list pages share beside sorting (`project.sorting`): the filter chips above a list,
the query string without some filters, and paging that counts with a cheaper query."""

import contextlib
import datetime

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
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
    """A paginator that offers the first `cap` rows in pages and counts no further than that
    unless it is told the count (ADR 0014).

    - Told `exact_count` (read from the tallies, ADR 0012), it shows that number, whatever it is.
    - Else it counts at most `cap + 1` rows (`COUNT(*)` over a `LIMIT cap + 1` subquery), so a
      list of a million rows costs a count of a thousand, and past the cap it shows "1,000+",
      never a wrong exact number.

    Either way only the pages up to the cap are offered (an OFFSET of 900,000 rows would read
    them all), `capped` says that more rows match than the pages hold, and a page number
    beyond them shows the last one offered."""

    cap = 1_000

    def __init__(
        self,
        object_list,
        per_page,
        *,
        count_of: QuerySet | None = None,
        exact_count: int | None = None,
        **kwargs,
    ):
        super().__init__(object_list, per_page, **kwargs)
        self.count_of = self.object_list if count_of is None else count_of
        self.exact_count = exact_count

    @cached_property
    def counted(self) -> int:
        if self.exact_count is not None:
            return self.exact_count
        # Unordered: which rows fill the LIMIT does not change how many there are, and an
        # ORDER BY kept in the subquery sorted every row (the claim list by source: all
        # million claims joined to their source's name) before counting.
        return self.count_of.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.counted > self.cap

    @cached_property
    def count(self) -> int:
        """The rows the pages hold (Django's paginator pages over this many)."""
        return min(self.counted, self.cap)

    @property
    def pages_shown(self) -> str:
        """How many pages there are, as the page says it ("Page 3 of …")."""
        if self.capped:
            return f"{self.num_pages} (the first {self.count:,})"
        return str(self.num_pages)

    @property
    def count_shown(self) -> str:
        """The count as a page shows it: the exact count when it is known, else "1,000+" past
        the cap."""
        if self.exact_count is not None:
            return f"{self.exact_count:,}"
        return f"{self.cap:,}+" if self.capped else f"{self.count:,}"

    def validate_number(self, number):
        if self.capped:
            # A number that is no number: the base class says what is wrong with it.
            with contextlib.suppress(TypeError, ValueError):
                number = min(int(number), self.num_pages)
        return super().validate_number(number)


class UncountedPaginator(CappedPaginator):
    """Pages of a search, which does not count its matches unless asked (ADR 0014): counting
    a common word's matches at a million claims costs ten times the page. A page reads one row
    more than it shows, through `read(offset, limit)`, to know whether another follows; the
    count is exact once the last page is read, else "more than N" (`uncounted`). Pages stop at
    the cap, as the counted lists' do. Asked for its last page by name (`?page=last`, before any
    page is read), it reads the ids up to the cap to find it."""

    def __init__(self, read, per_page, **kwargs):
        super().__init__([], per_page, **kwargs)
        self.read = read
        self.number = 1
        self.rows: list = []
        self.uncounted = False  # rows follow this page, and nobody counted them
        self.read_a_page = False

    @property
    def num_pages(self) -> int:
        if not self.read_a_page:  # Django's list asks it for "?page=last"
            return self.last_page
        return (
            self.number + 1 if self.uncounted and self.number < self.pages_allowed else self.number
        )

    @cached_property
    def last_page(self) -> int:
        """The last page up to the cap, found by reading the ids of every page before it."""
        found = len(self.read(0, self.pages_allowed * self.per_page))
        return min(self.pages_allowed, max(1, -(-found // self.per_page)))

    @property
    def pages_allowed(self) -> int:
        return max(1, self.cap // self.per_page)

    @property
    def count(self) -> int:
        """The rows up to the end of this page: all of them once no page follows."""
        return (self.number - 1) * self.per_page + len(self.rows)

    @property
    def capped(self) -> bool:
        return self.uncounted and self.number >= self.pages_allowed

    @property
    def pages_shown(self) -> str:
        return f"{self.num_pages}+" if self.uncounted else str(self.num_pages)

    @property
    def count_shown(self) -> str:
        return f"more than {self.count:,}" if self.uncounted else f"{self.count:,}"

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        self.number = min(number, self.pages_allowed)
        self.read_a_page = True
        rows = list(self.read((self.number - 1) * self.per_page, self.per_page + 1))
        if not rows and self.number > 1:  # past the last page, as Django's paginator says
            raise EmptyPage("That page contains no results")
        self.uncounted = len(rows) > self.per_page
        self.rows = rows[: self.per_page]
        return self._get_page(self.rows, self.number, self)


class CountedPaginator(CappedPaginator):
    """A capped paginator whose count comes from `count_of`, a cheaper query than the page's
    own (the same rows without the joins and annotations only the shown rows need)."""

    def __init__(self, object_list, per_page, *, count_of: QuerySet, **kwargs):
        super().__init__(object_list, per_page, count_of=count_of, **kwargs)


def filtered(filterset, queryset: QuerySet, *, leaving_out: tuple[str, ...] = ()) -> QuerySet:
    """`queryset` narrowed as `filterset` narrows its own, by every filter but those named in
    `leaving_out` (the status, for counts per status): untouched when no filter was sent,
    empty when the filter could not be read."""
    if not filterset.is_bound:
        return queryset
    if not filterset.is_valid():
        return queryset.none()
    if not leaving_out:
        return filterset.filter_queryset(queryset)
    for name, value in filterset.form.cleaned_data.items():
        if name not in leaving_out:
            queryset = filterset.filters[name].filter(queryset, value)
    return queryset
