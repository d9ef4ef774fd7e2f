"""Suggestions done without a decision on them: a passage an analyst recorded by hand, a pair
whose link an analyst made by hand. Each is accepted by what was done, in the name of who did
it, and leaves the reading view, the board's "Suggested" section and the dashboard's counts:
they offer what is left to decide, not what is done.

- Recording claims settles every pending claim suggestion whose passage one of them overlaps
  (the engine suggests no passage a live claim overlaps): one statement when none does.
- Linking two claims (on the board, a claim's page, the API, an accepted suggestion) settles
  every pending pair suggestion that asked for that link: the same kind, between the same two
  claims, a side naming its claim or overlapping it (recorded since).
- Moving a claim's passage settles the claim suggestions its new passage overlaps, as recording
  it there would have.
"""

import contextlib
import contextvars
from collections.abc import Iterator

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from claims.models import Claim, ClaimLink
from suggestions.models import PAIR_KIND, Suggestion, SuggestionKind, SuggestionStatus, overlaps

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
        passage = (suggestion.a_article_id, suggestion.a_start, suggestion.a_end)
        suggestion.a_claim = min(
            (claim for claim in claims if overlaps(_span(claim), passage)),
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


def _span(claim: Claim) -> tuple[int, int, int]:
    return claim.article_id, claim.start, claim.end


def _side_is(side: str, claim: Claim) -> Q:
    """The suggestion's `side` is `claim`: names it, or its passage overlaps the claim (an
    analyst records the words that matter, seldom the engine's whole sentence)."""
    over = {
        f"{side}_article_id": claim.article_id,
        f"{side}_start__lt": claim.end,
        f"{side}_end__gt": claim.start,
    }
    return Q(**{f"{side}_claim_id": claim.pk}) | Q(**over)


def _is(suggestion: Suggestion, side: str, claim: Claim) -> bool:
    """`_side_is`, of a suggestion already read."""
    span = tuple(getattr(suggestion, f"{side}_{name}") for name in ("article_id", "start", "end"))
    return getattr(suggestion, f"{side}_claim_id") == claim.pk or overlaps(span, _span(claim))


def _ends(suggestion: Suggestion, link: ClaimLink) -> tuple[Claim, Claim] | None:
    """The link's claims as the suggestion's sides a and b, if it is the link it asked for."""
    if PAIR_KIND[link.kind] != suggestion.kind:
        return None
    for a, b in ((link.claim_a, link.claim_b), (link.claim_b, link.claim_a)):
        if _is(suggestion, "a", a) and _is(suggestion, "b", b):
            return a, b
    return None


def pairs_settled_by(links: list[ClaimLink]) -> int:
    """Accept, each by its link, the pending pair suggestions that asked for one of `links`
    (one query for all of them); returns how many."""
    if not links:
        return 0
    asked = Q()
    for link in links:
        one, other = link.claim_a, link.claim_b
        asked |= Q(kind=PAIR_KIND[link.kind]) & (
            (_side_is("a", one) & _side_is("b", other))
            | (_side_is("a", other) & _side_is("b", one))
        )
    pending = Suggestion.objects.filter(status=SuggestionStatus.PENDING)
    settled = 0
    for suggestion in pending.exclude(pk__in=_DECIDING.get()).filter(asked).select_for_update():
        for link in links:
            if ends := _ends(suggestion, link):
                break
        else:
            continue
        suggestion.a_claim, suggestion.b_claim = ends
        suggestion.link = link
        _accepted(suggestion, by=link.created_by)
        settled += 1
    return settled
