"""Claim, source and link filters, shared by the HTML lists and the API."""

import re
import uuid

import django_filters
from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.db.models import Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from articles.models import Article
from articles.selectors import search_terms
from claims.models import (
    Claim,
    ClaimLink,
    ClaimStatus,
    Credibility,
    LinkKind,
    LinkStatus,
    graded_reliability_is,
)
from claims.selectors import in_contradiction
from claims.services.tag_names import tag_slug
from project.filters import PersonFilter, SiteDayFilter, YesNoFilter
from project.filtersets import FilterSet
from project.ids import MAX_ID
from sources.models import Reliability, Source, SourceKind

GRADE_PATTERN = re.compile(r"^\s*[A-Fa-f][1-6]\s*$")
#: A claim's uuid as the files write it, alone in a search box, with or without the `urn:uuid:`
#: of its Web Annotation.
_UUID_SEARCH = re.compile(
    r"(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", re.IGNORECASE
)
#: Up to this many ids are written into the query as values; beyond, a subquery is cheaper.
MAX_LISTED_IDS = 1000


def _ids_or_subquery(queryset: QuerySet):
    """The primary keys of `queryset` as a list when there are few (the planner then sees
    literal values it can use an index and a row estimate for), else as a subquery."""
    ids = list(queryset.order_by().values_list("pk", flat=True)[: MAX_LISTED_IDS + 1])
    return ids if len(ids) <= MAX_LISTED_IDS else queryset.order_by().values("pk")


#: `status=all`: every status, on the lists, the API and the export alike (an export without a
#: status holds approved claims only, so scripts say so).
EVERY_STATUS = "all"
#: Times are stored in UTC and shown in the site's zone (each time on a page names it): a day
#: filtered on is a day there.
DAYS_IN_SITE_TIME = f"A day as YYYY-MM-DD, in the site's time zone ({settings.TIME_ZONE})."


class EveryStatusField(django_filters.fields.ChoiceField):
    """A status, where `all` is read as none: every consumer of the cleaned filters (the list,
    its count from the tallies, the chips, the export) then sees no status filter."""

    def clean(self, value):
        value = super().clean(value)
        return "" if value == EVERY_STATUS else value


class StatusFilter(django_filters.ChoiceFilter):
    field_class = EveryStatusField


class TagField(forms.CharField):
    """A tag named as analysts type it ("Troop numbers"), cleaned to the name it is stored
    under ("troop-numbers"), so that the filter, the counts and the chips all use that."""

    def to_python(self, value):
        return tag_slug(super().to_python(value))


class TagFilter(django_filters.CharFilter):
    field_class = TagField


