"""Suggestions done without a decision on them: a passage an analyst recorded by hand, a pair
whose link an analyst made by hand. Each is accepted by what was done, in the name of who did
it, and leaves the reading view, the board's "Suggested" section and the dashboard's counts:
they offer what is left to decide, not what is done.

- Recording claims settles every pending claim suggestion whose passage one of them overlaps
  (the engine suggests no passage a live claim overlaps): one query when none does.
- Linking two claims (on the board, a claim's page, the API, an accepted suggestion) settles
  every pending pair suggestion that asked for that link: the same kind, between the same two
  claims, a side naming its claim or lying exactly on its span (recorded since).
"""

import contextlib
import contextvars
from collections.abc import Iterator

from django.db.models import Q, QuerySet
from django.utils import timezone

from claims.models import Claim, ClaimLink, LinkKind
from suggestions.models import Suggestion, SuggestionKind, SuggestionStatus

SUGGESTION_KIND = {
    LinkKind.CONTRADICTS: SuggestionKind.CONTRADICTION,
    LinkKind.CORROBORATES: SuggestionKind.CORROBORATION,
}


#: The suggestions being decided in this context (`deciding`): their own accept records claims
#: and proposes links, which must not settle them a second time.
_DECIDING: contextvars.ContextVar[frozenset[int]] = contextvars.ContextVar(
    "suggestions_deciding", default=frozenset()
)


@contextlib.contextmanager
def deciding(suggestion_id: int) -> Iterator[None]:
    """While a suggestion is accepted, what its accept records does not settle it."""
    token = _DECIDING.set(_DECIDING.get() | {suggestion_id})
    try:
        yield
    finally:
        _DECIDING.reset(token)


def _pending(kinds: list[str]) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(kind__in=kinds, status=SuggestionStatus.PENDING).exclude(
        pk__in=_DECIDING.get()
    )


def passages_recorded(claims: list[Claim]) -> int:
    """Accept, by the first of `claims` that overlaps it, each pending claim suggestion whose
    passage one of them overlaps; returns how many."""
    overlapping = Q()
    for claim in claims:
        overlapping |= Q(
            a_article_id=claim.article_id, a_start__lt=claim.end, a_end__gt=claim.start
        )
    asked = _pending([SuggestionKind.CLAIM])
    settled = 0
    for suggestion in asked.filter(overlapping).select_for_update():
        claim = min(
            (
                claim
                for claim in claims
                if claim.article_id == suggestion.a_article_id
                and claim.start < suggestion.a_end
                and suggestion.a_start < claim.end
            ),
            key=lambda claim: claim.pk,
        )
        suggestion.a_claim = claim
        _accepted(suggestion, by=claim.created_by)
        settled += 1
    return settled


def _accepted(suggestion: Suggestion, *, by) -> None:
    suggestion.status = SuggestionStatus.ACCEPTED
    suggestion.decided_by = by
    suggestion.decided_at = timezone.now()
    suggestion._history_user = by
    suggestion.save()


def _side_is(side: str, claim: Claim) -> Q:
    """The suggestion's `side` is `claim`: names it, or lies exactly on its span."""
    on_span = {
        f"{side}_article_id": claim.article_id,
        f"{side}_start": claim.start,
        f"{side}_end": claim.end,
    }
    return Q(**{f"{side}_claim_id": claim.pk}) | Q(**on_span)


def pairs_settled_by(link: ClaimLink) -> int:
    """Accept, by `link`, the pending pair suggestions that asked for it; returns how many."""
    one, other = link.claim_a, link.claim_b
    asked = _pending([SUGGESTION_KIND[link.kind]]).filter(
        (_side_is("a", one) & _side_is("b", other)) | (_side_is("a", other) & _side_is("b", one))
    )
    settled = 0
    for suggestion in asked.select_for_update():
        forward = suggestion.a_claim_id == one.pk or (
            suggestion.a_article_id == one.article_id
            and (suggestion.a_start, suggestion.a_end) == (one.start, one.end)
        )
        suggestion.a_claim, suggestion.b_claim = (one, other) if forward else (other, one)
        suggestion.link = link
        _accepted(suggestion, by=link.created_by)
        settled += 1
    return settled
