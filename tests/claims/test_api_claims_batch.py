"""POST /api/claims/ with a JSON list: every claim recorded, or none (issue 17)."""

import pytest

from claims.models import Claim
from claims.services import MAX_CLAIMS_PER_BATCH
from tests.claims.conftest import CLAIMS_URL, claim_item
from tests.factories import ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    return SourceFactory(reliability="C")


def test_a_list_records_every_claim_and_answers_a_list_in_order(analyst_client, article, source):
    batch = [claim_item(article, source, start) for start in (0, 20, 40)]

    response = analyst_client.post(CLAIMS_URL, batch, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert [row["start"] for row in body] == [0, 20, 40]
    assert [row["grade"] for row in body] == ["C3"] * 3
    assert body[1]["tags"] == ["batch", "number-20"]
    assert Claim.objects.count() == 3
    assert {row["id"] for row in body} == set(Claim.objects.values_list("pk", flat=True))


def test_each_claim_of_a_batch_gets_its_own_uuid(analyst_client, article, source):
    batch = [claim_item(article, source, start) for start in (0, 20, 40)]

    response = analyst_client.post(CLAIMS_URL, batch, format="json")

    assert response.status_code == 201, response.json()
    answered = {row["id"]: row["uuid"] for row in response.json()}
    stored = {pk: str(uuid) for pk, uuid in Claim.objects.values_list("pk", "uuid")}
    assert answered == stored
    assert len(set(stored.values())) == 3


def test_claims_of_a_batch_may_point_into_several_articles(analyst_client, article, source):
    other = ArticleFactory()
    batch = [claim_item(article, source, 0), claim_item(other, source, 5)]

    response = analyst_client.post(CLAIMS_URL, batch, format="json")

    assert response.status_code == 201
    assert [row["article"] for row in response.json()] == [article.pk, other.pk]


def test_one_refused_claim_records_none_and_names_it_by_index_and_field(
    analyst_client, article, source
):
    batch = [
        claim_item(article, source, 0),
        claim_item(article, source, 20, quote="not the text"),
        claim_item(article, source, 40),
        claim_item(article, source, 60, credibility=9),
    ]

    response = analyst_client.post(CLAIMS_URL, batch, format="json")

    assert response.status_code == 400
    body = response.json()
    assert set(body["items"]) == {"1", "3"}
    assert "quote" in body["items"]["1"]
    assert "credibility" in body["items"]["3"]
    assert "nothing was saved" in body["detail"]
    assert not Claim.all_objects.exists()


def test_an_unknown_article_or_source_in_a_batch_is_named(analyst_client, article, source):
    batch = [claim_item(article, source, 0), {**claim_item(article, source, 20), "source": 987654}]

    response = analyst_client.post(CLAIMS_URL, batch, format="json")

    assert response.status_code == 400
    assert response.json()["items"] == {"1": {"source": ["No source has the id 987654."]}}
    assert not Claim.all_objects.exists()


def test_an_item_that_is_not_an_object_is_refused_by_index(analyst_client, article, source):
    response = analyst_client.post(CLAIMS_URL, [claim_item(article, source, 0), 42], format="json")

    assert response.status_code == 400
    assert list(response.json()["items"]) == ["1"]


def test_a_bad_tag_in_a_batch_is_named_by_its_entry_not_a_server_error(
    analyst_client, article, source
):
    bad = claim_item(article, source, 0, tags=["fine", "x" * 51])
    response = analyst_client.post(CLAIMS_URL, [bad], format="json")

    assert response.status_code == 400
    assert response.json()["items"]["0"]["tags"][0].startswith("entry 2: ")


def test_an_empty_list_is_refused(analyst_client):
    response = analyst_client.post(CLAIMS_URL, [], format="json")

    assert response.status_code == 400


def test_a_batch_over_the_limit_is_refused_before_any_work(analyst_client, article, source):
    batch = [claim_item(article, source, 0)] * (MAX_CLAIMS_PER_BATCH + 1)

    response = analyst_client.post(CLAIMS_URL, batch, format="json")

    assert response.status_code == 400
    assert not Claim.all_objects.exists()


def test_a_reviewer_without_the_analyst_role_cannot_record_a_batch(
    reviewer_client, article, source
):
    response = reviewer_client.post(CLAIMS_URL, [claim_item(article, source, 0)], format="json")

    assert response.status_code == 403
    assert not Claim.all_objects.exists()


def test_a_batch_writes_one_history_record_per_claim(analyst_client, article, source):
    batch = [claim_item(article, source, start) for start in (0, 20)]

    analyst_client.post(CLAIMS_URL, batch, format="json")

    assert Claim.history.count() == 2
    assert set(Claim.history.values_list("history_type", flat=True)) == {"+"}
