"""/api/claims/{id}/: the review actions (submit, approve, reject: never one's own) and soft
delete and restore."""

import pytest

from claims.models import Claim, ClaimStatus
from tests.claims.conftest import claim_url, field_messages
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_submit_moves_draft_to_submitted(analyst_client, draft):
    response = analyst_client.post(claim_url(draft, "submit"))
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["version"]) == ("submitted", 2)


def test_submit_of_someone_elses_draft_is_403(api_client, analyst2, draft):
    response = api_client(analyst2).post(claim_url(draft, "submit"))
    assert response.status_code == 403
    assert Claim.objects.get(pk=draft.pk).status == ClaimStatus.DRAFT


def test_reviewer_approves(reviewer_client, submitted):
    response = reviewer_client.post(claim_url(submitted, "approve"), {"note": "OK"}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["reviewed_by"]) == ("approved", "rita")


def test_approving_own_claim_is_403_json(api_client, article, source):
    author = UserFactory(groups=["analyst", "reviewer"])
    claim = ClaimFactory(
        article=article, source=source, created_by=author, status=ClaimStatus.SUBMITTED
    )
    response = api_client(author).post(claim_url(claim, "approve"))
    assert response.status_code == 403
    assert "own claim" in response.json()["detail"]
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.SUBMITTED


def test_rejecting_own_claim_is_403(api_client, article, source):
    author = UserFactory(groups=["analyst", "reviewer"])
    claim = ClaimFactory(
        article=article, source=source, created_by=author, status=ClaimStatus.SUBMITTED
    )
    response = api_client(author).post(claim_url(claim, "reject"), {"note": "No"}, format="json")
    assert response.status_code == 403
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.SUBMITTED


def test_analyst_approving_is_403(api_client, analyst2, submitted):
    response = api_client(analyst2).post(claim_url(submitted, "approve"))
    assert response.status_code == 403
    assert Claim.objects.get(pk=submitted.pk).status == ClaimStatus.SUBMITTED


def test_approving_a_draft_is_400(reviewer_client, draft):
    response = reviewer_client.post(claim_url(draft, "approve"))
    assert response.status_code == 400
    assert field_messages(response, "status")
    assert Claim.objects.get(pk=draft.pk).status == ClaimStatus.DRAFT


def test_reject_without_note_is_400(reviewer_client, submitted):
    response = reviewer_client.post(claim_url(submitted, "reject"), {}, format="json")
    assert response.status_code == 400
    assert field_messages(response, "note")
    assert Claim.objects.get(pk=submitted.pk).status == ClaimStatus.SUBMITTED


def test_reject_with_note_records_it(reviewer_client, submitted):
    response = reviewer_client.post(
        claim_url(submitted, "reject"), {"note": "Source misread"}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["review_note"]) == (
        "rejected",
        "Source misread",
    )


def test_delete_is_soft_and_hides_the_claim(analyst_client, draft):
    response = analyst_client.delete(claim_url(draft))
    assert response.status_code == 204
    assert analyst_client.get(claim_url(draft)).status_code == 404
    assert Claim.all_objects.filter(pk=draft.pk).exists()


def test_restore_brings_the_claim_back(analyst_client, draft):
    analyst_client.delete(claim_url(draft))
    response = analyst_client.post(claim_url(draft, "restore"))
    assert response.status_code == 200
    assert analyst_client.get(claim_url(draft)).status_code == 200


def test_a_deleter_whose_role_was_taken_away_cannot_restore(api_client, analyst, draft):
    api_client(analyst).delete(claim_url(draft))
    analyst.groups.clear()
    observer = type(analyst).objects.get(pk=analyst.pk)  # as the next request reads it

    response = api_client(observer).post(claim_url(draft, "restore"))

    assert response.status_code == 403
    assert not Claim.objects.filter(pk=draft.pk).exists()


def test_delete_by_another_analyst_is_403(api_client, analyst2, draft):
    response = api_client(analyst2).delete(claim_url(draft))
    assert response.status_code == 403
    assert Claim.objects.filter(pk=draft.pk).exists()
