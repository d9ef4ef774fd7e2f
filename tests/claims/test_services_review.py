"""The review workflow through the services: submit, approve, reject (never one's own), and
soft delete and restore."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Claim, ClaimStatus
from claims.services import (
    claim_approve,
    claim_delete,
    claim_reject,
    claim_restore,
    claim_submit,
    claim_update,
)
from tests.factories import (
    ClaimFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_submit_moves_draft_to_submitted_and_bumps_version(submitted):
    assert (submitted.status, submitted.version) == (ClaimStatus.SUBMITTED, 2)


def test_only_the_author_can_submit(draft, analyst2):
    with pytest.raises(PermissionDenied):
        claim_submit(claim=draft, user=analyst2)
    assert Claim.objects.get(pk=draft.pk).status == ClaimStatus.DRAFT


def test_submitting_again_changes_nothing(submitted, analyst):
    """Sent again (its answer lost on the way), a submission finds the claim submitted."""
    again = claim_submit(claim=submitted, user=analyst)

    assert (again.status, again.version) == (ClaimStatus.SUBMITTED, 2)
    assert Claim.objects.get(pk=submitted.pk).version == 2
    assert submitted.history.count() == 2  # recorded, submitted once


def test_reviewer_approves_a_submitted_claim(submitted, reviewer):
    approved = claim_approve(claim=submitted, reviewer=reviewer, note="Checked")
    assert (approved.status, approved.reviewed_by, approved.review_note) == (
        ClaimStatus.APPROVED,
        reviewer,
        "Checked",
    )
    assert approved.reviewed_at is not None


def test_reviewer_cannot_approve_own_claim(reviewer):
    claim = ClaimFactory(created_by=reviewer, status=ClaimStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        claim_approve(claim=claim, reviewer=reviewer)
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.SUBMITTED


def test_reviewer_cannot_reject_own_claim(reviewer):
    claim = ClaimFactory(created_by=reviewer, status=ClaimStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        claim_reject(claim=claim, reviewer=reviewer, note="Not good")
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.SUBMITTED


def test_staff_cannot_approve_own_claim(staff_user):
    claim = ClaimFactory(created_by=staff_user, status=ClaimStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        claim_approve(claim=claim, reviewer=staff_user)


def test_analyst_cannot_approve(submitted, analyst2):
    with pytest.raises(PermissionDenied):
        claim_approve(claim=submitted, reviewer=analyst2)
    assert Claim.objects.get(pk=submitted.pk).status == ClaimStatus.SUBMITTED


def test_approve_only_from_submitted(draft, reviewer):
    with pytest.raises(ValidationError) as error:
        claim_approve(claim=draft, reviewer=reviewer)
    assert "status" in error.value.message_dict
    assert Claim.objects.get(pk=draft.pk).status == ClaimStatus.DRAFT


def test_approving_an_approved_claim_is_refused(submitted, reviewer):
    claim_approve(claim=submitted, reviewer=reviewer)
    with pytest.raises(ValidationError):
        claim_approve(claim=submitted, reviewer=UserFactory(groups=["reviewer"]))
    with pytest.raises(ValidationError):
        claim_reject(claim=submitted, reviewer=reviewer, note="On second thought.")


def test_the_same_decision_sent_again_changes_nothing(submitted, reviewer):
    """Its answer lost on the way, the reviewer sends the same approval again."""
    first = claim_approve(claim=submitted, reviewer=reviewer, note="Checked ")
    again = claim_approve(claim=submitted, reviewer=reviewer, note="Checked")

    assert (again.status, again.version, again.reviewed_at) == (
        ClaimStatus.APPROVED,
        first.version,
        first.reviewed_at,
    )
    assert submitted.history.count() == 3  # recorded, submitted, approved once


def test_reject_requires_a_note(submitted, reviewer):
    with pytest.raises(ValidationError) as error:
        claim_reject(claim=submitted, reviewer=reviewer, note="   ")
    assert "note" in error.value.message_dict
    assert Claim.objects.get(pk=submitted.pk).status == ClaimStatus.SUBMITTED


def test_reject_with_a_note_records_it(submitted, reviewer):
    rejected = claim_reject(claim=submitted, reviewer=reviewer, note=" Wrong source ")
    assert (rejected.status, rejected.review_note, rejected.reviewed_by) == (
        ClaimStatus.REJECTED,
        "Wrong source",
        reviewer,
    )


def test_rejected_claim_can_be_edited_and_resubmitted_by_author(submitted, reviewer, analyst):
    rejected = claim_reject(claim=submitted, reviewer=reviewer, note="Wrong source")
    edited = claim_update(claim=rejected, user=analyst, version=rejected.version, statement="Fix")
    resubmitted = claim_submit(claim=edited, user=analyst)
    assert (resubmitted.status, resubmitted.reviewed_by) == (ClaimStatus.SUBMITTED, None)


# --- Soft delete -------------------------------------------------------------------------------


def test_delete_hides_claim_from_default_manager(draft, analyst):
    claim_delete(claim=draft, user=analyst)
    assert not Claim.objects.filter(pk=draft.pk).exists()


def test_delete_keeps_the_row(draft, analyst):
    claim_delete(claim=draft, user=analyst)
    stored = Claim.all_objects.get(pk=draft.pk)
    assert (stored.deleted_by, stored.is_deleted) == (analyst, True)


def test_restore_brings_a_deleted_claim_back(draft, analyst):
    claim_delete(claim=draft, user=analyst)
    claim_restore(claim=draft, user=analyst)
    assert Claim.objects.filter(pk=draft.pk).exists()


def test_only_the_deleter_or_staff_can_restore(draft, analyst, analyst2):
    claim_delete(claim=draft, user=analyst)
    with pytest.raises(PermissionDenied):
        claim_restore(claim=draft, user=analyst2)
    assert not Claim.objects.filter(pk=draft.pk).exists()


def test_another_analyst_cannot_delete(draft, analyst2):
    with pytest.raises(PermissionDenied):
        claim_delete(claim=draft, user=analyst2)
    assert Claim.objects.filter(pk=draft.pk).exists()


def test_deleted_claim_cannot_be_edited(draft, analyst):
    deleted = claim_delete(claim=draft, user=analyst)
    with pytest.raises(PermissionDenied):
        claim_update(claim=deleted, user=analyst, version=deleted.version, statement="Ghost")


def test_deleted_claim_cannot_be_approved(reviewer, analyst):
    claim = ClaimFactory(created_by=analyst, status=ClaimStatus.SUBMITTED)
    Claim.all_objects.filter(pk=claim.pk).update(deleted_at="2024-01-01T00:00:00Z")
    with pytest.raises(ValidationError):
        claim_approve(claim=claim, reviewer=reviewer)


def test_delete_is_recorded_in_history(draft, analyst):
    claim_delete(claim=draft, user=analyst)
    assert draft.history.first().deleted_at is not None
