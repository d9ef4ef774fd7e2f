"""The filters of the suggestion list, shared by the API and the pages."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from claims.filters import IntegerFilter
from suggestions.models import Suggestion, SuggestionKind, SuggestionStatus


class SuggestionFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=SuggestionKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=SuggestionStatus.choices, label=_("Status"))
    article = IntegerFilter(
        method="filter_article",
        label=_("Article"),
        help_text=_("An article id: suggestions with a side in that article."),
    )

    class Meta:
        model = Suggestion
        fields = ["kind", "status", "article"]

    def filter_article(self, queryset, name, value):
        return queryset.filter(Q(a_article_id=value) | Q(b_article_id=value))
