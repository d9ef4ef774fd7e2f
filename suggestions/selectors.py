"""Reads of suggestions that more than one caller needs, with their joins.

A side's claim is read as it is now (`with_claims_now`): the claim the side named when the
suggestion was made, while it is live, else a live claim recorded since over its passage (by
hand, or by another suggestion), as accepting would find it (`services.decide`). What recording
or linking by hand has done is settled in the database when it is done (`services.settle`), so
the pending suggestions and their counts are read as stored: asked at read time, the count of
claim suggestions not yet claims took 620 ms at 200,000 of them, against 35 ms.
"""

from django.db.models import (
    BigIntegerField,
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from claims.models import Claim
from suggestions.models import PAIR_KINDS, Suggestion, SuggestionKind, SuggestionStatus


def claim_now(side: str) -> Coalesce:
    """The live claim on a side now: its own while live, else the first that overlaps its
    passage (an analyst records the words that matter, seldom the engine's whole sentence)."""
    own = Claim.objects.filter(pk=OuterRef(f"{side}_claim_id")).values("pk")[:1]
    on_span = Claim.objects.filter(
        article_id=OuterRef(f"{side}_article_id"),
        start__lt=OuterRef(f"{side}_end"),
        end__gt=OuterRef(f"{side}_start"),
    )
    on_span = on_span.order_by("pk").values("pk")[:1]
    return Coalesce(Subquery(own), Subquery(on_span), output_field=BigIntegerField())


def claim_deleted(side: str) -> Q:
    """The side named a claim that has been deleted since: accepting is refused then
    (`services.decide`) until the claim is restored or the suggestion dismissed."""
    return Q(**{f"{side}_claim_id__isnull": False}) & ~Exists(
        Claim.objects.filter(pk=OuterRef(f"{side}_claim_id"))
    )


def with_claims_now(suggestions: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    """`suggestions` with `a_claim_now` and `b_claim_now`: each side's claim id now, or None;
    and `a_claim_deleted`, `b_claim_deleted`: whether the side's own claim was deleted."""
    return suggestions.annotate(
        a_claim_now=claim_now("a"),
        b_claim_now=claim_now("b"),
        a_claim_deleted=ExpressionWrapper(claim_deleted("a"), output_field=BooleanField()),
        b_claim_deleted=ExpressionWrapper(claim_deleted("b"), output_field=BooleanField()),
    )


def pending_claim_suggestions() -> QuerySet[Suggestion]:
    """Claim suggestions that wait for a decision."""
    return Suggestion.objects.filter(kind=SuggestionKind.CLAIM, status=SuggestionStatus.PENDING)


#: What a page shows of a side's article: never its text.
_ARTICLE_FIELDS = ("id", "title", "published_on")


def suggestion_list() -> QuerySet[Suggestion]:
    """Suggestions, best first, with the decider's name and each side's claim now (the sides
    are ids)."""
    return with_claims_now(Suggestion.objects.select_related("decided_by").order_by("-score", "id"))


def suggested_pairs() -> QuerySet[Suggestion]:
    """Pending contradiction and corroboration suggestions, best first, with each side's
    article title and claim (for the board)."""
    only = [f"{side}_article__{name}" for side in "ab" for name in _ARTICLE_FIELDS]
    fields = [field.name for field in Suggestion._meta.concrete_fields]
    return with_claims_now(
        Suggestion.objects.filter(kind__in=PAIR_KINDS, status=SuggestionStatus.PENDING)
        .select_related("a_article", "b_article")
        .only(*fields, *only)
        .order_by("kind", "-score", "id")
    )


def pending_for_article(article_id: int) -> QuerySet[Suggestion]:
    """Pending claim suggestions of one article, in text order (for the reading view)."""
    return (
        pending_claim_suggestions()
        .filter(a_article_id=article_id)
        .select_related("a_source")
        .order_by("a_start", "a_end", "id")
    )


def pending_spans_for_article(article_id: int) -> QuerySet:
    """`(id, start, end)` of the pending claim suggestions of one article, in text order: what
    the reading view draws, without the rows' quotes and sources."""
    return (
        pending_claim_suggestions()
        .filter(a_article_id=article_id)
        .order_by("a_start", "a_end", "id")
        .values_list("id", "a_start", "a_end")
    )


def pending_counts() -> dict[str, int]:
    """How many suggestions of each kind wait for a decision (one query)."""
    counts = Suggestion.objects.aggregate(
        **{
            kind: Count("id", filter=Q(kind=kind, status=SuggestionStatus.PENDING))
            for kind in SuggestionKind.values
        }
    )
    return {kind: counts[kind] or 0 for kind in SuggestionKind.values}
