"""Suggestions done without a decision on them: a passage an analyst recorded by hand, a pair
whose link an analyst made by hand. Each is accepted by what was done, in the name of who did
it, and leaves the reading view, the board's "Suggested" section and the dashboard's counts:
they offer what is left to decide, not what is done.

- Recording claims settles every pending claim suggestion whose passage one of them overlaps
  (the engine suggests no passage a live claim overlaps): one statement when none does.
- Linking two claims (on the board, a claim's page, the API, an accepted suggestion) settles
  every pending pair suggestion that asked for that link: the same kind, between the same two
  claims, a side naming its claim or lying exactly on its span (recorded since).
"""

import contextlib
import contextvars
from collections.abc import Iterator

from django.db import connection
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
    passage one of them overlaps; returns how many.

    It runs with every claim recorded, on the hottest write there is, and almost always finds
    nothing: the search is one statement written here rather than a queryset built (built, it
    cost a create about 1 ms of CPU, up to 2 ms after a pause: issue 17); a suggestion found is
    then accepted through the model, with its history."""
    found = _overlapped_suggestions(claims) - _DECIDING.get()
    if not found:
        return 0
    settled = 0
    for suggestion in Suggestion.objects.filter(pk__in=found).order_by("pk"):
        suggestion.a_claim = min(
            (
                claim
                for claim in claims
                if claim.article_id == suggestion.a_article_id
                and claim.start < suggestion.a_end
                and suggestion.a_start < claim.end
            ),
            key=lambda claim: claim.pk,
        )
        _accepted(suggestion, by=suggestion.a_claim.created_by)
        settled += 1
    return settled


def _overlapped_suggestions(claims: list[Claim]) -> set[int]:
    """The ids of the pending claim suggestions one of `claims` overlaps, locked (PostgreSQL)
    so that nobody decides them meanwhile."""
    table = connection.ops.quote_name(Suggestion._meta.db_table)
    overlaps = " OR ".join(["(a_article_id = %s AND a_start < %s AND a_end > %s)"] * len(claims))
    locked = " FOR UPDATE" if connection.features.has_select_for_update else ""
    sql = f"SELECT id FROM {table} WHERE kind = %s AND status = %s AND ({overlaps}){locked}"
    parameters = [SuggestionKind.CLAIM.value, SuggestionStatus.PENDING.value]
    for claim in claims:
        parameters += [claim.article_id, claim.end, claim.start]
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return {suggestion_id for (suggestion_id,) in cursor.fetchall()}


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
