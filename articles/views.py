"""Article pages: thin views over the selectors and filters."""

from django_filters.views import FilterView

from articles import selectors
from articles.filters import ArticleFilter
from project.sorting import SortableListMixin


class ArticleListView(SortableListMixin, FilterView):
    template_name = "articles/article_list.html"
    filterset_class = ArticleFilter
    paginate_by = 50
    sortable = {
        "title": "title",
        "published": "published_on",
        "added": "created_at",
        "claims": "claim_count",
        "outlet": "outlet__name",
    }
    default_sort = "-added"

    def get_queryset(self):
        return self.sort(selectors.article_list())
