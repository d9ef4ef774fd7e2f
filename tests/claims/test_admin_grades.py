"""The admin and the grade as evaluated (issue 12): an admin edit of what was approved sends
the claim back to review with a history entry and says so; the changelist shows the grade as
evaluated with the source's current rating, and filters by it."""

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimStatus
from claims.services import claim_approve
from claims.services.claims import BACK_TO_REVIEW_REASON
from sources.services import source_update
from tests.claims.conftest import admin_change_form, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(submitted, reviewer):
    """Approved as B2."""
    return claim_approve(claim=submitted, reviewer=reviewer)


def test_an_admin_credibility_edit_of_an_approved_claim_sends_it_back_to_review(
    client, staff_user, approved
):
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:claims_claim_change", args=[approved.pk]),
        admin_change_form(approved, credibility=5),
        follow=True,
    )

    claim = Claim.objects.get(pk=approved.pk)
    assert (claim.status, claim.credibility, claim.reviewed_by) == (
        ClaimStatus.SUBMITTED,
        5,
        None,
    )
    entry = claim.history.first()
    assert (entry.history_user, entry.history_change_reason) == (staff_user, BACK_TO_REVIEW_REASON)
    assert "is back in the review queue" in response.content.decode()


def test_an_admin_save_without_changes_keeps_the_approval(client, staff_user, approved):
    client.force_login(staff_user)

    client.post(
        reverse("admin:claims_claim_change", args=[approved.pk]), admin_change_form(approved)
    )

    assert Claim.objects.get(pk=approved.pk).status == ClaimStatus.APPROVED


def test_the_changelist_shows_the_grade_as_evaluated_and_the_source_now(
    client, staff_user, approved, source, reviewer
):
    source_update(source=source, user=reviewer, reliability="E")
    client.force_login(staff_user)

    response = client.get(reverse("admin:claims_claim_changelist"))

    assert "B2 · source now rated E" in response.content.decode()


def test_the_changelist_filters_by_the_reliability_of_the_grade(
    client, staff_user, approved, source, reviewer, article, analyst
):
    draft = record(article, analyst, source, 50, 70)
    source_update(source=source, user=reviewer, reliability="E")
    client.force_login(staff_user)

    by_b = client.get(reverse("admin:claims_claim_changelist"), {"reliability": "B"})
    by_e = client.get(reverse("admin:claims_claim_changelist"), {"reliability": "E"})

    assert [claim.pk for claim in by_b.context["cl"].result_list] == [approved.pk]
    assert [claim.pk for claim in by_e.context["cl"].result_list] == [draft.pk]