class ClaimFilter(FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label="Search",
        help_text="Quote, statement, source or article title; or a claim's uuid "
        "(urn:uuid:… in a JSON-LD export)",
    )
    article = django_filters.ModelChoiceFilter(queryset=Article.objects.only("id", "title"))
    source = django_filters.ModelChoiceFilter(queryset=Source.objects.only("id", "name"))
    source_kind = django_filters.ChoiceFilter(
        field_name="source__kind", choices=SourceKind.choices, label="Source kind"
    )
    status = StatusFilter(
        choices=[*ClaimStatus.choices, (EVERY_STATUS, "Every status")],
        help_text="A status, or “all” (the same as none).",
    )
    credibility = django_filters.TypedChoiceFilter(choices=Credibility.choices, coerce=int)
    reliability = django_filters.ChoiceFilter(
        method="filter_reliability",
        choices=Reliability.choices,
        label="Reliability",
        help_text="The reliability of the claim's grade: as evaluated for a reviewed claim, "
        "else the source's current one.",
    )
    tag = TagFilter(method="filter_tag", label="Tag")
    created_by = PersonFilter(label="Author")
    reviewed_by = PersonFilter(label="Reviewer")
    created_after = SiteDayFilter(
        field_name="created_at",
        lookup_expr="date__gte",
        label="Created on or after",
        help_text=DAYS_IN_SITE_TIME,
    )
    created_before = SiteDayFilter(
        field_name="created_at",
        lookup_expr="date__lte",
        label="Created on or before",
        help_text=DAYS_IN_SITE_TIME,
    )
    in_contradiction = YesNoFilter(method="filter_in_contradiction", label="In a contradiction")
    grade = django_filters.CharFilter(
        method="filter_grade",
        label="Grade",
        help_text="Reliability and credibility, e.g. B2",
        validators=[
            RegexValidator(
                GRADE_PATTERN,
                message="Write a grade as a letter A–F and a digit 1–6, e.g. B2.",
                code="invalid_grade",
            )
        ],
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
            "reviewed_by",
            "created_after",
            "created_before",
            "in_contradiction",
            "grade",
        ]

    def filter_text(self, queryset, name, value):
        value = search_terms(value)
        if not value:
            return queryset
        if named := _UUID_SEARCH.fullmatch(value):
            return queryset.filter(uuid=uuid.UUID(named[1]))
        # The matching sources and articles are looked up first (small tables) so that the
        # claims are filtered on their own columns only: PostgreSQL can then combine one index
        # per condition (the trigram indexes of claims migration 0005 for the words) where an
        # OR across the joined tables made it read every claim.
        return queryset.filter(
            Q(quote__icontains=value)
            | Q(statement__icontains=value)
            | Q(source__in=_ids_or_subquery(Source.objects.filter(name__icontains=value)))
            | Q(article__in=_ids_or_subquery(Article.objects.filter(title__icontains=value)))
        )

    def filter_tag(self, queryset, name, value):
        """Claims carrying the tag, named as stored or as typed ("Troop numbers")."""
        tagged = Claim.tags.through.objects.filter(tag__name=value).values("claim_id")
        return queryset.filter(pk__in=tagged)

    def filter_in_contradiction(self, queryset, name, value):
        if value is None:
            return queryset
        contradicted = in_contradiction()
        return queryset.filter(contradicted if value else ~contradicted)

    def filter_reliability(self, queryset, name, value):
        return queryset.filter(graded_reliability_is(value)) if value else queryset

    def filter_grade(self, queryset, name, value):
        grade = value.strip().upper()
        if not grade:
            return queryset
        return queryset.filter(graded_reliability_is(grade[0]), credibility=int(grade[1]))


@extend_schema_field(OpenApiTypes.INT)
class IntegerFilter(django_filters.NumberFilter):
    """A number filter that accepts ids only: whole numbers a primary key can hold."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class LinkFilter(FilterSet):
    kind = django_filters.ChoiceFilter(choices=LinkKind.choices)
    status = django_filters.ChoiceFilter(choices=LinkStatus.choices)
    claim = IntegerFilter(method="filter_claim", label="Either claim")

    class Meta:
        model = ClaimLink
        fields = ["kind", "status", "claim"]

    def filter_claim(self, queryset, name, value):
        return queryset.filter(Q(claim_a_id=value) | Q(claim_b_id=value))


class ContradictionFilter(django_filters.FilterSet):
    """The contradiction board: "contradicts" links by status, by a tag or a source on either
    claim, and by article: `article` alone keeps links touching it; with `other_article`, the
    links between the two (in either direction)."""

    status = django_filters.ChoiceFilter(choices=LinkStatus.choices, empty_label="Any status")
    tag = TagFilter(method="filter_tag", label="Tag")
    article = IntegerFilter(method="filter_articles", label="Article")
    other_article = IntegerFilter(method="filter_articles", label="Other article")
    source = IntegerFilter(method="filter_source", label="Source")

    class Meta:
        model = ClaimLink
        fields = ["status", "tag", "article", "other_article", "source"]

    def filter_tag(self, queryset, name, value):
        # The tag rows alone, not joined with the claims: whether the claims are live is the
        # base queryset's concern (`selectors.contradictions()`), and the join made the filter
        # several times slower.
        tagged = Claim.tags.through.objects.filter(tag__name=value).values("claim_id")
        return queryset.filter(Q(claim_a__in=tagged) | Q(claim_b__in=tagged))

    def filter_source(self, queryset, name, value):
        return queryset.filter(Q(claim_a__source_id=value) | Q(claim_b__source_id=value))

    def filter_articles(self, queryset, name, value):
        first = self.form.cleaned_data.get("article")
        second = self.form.cleaned_data.get("other_article")
        if name == "other_article" and first is not None:
            return queryset  # already applied together with `article`
        if first is None or second is None:
            return queryset.filter(Q(claim_a__article_id=value) | Q(claim_b__article_id=value))
        return queryset.filter(
            Q(claim_a__article_id=first, claim_b__article_id=second)
            | Q(claim_a__article_id=second, claim_b__article_id=first)
        )
