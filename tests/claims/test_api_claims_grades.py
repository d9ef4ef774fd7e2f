"""/api/claims/: the grade as evaluated (issue 12). An approved claim answers with the grade it
was approved with, the reliability it was evaluated with and its source's current rating; the
`reliability` and `grade` filters go by the grade as evaluated; a PATCH of what was approved
sends the claim back to review."""

import pytest

from claims.models import Claim, ClaimStatus
from claims.services import claim_approve
from claims.services.claims import BACK_TO_REVIEW_REASON
from sources.services import source_update
from tests.claims.conftest import CLAIMS_URL, claim_url, record

pytestmark = pytest.mark.django_db

GRADE_FIELDS = ("grade", "reliability", "evaluated_reliability", "source_reliability_now")


@pytest.fixture
def re_rated(submitted, reviewer, source, article, analyst):
    """A claim approved as B2 and a draft (credibility 3) of the same source, since rated E."""
    approved = claim_approve(claim=submitted, reviewer=reviewer)
    draft = record(article, analyst, source, 50, 70, credibility=3)
    source_update(source=source, user=reviewer, reliability="E")
    return approved, draft


def _grades(body: dict) -> tuple:
    return tuple(body[field] for field in GRADE_FIELDS)


def test_an_approved_claim_answers_with_its_grade_as_evaluated_and_the_source_now(
    analyst_client, re_rated
):
    approved, draft = re_rated

    assert _grades(analyst_client.get(claim_url(approved)).json()) == ("B2", "B", "B", "E")
    assert _grades(analyst_client.get(claim_url(draft)).json()) == ("E3", "E", "", "E")


def test_the_list_answers_with_the_grades_as_evaluated(analyst_client, re_rated):
    approved, draft = re_rated

    results = analyst_client.get(CLAIMS_URL).json()["results"]

    assert {claim["id"]: claim["grade"] for claim in results} == {
        approved.pk: "B2",
        draft.pk: "E3",
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"reliability": "B"}, "approved"),
        ({"reliability": "E"}, "draft"),
        ({"grade": "B2"}, "approved"),
        ({"grade": "e3"}, "draft"),
        ({"grade": "E2"}, None),
    ],
)
def test_reliability_and_grade_filters_go_by_the_grade_as_evaluated(
    analyst_client, re_rated, params, expected
):
    approved, draft = re_rated
    wanted = {"approved": [approved.pk], "draft": [draft.pk], None: []}[expected]

    response = analyst_client.get(CLAIMS_URL, params)

    assert response.status_code == 200
    assert [claim["id"] for claim in response.json()["results"]] == wanted


def test_a_patch_of_an_approved_claims_credibility_sends_it_back_to_review(
    api_client, staff_user, re_rated
):
    approved, _ = re_rated
    approved = Claim.objects.get(pk=approved.pk)

    response = api_client(staff_user).patch(
        claim_url(approved), {"version": approved.version, "credibility": 4}, format="json"
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["reviewed_by"], body["grade"]) == ("submitted", None, "E4")
    assert body["evaluated_reliability"] == ""
    entry = Claim.objects.get(pk=approved.pk).history.first()
    assert entry.history_change_reason == BACK_TO_REVIEW_REASON


def test_a_patch_of_an_approved_claims_tags_keeps_it_approved(api_client, staff_user, re_rated):
    approved, _ = re_rated
    approved = Claim.objects.get(pk=approved.pk)

    response = api_client(staff_user).patch(
        claim_url(approved), {"version": approved.version, "tags": ["border"]}, format="json"
    )

    assert (response.json()["status"], response.json()["grade"]) == (ClaimStatus.APPROVED, "B2")


def test_the_schema_documents_the_grade_fields(analyst_client):
    schema = analyst_client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    claim = schema["components"]["schemas"]["Claim"]["properties"]

    assert "as evaluated" in claim["grade"]["description"]
    assert "current reliability" in claim["source_reliability_now"]["description"]
    assert "evaluated_reliability" in claim
