"""Article pages: thin views over the selectors and filters."""

from django.views.generic import DetailView
from django_filters.views import FilterView

from articles import selectors
from articles.filters import ArticleFilter
from claims.selectors import claim_list
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


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return selectors.article_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["paragraphs"] = [p for p in article.text.split("\n") if p.strip()]
        context["claims"] = claim_list().filter(article=article).order_by("start", "end", "id")
        return context
