"""People in filters are named as the API names them (issue 12): `created_by`, `reviewed_by`
(claims) and `uploaded_by` (articles) take the username the answers carry; an account id still
works; an unknown name is a 400 saying so; the schema says they are text."""

import pytest

from claims.models import ClaimStatus
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(analyst, analyst2, reviewer):
    """One claim by each analyst; alice's is approved by rita."""
    return {
        "alice": ClaimFactory(
            created_by=analyst, status=ClaimStatus.APPROVED, reviewed_by=reviewer
        ),
        "bob": ClaimFactory(created_by=analyst2),
    }


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_claims_filter_by_the_authors_username_the_api_returns(analyst_client, claims):
    username = analyst_client.get(f"/api/claims/{claims['alice'].pk}/").json()["created_by"]

    response = analyst_client.get("/api/claims/", {"created_by": username})

    assert _ids(response) == [claims["alice"].pk]


def test_claims_filter_by_the_reviewers_username(analyst_client, claims):
    assert _ids(analyst_client.get("/api/claims/", {"reviewed_by": "rita"})) == [claims["alice"].pk]
    assert _ids(analyst_client.get("/api/claims/", {"reviewed_by": "alice"})) == []


def test_an_account_id_still_works(analyst_client, analyst2, claims):
    response = analyst_client.get("/api/claims/", {"created_by": analyst2.pk})
    assert _ids(response) == [claims["bob"].pk]


def test_articles_filter_by_the_uploaders_username(analyst_client, analyst, analyst2):
    mine = ArticleFactory(uploaded_by=analyst)
    ArticleFactory(uploaded_by=analyst2)

    assert _ids(analyst_client.get("/api/articles/", {"uploaded_by": "alice"})) == [mine.pk]


@pytest.mark.parametrize("name", ["nobody", "0", "99999999999999999999", "²", "a\x00b"])
def test_an_unknown_person_is_a_400_that_says_so(analyst_client, claims, name):
    response = analyst_client.get("/api/claims/", {"created_by": name})

    assert response.status_code == 400
    assert response.json()["created_by"] == [
        f"No one has the username “{name}”: check the spelling."
    ]


def test_the_claim_list_page_filters_by_username(client, analyst, claims):
    client.force_login(analyst)

    response = client.get("/claims/", {"created_by": "bob"})

    assert [claim.pk for claim in response.context["object_list"]] == [claims["bob"].pk]
    assert ("Author", "bob") in [
        (label, shown) for label, shown, _ in response.context["active_filters"]
    ]


def test_the_schema_types_the_person_filters_as_text(analyst_client):
    schema = analyst_client.get("/api/schema/", HTTP_ACCEPT="application/json").json()

    for path, name in [
        ("/api/claims/", "created_by"),
        ("/api/claims/", "reviewed_by"),
        ("/api/articles/", "uploaded_by"),
    ]:
        (parameter,) = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name]
        assert parameter["schema"]["type"] == "string", (path, name)
        assert "username" in parameter["description"]
