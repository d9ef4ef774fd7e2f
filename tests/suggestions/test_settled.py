"""What the suggestions offer keeps up with the evidence (an audit found it frozen at the moment
each suggestion was made): a side recorded as a claim since shows that claim (board, accept
page, API); a pair linked by hand is settled by the link and leaves "Suggested" and the counts;
a passage recorded by hand is no longer offered as a claim (reading view, dashboard)."""

import pytest
from django.urls import reverse

from claims import services as claim_services
from suggestions import selectors
from suggestions.models import Suggestion, SuggestionKind, SuggestionStatus
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def _claim_on(suggestion: Suggestion, side: str, **fields):
    return ClaimFactory(
        article=getattr(suggestion, f"{side}_article"),
        start=getattr(suggestion, f"{side}_start"),
        end=getattr(suggestion, f"{side}_end"),
        quote=getattr(suggestion, f"{side}_quote"),
        **fields,
    )


def test_sides_recorded_since_show_their_claims(client, analyst, analyst_client, contradiction):
    a, b = _claim_on(contradiction, "a"), _claim_on(contradiction, "b")
    client.force_login(analyst)

    board = client.get(reverse("claims:board")).content.decode()
    accept_page = client.get(reverse("suggestions:accept", args=[contradiction.pk]))
    api = analyst_client.get(f"/api/suggestions/{contradiction.pk}/").json()

    card = board[board.index(f'id="suggestion-{contradiction.pk}"') :]
    card = card[: card.index("</footer>")]
    assert "Not yet a claim" not in card
    assert f"Claim {a.pk}" in card and f"Claim {b.pk}" in card
    assert f"Claim {b.pk}" in accept_page.content.decode()
    assert (api["a"]["claim"], api["b"]["claim"]) == (a.pk, b.pk)


def test_a_side_whose_claim_was_deleted_is_not_a_claim_any_more(analyst_client, contradiction):
    a = _claim_on(contradiction, "a")
    claim_services.claim_delete(claim=a, user=a.created_by)

    api = analyst_client.get(f"/api/suggestions/{contradiction.pk}/").json()

    assert api["a"]["claim"] is None


def test_linking_the_pair_by_hand_settles_the_suggestion(client, analyst, contradiction):
    a, b = _claim_on(contradiction, "a"), _claim_on(contradiction, "b")
    before = selectors.pending_counts()[SuggestionKind.CONTRADICTION]

    link = claim_services.link_create(kind="contradicts", claim_a=b, claim_b=a, user=analyst)

    contradiction.refresh_from_db()
    assert (contradiction.status, contradiction.link_id) == (SuggestionStatus.ACCEPTED, link.pk)
    assert (contradiction.a_claim_id, contradiction.b_claim_id) == (a.pk, b.pk)
    assert contradiction.decided_by == analyst
    assert selectors.pending_counts()[SuggestionKind.CONTRADICTION] == before - 1
    client.force_login(analyst)
    board = client.get(reverse("claims:board")).content.decode()
    assert f'id="suggestion-{contradiction.pk}"' not in board


def test_a_link_of_the_other_kind_settles_nothing(analyst, contradiction):
    a, b = _claim_on(contradiction, "a"), _claim_on(contradiction, "b")

    claim_services.link_create(kind="corroborates", claim_a=a, claim_b=b, user=analyst)

    contradiction.refresh_from_db()
    assert contradiction.status == SuggestionStatus.PENDING


def test_a_passage_recorded_by_hand_is_no_longer_suggested(client, analyst, claim_suggestion):
    before = selectors.pending_counts()[SuggestionKind.CLAIM]
    article = claim_suggestion.a_article
    client.force_login(analyst)
    offered = client.get(reverse("claims:reading", args=[article.pk])).content.decode()
    assert f"[{claim_suggestion.pk}, " in offered.replace('"', "")

    _claim_on(claim_suggestion, "a")

    assert selectors.pending_counts()[SuggestionKind.CLAIM] == before - 1
    assert claim_suggestion.pk not in {
        suggestion_id for suggestion_id, _, _ in selectors.pending_spans_for_article(article.pk)
    }
    assert claim_suggestion not in selectors.pending_for_article(article.pk)
