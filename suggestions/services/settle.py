"""Suggestions done without a decision on them: a pair whose link an analyst made by hand.

Linking two claims (on the board, a claim's page, the API, an accepted suggestion) settles every
pending suggestion that asked for that link: the same kind, between the same two claims, a side
naming its claim or lying exactly on its span (recorded since the suggestion was made). It is
accepted by the link, in the name of who made it, and leaves the board's "Suggested" section
and the dashboard's counts: they offer what is left to decide, not what is done.
"""

from django.db.models import Q
from django.utils import timezone

from claims.models import Claim, ClaimLink, LinkKind
from suggestions.models import Suggestion, SuggestionKind, SuggestionStatus

SUGGESTION_KIND = {
    LinkKind.CONTRADICTS: SuggestionKind.CONTRADICTION,
    LinkKind.CORROBORATES: SuggestionKind.CORROBORATION,
}


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
    asked = Suggestion.objects.filter(
        kind=SUGGESTION_KIND[link.kind], status=SuggestionStatus.PENDING
    ).filter(
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
        suggestion.status = SuggestionStatus.ACCEPTED
        suggestion.decided_by = link.created_by
        suggestion.decided_at = timezone.now()
        suggestion._history_user = link.created_by
        suggestion.save()
        settled += 1
    return settled
