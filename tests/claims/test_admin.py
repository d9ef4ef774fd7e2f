"""Admin curation shows the registry's counts, and every changelist runs the same number of
queries at 50 rows as at 500."""

import pytest
from django.urls import reverse

from claims.models import ClaimStatus
from sources.models import Source
from tests.factories import ClaimFactory, ClaimLinkFactory, SourceFactory

pytestmark = pytest.mark.django_db

CHANGELISTS = {
    "sources": ("admin:sources_source_changelist", 9),
    "claims": ("admin:claims_claim_changelist", 12),
    "links": ("admin:claims_claimlink_changelist", 9),
    "tags": ("admin:claims_tag_changelist", 9),
}


@pytest.mark.parametrize("changelist", CHANGELISTS)
def test_admin_changelist_query_budget_is_the_same_at_50_and_500_rows(
    client,
    count_queries,
    evidence,
    staff_user,
    analyst,
    analyst2,
    reviewer,
    changelist,
    django_assert_max_num_queries,
):
    url_name, budget = CHANGELISTS[changelist]
    client.force_login(staff_user)
    evidence(50, authors=[analyst, analyst2], reviewer=reviewer)
    with django_assert_max_num_queries(budget):
        at_50 = count_queries(client, reverse(url_name))

    evidence(450, authors=[analyst, analyst2], reviewer=reviewer)
    at_500 = count_queries(client, reverse(url_name))

    assert at_500 == at_50


def test_admin_source_list_shows_the_registry_counts(client, staff_user, analyst, reviewer):
    ministry = SourceFactory(name="Ministry")
    claims = [
        ClaimFactory(source=ministry, created_by=analyst, status=status, reviewed_by=reviewer)
        for status in (ClaimStatus.DRAFT, ClaimStatus.APPROVED, ClaimStatus.REJECTED)
    ]
    ClaimLinkFactory(claim_a=claims[0], claim_b=claims[1], created_by=analyst)
    ClaimLinkFactory(claim_a=claims[1], claim_b=ClaimFactory(), created_by=analyst)
    client.force_login(staff_user)

    response = client.get(reverse("admin:sources_source_changelist"), {"q": "Ministry"})

    (row,) = response.context["cl"].result_list
    assert (
        row.claim_count,
        row.draft_count,
        row.approved_count,
        row.rejected_count,
        row.contradiction_count,
    ) == (3, 1, 1, 1, 2)
    assert "Contradictions" in response.content.decode()


def test_admin_source_list_sorts_by_contradictions(client, staff_user, analyst):
    quiet, busy = SourceFactory(name="Quiet"), SourceFactory(name="Busy")
    ClaimLinkFactory(
        claim_a=ClaimFactory(source=busy), claim_b=ClaimFactory(source=busy), created_by=analyst
    )
    ClaimFactory(source=quiet)
    client.force_login(staff_user)

    response = client.get(reverse("admin:sources_source_changelist"), {"o": "-9"})

    assert [s.name for s in response.context["cl"].result_list][:1] == ["Busy"]


def test_admin_merge_action_still_moves_claims(client, staff_user):
    target, duplicate = SourceFactory(name="Keep"), SourceFactory(name="Drop")
    moved = ClaimFactory(source=duplicate)
    client.force_login(staff_user)

    client.post(
        reverse("admin:sources_source_changelist"),
        {
            "action": "merge_sources",
            "_selected_action": [target.pk, duplicate.pk],
            "target": target.pk,
        },
    )

    moved.refresh_from_db()
    assert moved.source == target
    assert not Source.objects.filter(pk=duplicate.pk).exists()
