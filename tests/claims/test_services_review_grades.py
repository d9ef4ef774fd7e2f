"""Grades fixed at review (issue 12): a reviewed claim records its source's reliability at that
moment; a later re-rating or merge of the source changes drafts and submitted claims but never an
approved grade; an edit of what was approved sends the claim back to review."""

import pytest

from claims.models import Claim, ClaimStatus
from claims.services import (
    claim_approve,
    claim_reject,
    claim_submit,
    claim_update,
)
from claims.services.claims import BACK_TO_REVIEW_REASON
from sources.services import source_merge, source_update
from tests.claims.conftest import record
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(submitted, reviewer):
    """A claim approved as B2 (its source is rated B)."""
    return claim_approve(claim=submitted, reviewer=reviewer, note="Checked")


def _fresh(claim) -> Claim:
    return Claim.all_objects.select_related("source").get(pk=claim.pk)


def test_approval_records_the_source_reliability(approved):
    claim = _fresh(approved)
    assert (claim.evaluated_reliability, claim.grade) == ("B", "B2")


def test_rejection_records_the_grade_the_reviewer_judged(submitted, reviewer):
    claim_reject(claim=submitted, reviewer=reviewer, note="Wrong passage")
    assert _fresh(submitted).evaluated_reliability == "B"


def test_draft_and_submitted_claims_record_no_reliability_of_their_own(draft, submitted):
    assert _fresh(submitted).evaluated_reliability == ""


def test_reliability_change_leaves_an_approved_grade_and_changes_a_draft(
    approved, article, analyst, source, reviewer
):
    draft = record(article, analyst, source, 50, 70, credibility=3)

    source_update(source=source, user=reviewer, reliability="E")

    kept, followed = _fresh(approved), _fresh(draft)
    assert (kept.grade, kept.source_rerated, kept.source.reliability) == ("B2", True, "E")
    assert (followed.grade, followed.source_rerated) == ("E3", False)


def test_reliability_change_changes_a_submitted_claims_grade(submitted, source, reviewer):
    source_update(source=source, user=reviewer, reliability="D")
    assert _fresh(submitted).grade == "D2"


def test_merge_leaves_an_approved_grade_and_changes_a_draft(
    approved, article, analyst, source, reviewer
):
    kept_source = SourceFactory(reliability="F")
    draft = record(article, analyst, source, 50, 70, credibility=3)

    source_merge(target=kept_source, duplicates=[source], user=reviewer)

    moved, followed = _fresh(approved), _fresh(draft)
    assert (moved.source, moved.status, moved.grade) == (kept_source, ClaimStatus.APPROVED, "B2")
    assert moved.source_rerated
    assert followed.grade == "F3"


@pytest.mark.parametrize(
    "change",
    [
        {"credibility": 5},
        {"statement": "A different paraphrase"},
        {"start": 50, "end": 70},
        {"source": "other"},
    ],
    ids=["credibility", "statement", "span", "source"],
)
def test_an_edit_of_what_was_approved_sends_the_claim_back_to_review(approved, staff_user, change):
    if "start" in change:
        change["quote"] = approved.article.text[change["start"] : change["end"]]
    if change.get("source") == "other":
        change["source"] = SourceFactory(reliability="A")

    edited = claim_update(claim=approved, user=staff_user, version=approved.version, **change)

    claim = _fresh(edited)
    assert (claim.status, claim.evaluated_reliability) == (ClaimStatus.SUBMITTED, "")
    assert (claim.reviewed_by, claim.reviewed_at) == (None, None)
    entry = claim.history.first()
    assert (entry.status, entry.history_change_reason) == ("submitted", BACK_TO_REVIEW_REASON)
    assert entry.history_user == staff_user


def test_an_edit_that_changes_nothing_of_substance_keeps_the_approval(approved, staff_user):
    claim_update(
        claim=approved,
        user=staff_user,
        version=approved.version,
        credibility=approved.credibility,
        statement=approved.statement,
        tags=["filed-later"],
    )
    claim = _fresh(approved)
    assert (claim.status, claim.grade) == (ClaimStatus.APPROVED, "B2")


def test_a_reworked_rejected_claim_follows_its_source_again(submitted, reviewer, analyst, source):
    rejected = claim_reject(claim=submitted, reviewer=reviewer, note="Too generous")
    source_update(source=source, user=reviewer, reliability="C")
    assert _fresh(rejected).grade == "B2"  # the grade judged

    reworked = claim_update(claim=rejected, user=analyst, version=rejected.version, credibility=4)

    claim = _fresh(reworked)
    assert (claim.status, claim.evaluated_reliability, claim.grade) == ("rejected", "", "C4")


def test_resubmitting_a_rejected_claim_forgets_the_grade_judged(submitted, reviewer, analyst):
    rejected = claim_reject(claim=submitted, reviewer=reviewer, note="Check the source")
    resubmitted = claim_submit(claim=rejected, user=analyst)
    assert _fresh(resubmitted).evaluated_reliability == ""


def test_approval_after_a_re_rating_records_the_new_reliability(submitted, source, reviewer):
    source_update(source=source, user=reviewer, reliability="A")
    claim_approve(claim=submitted, reviewer=reviewer)
    source_update(source=source, user=reviewer, reliability="C")
    assert _fresh(submitted).grade == "A2"
