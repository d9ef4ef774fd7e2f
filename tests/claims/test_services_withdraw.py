"""Withdrawing a submitted claim back to draft through the service: its author only, and only
while it waits for review."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Claim, ClaimStatus
from claims.services import claim_approve, claim_delete, claim_reject, claim_withdraw

pytestmark = pytest.mark.django_db


def test_author_withdraws_a_submitted_claim_to_draft(submitted, analyst):
    withdrawn = claim_withdraw(claim=submitted, user=analyst)

    stored = Claim.objects.get(pk=submitted.pk)
    assert (withdrawn.status, stored.status) == (ClaimStatus.DRAFT, ClaimStatus.DRAFT)
    assert stored.version == submitted.version + 1


def test_withdrawal_is_a_history_entry_naming_the_author(submitted, analyst):
    claim_withdraw(claim=submitted, user=analyst)

    latest = Claim.objects.get(pk=submitted.pk).history.first()
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        "draft",
        analyst,
        "Withdrawn from review by its author",
    )


@pytest.mark.parametrize("who", ["analyst2", "reviewer", "staff_user"])
def test_nobody_but_the_author_withdraws(submitted, request, who):
    with pytest.raises(PermissionDenied):
        claim_withdraw(claim=submitted, user=request.getfixturevalue(who))
    assert Claim.objects.get(pk=submitted.pk).status == ClaimStatus.SUBMITTED


@pytest.mark.parametrize("decide", [claim_approve, claim_reject])
def test_a_decided_claim_cannot_be_withdrawn(submitted, analyst, reviewer, decide):
    decide(claim=submitted, reviewer=reviewer, note="Checked against the wire copy.")

    with pytest.raises(ValidationError) as refused:
        claim_withdraw(claim=submitted, user=analyst)

    assert refused.value.error_dict["status"][0].code == "decided"
    assert Claim.objects.get(pk=submitted.pk).status != ClaimStatus.DRAFT


def test_a_draft_cannot_be_withdrawn(draft, analyst):
    with pytest.raises(ValidationError) as refused:
        claim_withdraw(claim=draft, user=analyst)
    assert refused.value.error_dict["status"][0].code == "invalid_transition"


def test_a_deleted_claim_cannot_be_withdrawn(submitted, analyst, staff_user):
    claim_delete(claim=submitted, user=staff_user)
    with pytest.raises(PermissionDenied):
        claim_withdraw(claim=submitted, user=analyst)
