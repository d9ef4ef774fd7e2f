"""Reads of suggestions that more than one caller needs, with their joins."""

from django.db.models import Count, Q, QuerySet

from suggestions.models import PAIR_KINDS, Suggestion, SuggestionKind, SuggestionStatus

#: What a page shows of a side's article: never its text.
_ARTICLE_FIELDS = ("id", "title", "published_on")


def suggestion_list() -> QuerySet[Suggestion]:
    """Suggestions, best first, with the decider's name (the sides are ids)."""
    return Suggestion.objects.select_related("decided_by").order_by("-score", "id")


def suggested_pairs() -> QuerySet[Suggestion]:
    """Pending contradiction and corroboration suggestions, best first, with each side's
    article title and claim (for the board)."""
    only = [f"{side}_article__{name}" for side in "ab" for name in _ARTICLE_FIELDS]
    fields = [field.name for field in Suggestion._meta.concrete_fields]
    return (
        Suggestion.objects.filter(kind__in=PAIR_KINDS, status=SuggestionStatus.PENDING)
        .select_related("a_article", "b_article", "a_claim", "b_claim")
        .only(*fields, *only, "a_claim__id", "a_claim__status", "b_claim__id", "b_claim__status")
        .order_by("kind", "-score", "id")
    )


def pending_for_article(article_id: int) -> QuerySet[Suggestion]:
    """Pending claim suggestions of one article, in text order (for the reading view)."""
    return (
        Suggestion.objects.filter(
            kind=SuggestionKind.CLAIM, status=SuggestionStatus.PENDING, a_article_id=article_id
        )
        .select_related("a_source")
        .order_by("a_start", "a_end", "id")
    )


def pending_spans_for_article(article_id: int) -> QuerySet:
    """`(id, start, end)` of the pending claim suggestions of one article, in text order: what
    the reading view draws, without the rows' quotes and sources."""
    return (
        Suggestion.objects.filter(
            kind=SuggestionKind.CLAIM, status=SuggestionStatus.PENDING, a_article_id=article_id
        )
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
