"""Sorting list pages by a whitelisted column named in the URL (`?sort=-added`)."""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, QuerySet


class SortableListMixin:
    """Orders the list by `?sort=<key>` or `?sort=-<key>`, where keys map to fields in
    `sortable`. Unknown keys fall back to `default_sort`, so a hand-edited URL never errors."""

    sortable: dict[str, str] = {}
    default_sort: str = ""

    def current_sort(self) -> str:
        requested = self.request.GET.get("sort", "")
        return requested if requested.lstrip("-") in self.sortable else self.default_sort

    def sort(self, queryset: QuerySet) -> QuerySet:
        key = self.current_sort()
        if not key:
            return queryset
        name = self.sortable[key.lstrip("-")]
        # NULLS LAST only where a NULL can be: on a required column it changes nothing shown,
        # and would keep PostgreSQL from reading the first rows off the column's index.
        nulls_last = True if _nullable(queryset, name) else None
        field = F(name)
        ordering = (
            field.desc(nulls_last=nulls_last)
            if key.startswith("-")
            else field.asc(nulls_last=nulls_last)
        )
        return queryset.order_by(ordering, "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sort"] = self.current_sort()
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("sort", None)
        context["query_without_sort"] = query.urlencode()
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


def _nullable(queryset: QuerySet, name: str) -> bool:
    """Whether the sort column `name` may hold NULL (anything but a required column of the
    model itself, such as an annotation or a related column, counts as nullable)."""
    try:
        return queryset.model._meta.get_field(name).null
    except FieldDoesNotExist:
        return True
