"""Article filters, shared by the HTML list and the API."""

import django_filters

from articles import selectors
from articles.languages import LanguageField, LanguageInput
from articles.models import Article
from project.filters import IsoDateFilter, PersonFilter, YesNoFilter
from project.filtersets import FilterSet
from project.widgets import DatePicker
from sources.models import Source, SourceKind


class LanguageFilter(django_filters.CharFilter):
    """Articles in one language, named or by code (`articles.languages.LanguageField`)."""

    field_class = LanguageField


class ArticleFilter(FilterSet):
    q = django_filters.CharFilter(method="filter_text", label="Search title and text")
    outlet = django_filters.ModelChoiceFilter(
        queryset=Source.objects.filter(kind=SourceKind.MEDIA_OUTLET).only("id", "name")
    )
    uploaded_by = PersonFilter(label="Uploader")
    published_after = IsoDateFilter(
        field_name="published_on",
        lookup_expr="gte",
        label="Published on or after",
        widget=DatePicker,
    )
    published_before = IsoDateFilter(
        field_name="published_on",
        lookup_expr="lte",
        label="Published on or before",
        widget=DatePicker,
    )
    language = LanguageFilter(
        widget=LanguageInput, help_text="A language's name (French) or code (fr)."
    )
    has_claims = YesNoFilter(method="filter_has_claims", label="Has claims")

    class Meta:
        model = Article
        fields = [
            "q",
            "outlet",
            "uploaded_by",
            "published_after",
            "published_before",
            "language",
            "has_claims",
        ]

    def filter_text(self, queryset, name, value):
        return selectors.article_search(queryset, value)

    def filter_has_claims(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(claim_count__gt=0) if value else queryset.filter(claim_count=0)
