"""Accepting and dismissing suggestions: what is recorded, in whose name, and who may."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Claim, ClaimLink, ClaimStatus, LinkKind, LinkStatus
from project.errors import Conflict
from suggestions import services
from suggestions.models import SuggestionStatus
from tests.factories import ClaimFactory, OutletFactory

pytestmark = pytest.mark.django_db


def test_accepting_a_claim_suggestion_records_a_prefilled_draft_of_the_analyst(
    claim_suggestion, analyst, valley_watch
):
    accepted = services.suggestion_accept(suggestion=claim_suggestion, user=analyst)
    claim = accepted.a_claim
    assert claim.status == ClaimStatus.DRAFT and claim.created_by == analyst
    assert claim.source == valley_watch
    assert (claim.article_id, claim.start, claim.end, claim.quote) == (
        claim_suggestion.a_article_id,
        claim_suggestion.a_start,
        claim_suggestion.a_end,
        claim_suggestion.a_quote,
    )
    assert claim.statement == claim_suggestion.statement
    assert accepted.status == SuggestionStatus.ACCEPTED and accepted.decided_by == analyst
    assert accepted.history.count() == 2


def test_the_analyst_chooses_source_credibility_statement_and_tags(claim_suggestion, analyst):
    other = OutletFactory()
    accepted = services.suggestion_accept(
        suggestion=claim_suggestion,
        user=analyst,
        source=other,
        credibility=2,
        statement="Sixty thousand",
        tags=["troop numbers"],
    )
    claim = accepted.a_claim
    assert (claim.source, claim.credibility, claim.statement) == (other, 2, "Sixty thousand")
    assert [tag.name for tag in claim.tags.all()] == ["troop-numbers"]


def _claim_on_the_span(suggestion, author, **fields):
    return ClaimFactory(
        article=suggestion.a_article,
        start=suggestion.a_start,
        end=suggestion.a_end,
        quote=suggestion.a_quote,
        created_by=author,
        tags=["troops"],
        **fields,
    )


def test_tags_sent_with_an_accept_never_touch_a_claim_the_analyst_may_not_edit(
    claim_suggestion, analyst, analyst2, reviewer, api_client
):
    """The passage is already another analyst's approved claim. Before, the accept replaced its
    tags (["troops"] → ["hoax"]) where an edit of it is refused (403), with no new version."""
    theirs = _claim_on_the_span(
        claim_suggestion, analyst, status=ClaimStatus.APPROVED, reviewed_by=reviewer
    )

    with pytest.raises(PermissionDenied, match=f"already claim {theirs.pk}, which you may not"):
        services.suggestion_accept(suggestion=claim_suggestion, user=analyst2, tags=["hoax"])
    answer = api_client(analyst2).post(
        f"/api/suggestions/{claim_suggestion.pk}/accept/", {"tags": ["hoax"]}, format="json"
    )

    assert answer.status_code == 403
    theirs.refresh_from_db()
    assert [tag.name for tag in theirs.tags.all()] == ["troops"]
    assert theirs.version == 1
    claim_suggestion.refresh_from_db()
    assert claim_suggestion.status == SuggestionStatus.PENDING


def test_tags_sent_with_an_accept_join_the_analysts_own_draft_on_the_span(
    claim_suggestion, analyst
):
    mine = _claim_on_the_span(claim_suggestion, analyst)

    accepted = services.suggestion_accept(
        suggestion=claim_suggestion, user=analyst, tags=["troop numbers"]
    )

    assert accepted.a_claim.pk == mine.pk
    mine.refresh_from_db()
    assert sorted(tag.name for tag in mine.tags.all()) == ["troop-numbers", "troops"]
    assert mine.version == 2


def test_a_claim_suggestion_without_a_recognized_source_asks_for_one(suggested, analyst):
    from suggestions.models import Suggestion, SuggestionKind

    suggestion = Suggestion.objects.get(kind=SuggestionKind.CLAIM, a_article=suggested[0])
    assert suggestion.a_source is None
    with pytest.raises(ValidationError) as caught:
        services.suggestion_accept(suggestion=suggestion, user=analyst)
    assert "source" in caught.value.message_dict
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.PENDING
    assert not Claim.objects.exists()


def test_accepting_a_pair_records_both_claims_and_proposes_a_link(contradiction, analyst):
    outlet = OutletFactory()
    contradiction.a_article.outlet = outlet
    contradiction.a_article.save()
    accepted = services.suggestion_accept(suggestion=contradiction, user=analyst)
    link = accepted.link
    assert link.kind == LinkKind.CONTRADICTS and link.status == LinkStatus.PROPOSED
    assert link.created_by == analyst and link.note == contradiction.reason
    assert {link.claim_a, link.claim_b} == {accepted.a_claim, accepted.b_claim}
    assert accepted.a_claim.source == outlet  # no source named: the article's outlet
    assert accepted.b_claim.source.name == "Valley Watch"  # named in the passage
    assert all(c.status == ClaimStatus.DRAFT for c in (accepted.a_claim, accepted.b_claim))


def test_accepting_a_pair_reuses_the_claims_on_its_sides(contradiction, analyst, analyst2):
    existing = ClaimFactory(
        article=contradiction.a_article,
        start=contradiction.a_start,
        end=contradiction.a_end,
        quote=contradiction.a_quote,
        created_by=analyst2,
    )
    accepted = services.suggestion_accept(
        suggestion=contradiction, user=analyst, source=OutletFactory()
    )
    assert accepted.a_claim == existing
    assert Claim.objects.count() == 2


def test_a_pair_side_with_no_source_at_all_asks_for_one(contradiction, analyst):
    with pytest.raises(ValidationError) as caught:
        services.suggestion_accept(suggestion=contradiction, user=analyst)
    assert "source" in caught.value.message_dict
    assert not ClaimLink.objects.exists() and not Claim.objects.exists()


def test_a_decided_suggestion_cannot_be_decided_again(claim_suggestion, analyst):
    services.suggestion_dismiss(suggestion=claim_suggestion, user=analyst)
    with pytest.raises(Conflict):
        services.suggestion_accept(suggestion=claim_suggestion, user=analyst)
    with pytest.raises(Conflict):
        services.suggestion_dismiss(suggestion=claim_suggestion, user=analyst)


@pytest.mark.parametrize("who", ["reviewer", "no_role_user"])
def test_only_analysts_decide_suggestions(request, who, claim_suggestion):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.suggestion_accept(suggestion=claim_suggestion, user=user)
    with pytest.raises(PermissionDenied):
        services.suggestion_dismiss(suggestion=claim_suggestion, user=user)


def test_staff_decide_suggestions(claim_suggestion, staff_user):
    services.suggestion_dismiss(suggestion=claim_suggestion, user=staff_user)
    claim_suggestion.refresh_from_db()
    assert claim_suggestion.status == SuggestionStatus.DISMISSED


def test_the_link_of_an_accepted_pair_is_still_a_reviewers_to_decide(
    contradiction, analyst, reviewer
):
    from claims import services as claim_services

    accepted = services.suggestion_accept(
        suggestion=contradiction, user=analyst, source=OutletFactory()
    )
    with pytest.raises(PermissionDenied):
        claim_services.link_set_status(
            link=accepted.link, status=LinkStatus.CONFIRMED, user=analyst, version=1
        )
    link = claim_services.link_set_status(
        link=accepted.link, status=LinkStatus.CONFIRMED, user=reviewer, version=1
    )
    assert link.status == LinkStatus.CONFIRMED
