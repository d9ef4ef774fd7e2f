"""Claim, source and link filters, shared by the HTML lists and the API."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q

from articles.models import Article
from claims.models import (
    Claim,
    ClaimLink,
    ClaimStatus,
    Credibility,
    LinkKind,
    LinkStatus,
    Reliability,
    Source,
    SourceKind,
)


class ClaimFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text", label="Search", help_text="Quote, statement, source or article title"
    )
    article = django_filters.ModelChoiceFilter(queryset=Article.objects.only("id", "title"))
    source = django_filters.ModelChoiceFilter(queryset=Source.objects.only("id", "name"))
    source_kind = django_filters.ChoiceFilter(
        field_name="source__kind", choices=SourceKind.choices, label="Source kind"
    )
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices)
    credibility = django_filters.TypedChoiceFilter(choices=Credibility.choices, coerce=int)
    reliability = django_filters.ChoiceFilter(
        field_name="source__reliability", choices=Reliability.choices
    )
    tag = django_filters.CharFilter(field_name="tags__name", label="Tag", distinct=True)
    created_by = django_filters.ModelChoiceFilter(
        queryset=get_user_model().objects.only("id", "username"), label="Author"
    )
    created_after = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label="Created on or after"
    )
    created_before = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", label="Created on or before"
    )
    in_contradiction = django_filters.BooleanFilter(
        method="filter_in_contradiction", label="In a contradiction"
    )

    class Meta:
        model = Claim
        fields = [
            "q",
            "article",
            "source",
            "source_kind",
            "status",
            "credibility",
            "reliability",
            "tag",
            "created_by",
            "created_after",
            "created_before",
            "in_contradiction",
        ]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(quote__icontains=value)
            | Q(statement__icontains=value)
            | Q(source__name__icontains=value)
            | Q(article__title__icontains=value)
        )

    def filter_in_contradiction(self, queryset, name, value):
        if value is None:
            return queryset
        linked = ClaimLink.objects.filter(kind=LinkKind.CONTRADICTS)
        ids = linked.values("claim_a_id").union(linked.values("claim_b_id"))
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)


class SourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="Name")
    kind = django_filters.ChoiceFilter(choices=SourceKind.choices)
    reliability = django_filters.ChoiceFilter(choices=Reliability.choices)

    class Meta:
        model = Source
        fields = ["q", "kind", "reliability"]


class LinkFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=LinkKind.choices)
    status = django_filters.ChoiceFilter(choices=LinkStatus.choices)
    claim = django_filters.NumberFilter(method="filter_claim", label="Either claim")

    class Meta:
        model = ClaimLink
        fields = ["kind", "status", "claim"]

    def filter_claim(self, queryset, name, value):
        return queryset.filter(Q(claim_a_id=value) | Q(claim_b_id=value))
