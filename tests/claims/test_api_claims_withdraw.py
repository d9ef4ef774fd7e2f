"""/api/claims/{id}/withdraw/ and the reviewer's note in the claim API: an author takes a
submitted claim back to draft, and reads why a claim was rejected."""

import pytest

from claims.models import Claim, ClaimStatus
from claims.services import claim_approve, claim_reject
from tests.claims.conftest import claim_url, field_messages

pytestmark = pytest.mark.django_db

REASON = "The quote is the outlet's paraphrase, not the ministry's words."


def test_author_withdraws_a_submitted_claim(analyst_client, submitted):
    response = analyst_client.post(claim_url(submitted, "withdraw"))

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["version"]) == ("draft", 3)


def test_another_analyst_cannot_withdraw(api_client, analyst2, submitted):
    response = api_client(analyst2).post(claim_url(submitted, "withdraw"))

    assert response.status_code == 403
    assert "author" in response.json()["detail"]
    assert Claim.objects.get(pk=submitted.pk).status == ClaimStatus.SUBMITTED


def test_an_author_whose_role_was_taken_away_cannot_withdraw(api_client, analyst, submitted):
    """An observer reads, and changes nothing: not even the claims it recorded as an analyst."""
    analyst.groups.clear()
    observer = type(analyst).objects.get(pk=analyst.pk)  # as the next request reads it

    response = api_client(observer).post(claim_url(submitted, "withdraw"))

    assert response.status_code == 403
    assert Claim.objects.get(pk=submitted.pk).status == ClaimStatus.SUBMITTED


def test_a_rejected_claim_cannot_be_withdrawn(analyst_client, submitted, reviewer):
    claim_reject(claim=submitted, reviewer=reviewer, note=REASON)

    response = analyst_client.post(claim_url(submitted, "withdraw"))

    assert response.status_code == 400
    assert "rejected" in field_messages(response, "status")[0]
    assert Claim.objects.get(pk=submitted.pk).status == ClaimStatus.REJECTED


def test_an_approved_claim_cannot_be_withdrawn(analyst_client, submitted, reviewer):
    claim_approve(claim=submitted, reviewer=reviewer)
    assert analyst_client.post(claim_url(submitted, "withdraw")).status_code == 400


def test_author_reads_the_reason_of_a_rejection(analyst_client, submitted, reviewer):
    claim_reject(claim=submitted, reviewer=reviewer, note=REASON)

    detail = analyst_client.get(claim_url(submitted)).json()
    listed = analyst_client.get("/api/claims/", {"status": "rejected"}).json()["results"]

    assert (detail["status"], detail["review_note"], detail["reviewed_by"]) == (
        "rejected",
        REASON,
        "rita",
    )
    assert [row["review_note"] for row in listed] == [REASON]
