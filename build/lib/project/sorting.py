"""Sorting list pages by a whitelisted column named in the URL (`?sort=-added`)."""

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
        field = F(self.sortable[key.lstrip("-")])
        ordering = (
            field.desc(nulls_last=True) if key.startswith("-") else field.asc(nulls_last=True)
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
