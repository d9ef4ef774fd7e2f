"""What the suggestions offer keeps up with the evidence (an audit found it frozen at the moment
each suggestion was made): a side recorded as a claim since shows that claim (board, accept
page, API); a pair linked by hand is settled by the link, and a passage recorded by hand (on
its span or a part of it) by the claim: each leaves what is offered and the counts."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims import services as claim_services
from suggestions import selectors
from suggestions.models import Suggestion, SuggestionKind, SuggestionStatus
from tests.factories import ClaimFactory, ClaimLinkFactory, SourceFactory

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


@pytest.mark.parametrize("span", ["exact", "within"])
def test_a_passage_recorded_by_hand_is_no_longer_suggested(client, analyst, claim_suggestion, span):
    """Recorded on its span, or on a part of it (the figure alone): the engine suggests no
    passage a claim overlaps, and the suggestion already made is settled by the claim."""
    before = selectors.pending_counts()[SuggestionKind.CLAIM]
    article = claim_suggestion.a_article
    start, end = claim_suggestion.a_start, claim_suggestion.a_end
    if span == "within":
        start, end = start + 4, end - 4

    claim = claim_services.claim_create(
        article=article,
        start=start,
        end=end,
        quote=article.text[start:end],
        source=SourceFactory(),
        created_by=analyst,
    )

    claim_suggestion.refresh_from_db()
    assert (claim_suggestion.status, claim_suggestion.a_claim) == (SuggestionStatus.ACCEPTED, claim)
    assert claim_suggestion.decided_by == analyst
    assert selectors.pending_counts()[SuggestionKind.CLAIM] == before - 1
    assert claim_suggestion.pk not in {
        suggestion_id for suggestion_id, _, _ in selectors.pending_spans_for_article(article.pk)
    }


def test_a_claim_beside_a_passage_leaves_its_suggestion_pending(analyst, claim_suggestion):
    article = claim_suggestion.a_article
    start = claim_suggestion.a_end  # from the passage's end on, not into it
    claim_services.claim_create(
        article=article,
        start=start,
        end=len(article.text),
        quote=article.text[start:],
        source=SourceFactory(),
        created_by=analyst,
    )

    claim_suggestion.refresh_from_db()
    assert claim_suggestion.status == SuggestionStatus.PENDING


def test_reading_an_article_again_settles_what_was_done_without_the_hooks(
    analyst, claim_suggestion, contradiction
):
    """Claims and links written past the services (an import, or before suggestions were
    settled as they were recorded) are caught up when the article is read again
    (`manage.py suggest`)."""
    recorded = _claim_on(claim_suggestion, "a")  # the factory saves: no claims_recorded
    a, b = _claim_on(contradiction, "a"), _claim_on(contradiction, "b")
    link = ClaimLinkFactory(kind="contradicts", claim_a=a, claim_b=b)  # no link_recorded
    claim_suggestion.refresh_from_db()
    assert claim_suggestion.status == SuggestionStatus.PENDING

    call_command("suggest", article=[claim_suggestion.a_article_id, contradiction.a_article_id])

    claim_suggestion.refresh_from_db()
    contradiction.refresh_from_db()
    assert (claim_suggestion.status, claim_suggestion.a_claim) == (
        SuggestionStatus.ACCEPTED,
        recorded,
    )
    assert (contradiction.status, contradiction.link) == (SuggestionStatus.ACCEPTED, link)
