"""/api/claims/'s `count` read from the claim tallies (ADR 0012) when the filters allow: the
same number as counting the claims, without a COUNT of every claim."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import ClaimStatus
from claims.services import claim_delete
from tests.claims.conftest import CLAIMS_URL
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(analyst, reviewer):
    """Claims over two sources of different kinds, every status, two credibilities, an
    approved claim whose source was re-rated since (its grade keeps the old reliability), and
    a deleted claim (counted nowhere)."""
    agency = SourceFactory(reliability="B", kind="government")
    paper = SourceFactory(reliability="C", kind="media_outlet")
    made = []
    for source in (agency, paper):
        for status in ClaimStatus.values:
            for credibility in (2, 3):
                extra = {"reviewed_by": reviewer} if status in ("approved", "rejected") else {}
                made.append(
                    ClaimFactory(
                        source=source,
                        status=status,
                        credibility=credibility,
                        created_by=analyst,
                        **extra,
                    )
                )
    paper.reliability = "B"  # re-rated: its approved and rejected claims keep "C"
    paper.save()
    claim_delete(claim=made[0], user=analyst)
    return {"agency": agency, "paper": paper}


def _count(client, params: dict) -> int:
    """The `count` of a page of one row (a full first page, so the count is not its length)."""
    response = client.get(CLAIMS_URL, {**params, "page_size": 1})
    assert response.status_code == 200
    return response.json()["count"]


def _listed(client, params: dict) -> int:
    return len(client.get(CLAIMS_URL, {**params, "page_size": 500}).json()["results"])


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status": "approved"},
        {"credibility": 3},
        {"reliability": "B"},
        {"reliability": "C"},
        {"grade": "c2"},
        {"grade": "B3", "status": "draft"},
        {"grade": "B3", "reliability": "C"},
        {"grade": "B3", "credibility": 2},
        {"source": "paper"},
        {"source": "paper", "reliability": "C", "status": "rejected"},
        {"source_kind": "government", "credibility": 2},
        {"source_kind": "media_outlet", "grade": "B2"},
        {"source": "agency", "source_kind": "media_outlet"},
    ],
)
def test_count_from_the_tallies_is_the_number_of_claims_listed(analyst_client, claims, params):
    params = {
        name: claims[value].pk if name == "source" else value for name, value in params.items()
    }
    assert _count(analyst_client, params) == _listed(analyst_client, params)


def test_count_by_status_does_not_count_the_claims(analyst_client, claims):
    with CaptureQueriesContext(connection) as queries:
        count = _count(analyst_client, {"status": "draft"})
    assert count == 3
    counted = [q["sql"] for q in queries if "COUNT(" in q["sql"] and "claims_claim" in q["sql"]]
    assert counted == []


def test_count_with_another_filter_counts_the_claims(analyst_client, claims):
    assert _count(analyst_client, {"tag": "none-such"}) == 0
    assert _count(analyst_client, {"created_after": "2000-01-01"}) == 15
