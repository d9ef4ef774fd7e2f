"""The source registry and the source page: counts, claims across articles, reliability changes
kept in history, and merging duplicates."""

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, ClaimStatus
from sources.models import Source
from tests.factories import ArticleFactory, ClaimFactory, ClaimLinkFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry(analyst, reviewer):
    """A source with claims in every status, two contradictions and one deleted claim."""
    source = SourceFactory(name="Ministry", reliability="D")
    other = SourceFactory(name="Monitors")
    claims = [
        ClaimFactory(source=source, created_by=analyst, status=status, reviewed_by=reviewer)
        for status in (ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.APPROVED)
    ]
    claims.append(
        ClaimFactory(
            source=source, created_by=analyst, status=ClaimStatus.APPROVED, reviewed_by=reviewer
        )
    )
    ClaimFactory(source=source, created_by=analyst, deleted_at=timezone.now())
    # One contradiction with another source, one within the source: two, not three.
    ClaimLinkFactory(claim_a=claims[0], claim_b=ClaimFactory(source=other), created_by=analyst)
    ClaimLinkFactory(claim_a=claims[1], claim_b=claims[2], created_by=analyst)
    ClaimLinkFactory(kind="corroborates", claim_a=claims[0], claim_b=claims[3], created_by=analyst)
    return source


def test_registry_counts_claims_by_status_and_contradictions(client, analyst, ministry):
    client.force_login(analyst)

    response = client.get(reverse("claims:source-list"), {"q": "Ministry"})

    (row,) = response.context["object_list"]
    assert (
        row.claim_count,
        row.draft_count,
        row.submitted_count,
        row.approved_count,
        row.rejected_count,
        row.contradiction_count,
    ) == (4, 1, 1, 2, 0, 2)


def test_registry_leaves_out_contradictions_with_deleted_claims(client, analyst, ministry):
    Claim.objects.filter(source__name="Monitors").update(deleted_at=timezone.now())
    client.force_login(analyst)

    response = client.get(reverse("claims:source-list"), {"q": "Ministry"})

    assert response.context["object_list"][0].contradiction_count == 1


def test_registry_sorts_by_contradictions(client, analyst, ministry):
    client.force_login(analyst)

    response = client.get(reverse("claims:source-list"), {"sort": "-contradictions"})

    assert [s.name for s in response.context["object_list"]][:2] == ["Ministry", "Monitors"]


def test_registry_contradiction_count_links_to_the_sources_pairs(client, analyst, ministry):
    client.force_login(analyst)

    body = client.get(reverse("claims:source-list")).content.decode()
    board = client.get(reverse("claims:board"), {"source": ministry.pk})

    assert f"{reverse('claims:board')}?source={ministry.pk}" in body
    assert board.context["paginator"].count == 2


def test_source_page_lists_its_claims_across_articles_page_by_page(client, analyst):
    source = SourceFactory()
    for _ in range(51):
        ClaimFactory(source=source, article=ArticleFactory(), created_by=analyst)
    client.force_login(analyst)

    first = client.get(source.get_absolute_url())
    second = client.get(source.get_absolute_url(), {"page": 2})

    assert len(first.context["claims"]) == 50
    assert len(second.context["claims"]) == 1
    assert len({claim.article_id for claim in first.context["claims"]}) == 50


def test_reviewer_changes_reliability_and_the_page_shows_who_and_from_what(
    client, reviewer, ministry
):
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:source-reliability", args=[ministry.pk]), {"reliability": "B"}, follow=True
    )

    ministry.refresh_from_db()
    assert ministry.reliability == "B"
    body = response.content.decode()
    assert "Reliability changed from D – Not usually reliable to B – Usually reliable." in body
    (change,) = response.context["reliability_changes"]
    assert (change.who, change.old, change.new) == ("rita", "D", "B")
    assert ministry.history.first().prev_record.reliability == "D"


def test_unknown_reliability_is_refused_and_nothing_changes(client, reviewer, ministry):
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:source-reliability", args=[ministry.pk]), {"reliability": "Z"}, follow=True
    )

    ministry.refresh_from_db()
    assert ministry.reliability == "D"
    assert "Choose a reliability from A to F." in response.content.decode()


def test_merge_search_offers_other_sources_with_their_claim_counts(client, reviewer, ministry):
    SourceFactory(name="Ministry of Defence")
    client.force_login(reviewer)

    response = client.get(ministry.get_absolute_url(), {"merge_q": "ministry"})

    assert [s.name for s in response.context["merge_candidates"]] == ["Ministry of Defence"]


def test_merge_first_shows_what_will_move_and_changes_nothing(client, reviewer, ministry):
    duplicate = SourceFactory(name="The Ministry")
    ClaimFactory(source=duplicate)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:source-merge", args=[ministry.pk]), {"duplicates": [duplicate.pk]}
    )

    assert response.status_code == 200
    assert [(d.name, d.claim_count) for d in response.context["duplicates"]] == [
        ("The Ministry", 1)
    ]
    assert Source.objects.filter(pk=duplicate.pk).exists()


def test_confirmed_merge_moves_the_claims_and_keeps_their_history(client, reviewer, ministry):
    duplicate = SourceFactory(name="The Ministry")
    moved = ClaimFactory(source=duplicate)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:source-merge", args=[ministry.pk]),
        {"duplicates": [duplicate.pk], "confirmed": "on"},
        follow=True,
    )

    moved.refresh_from_db()
    assert moved.source == ministry
    assert not Source.objects.filter(pk=duplicate.pk).exists()
    assert "Merged “The Ministry” into “Ministry”." in response.content.decode()
    assert moved.history.first().history_change_reason == "Source merged into Ministry"
    assert Source.history.filter(id=duplicate.pk, history_type="-").exists()


def test_a_source_cannot_be_merged_into_itself(client, reviewer, ministry):
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:source-merge", args=[ministry.pk]),
        {"duplicates": [ministry.pk], "confirmed": "on"},
        follow=True,
    )

    assert Source.objects.filter(pk=ministry.pk).exists()
    assert "no longer exists or is this source itself" in response.content.decode()
