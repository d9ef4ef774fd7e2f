"""A claim's creation sent again with the same `Idempotency-Key` (its answer lost on the way,
as on a phone) is answered with the claim recorded the first time, not recorded twice
(`claims.services.claims_create_once`)."""

import json

import pytest
from django.db import connection
from django.urls import reverse

from claims.models import Claim
from tests.claims.conftest import CLAIMS_URL, claim_item
from tests.concurrency import at_once
from tests.factories import ArticleFactory, SourceFactory, UserFactory

KEY = "0b6f3c9e-2f41-4d7a-9a51-5f0e1c7d2a10"


def _post(client, body, key: str | None = KEY):
    headers = {} if key is None else {"Idempotency-Key": key}
    return client.post(CLAIMS_URL, body, format="json", headers=headers)


@pytest.fixture
def source(db):
    return SourceFactory(reliability="C")


@pytest.mark.django_db
def test_the_same_request_sent_again_gets_the_claim_recorded_the_first_time(
    analyst_client, article, source
):
    first = _post(analyst_client, claim_item(article, source, 0))
    again = _post(analyst_client, claim_item(article, source, 0))

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert "Idempotent-Replayed" not in first
    assert again["Idempotent-Replayed"] == "true"
    assert Claim.objects.count() == 1


@pytest.mark.django_db
def test_without_a_key_each_request_records_a_claim(analyst_client, article, source):
    _post(analyst_client, claim_item(article, source, 0), key=None)
    _post(analyst_client, claim_item(article, source, 0), key=None)

    assert Claim.objects.count() == 2


@pytest.mark.django_db
def test_a_new_key_records_a_new_claim(analyst_client, article, source):
    _post(analyst_client, claim_item(article, source, 0))
    _post(analyst_client, claim_item(article, source, 0), key=KEY[::-1])

    assert Claim.objects.count() == 2


@pytest.mark.django_db
def test_a_key_used_for_another_passage_is_refused(analyst_client, article, source):
    first = _post(analyst_client, claim_item(article, source, start=0)).json()

    response = _post(analyst_client, claim_item(article, source, start=20))

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "idempotency_key_reused"
    assert body["current"] == {"id": first["id"]}
    assert "in a request for other claims" in body["detail"]
    assert Claim.objects.count() == 1


@pytest.mark.django_db
def test_keys_belong_to_their_author(api_client, analyst, article, source):
    other = UserFactory(groups=["analyst"])

    mine = _post(api_client(analyst), claim_item(article, source, 0)).json()
    theirs = _post(api_client(other), claim_item(article, source, 0)).json()

    assert mine["id"] != theirs["id"]
    assert (mine["created_by"], theirs["created_by"]) == (analyst.username, other.username)


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["", "x" * 101, "two words", "ключ", "a/b"])
def test_a_malformed_key_is_refused_and_records_nothing(analyst_client, article, source, key):
    response = _post(analyst_client, claim_item(article, source, 0), key=key)

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()
    assert not Claim.objects.exists()


@pytest.mark.django_db
def test_a_refused_claim_can_be_corrected_and_sent_under_the_same_key(
    analyst_client, article, source
):
    refused = _post(analyst_client, claim_item(article, source, 0, quote="not the text"))
    recorded = _post(analyst_client, claim_item(article, source, 0))

    assert (refused.status_code, recorded.status_code) == (400, 201)
    assert Claim.objects.count() == 1


@pytest.mark.django_db
def test_a_batch_sent_again_gets_its_claims_back_in_order(analyst_client, article, source):
    batch = [claim_item(article, source, start) for start in (0, 20, 40)]

    first = _post(analyst_client, batch)
    again = _post(analyst_client, batch)

    assert (first.status_code, again.status_code) == (201, 201)
    assert [row["id"] for row in again.json()] == [row["id"] for row in first.json()]
    assert again["Idempotent-Replayed"] == "true"
    assert Claim.objects.count() == 3
    shorter = _post(analyst_client, batch[:2])
    assert shorter.status_code == 409
    assert Claim.objects.count() == 3


@pytest.mark.django_db
def test_a_claim_sent_again_costs_no_more_queries_than_recording_it(
    analyst_client, article, source, django_assert_max_num_queries
):
    _post(analyst_client, claim_item(article, source, 0))

    with django_assert_max_num_queries(6):
        response = _post(analyst_client, claim_item(article, source, 0))

    assert response["Idempotent-Replayed"] == "true"


@pytest.mark.django_db
def test_the_reading_view_answers_a_resent_save_with_the_same_claim(client, analyst, source):
    article = ArticleFactory(uploaded_by=analyst)
    client.force_login(analyst)
    url = reverse("claims:annotations-claim-create", args=[article.pk])
    body = json.dumps(
        {key: value for key, value in claim_item(article, source, 0).items() if key != "article"}
    )

    first = client.post(
        url, body, content_type="application/json", headers={"Idempotency-Key": KEY}
    )
    again = client.post(
        url, body, content_type="application/json", headers={"Idempotency-Key": KEY}
    )

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["claim"]["id"] == first.json()["claim"]["id"]
    assert again.json()["cards"] == first.json()["cards"]
    assert Claim.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the suite's SQLite is one shared in-memory connection, where two requests never "
    "meet; SQLite's writers take turns (tests/project/test_sqlite_writers.py)",
)
def test_two_copies_of_a_request_at_once_record_one_claim(api_client, analyst, source):
    article = ArticleFactory(uploaded_by=analyst)
    clients = [api_client(analyst), api_client(analyst)]

    answers, errors = at_once(
        *(lambda client=client: _post(client, claim_item(article, source, 0)) for client in clients)
    )

    assert errors == []
    assert [answer.status_code for answer in answers] == [201, 201]
    assert len({answer.json()["id"] for answer in answers}) == 1
    assert Claim.objects.count() == 1


@pytest.mark.django_db
def test_a_batch_of_one_and_the_claim_alone_are_one_request_under_its_key(
    analyst_client, article, source
):
    refused = _post(analyst_client, [claim_item(article, source, 0, quote="not the text")])
    batch = _post(analyst_client, [claim_item(article, source, 0)])
    single = _post(analyst_client, claim_item(article, source, 0))
    larger = _post(
        analyst_client, [claim_item(article, source, 0), claim_item(article, source, 20)]
    )

    assert refused.status_code == 400
    assert "quote" in refused.json()["items"]["0"]
    assert batch.status_code == 201 and isinstance(batch.json(), list)
    assert single.status_code == 201 and single["Idempotent-Replayed"] == "true"
    assert single.json()["id"] == batch.json()[0]["id"]
    assert larger.status_code == 409  # the key named a batch of one
    assert Claim.objects.count() == 1


@pytest.mark.django_db
def test_a_claim_stored_under_the_bare_key_before_is_still_sent_back(
    analyst_client, analyst, article, source
):
    first = _post(analyst_client, claim_item(article, source, 0))
    Claim.objects.filter(pk=first.json()["id"]).update(request_key=KEY)  # as stored before

    again = _post(analyst_client, claim_item(article, source, 0))

    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the suite's SQLite is one shared in-memory connection, where two requests never "
    "meet; SQLite's writers take turns (tests/project/test_sqlite_writers.py)",
)
def test_a_claim_alone_and_as_a_batch_at_once_under_one_key_record_one_claim(
    api_client, analyst, source
):
    """Audit G2: stored under `key` and `key/0`, the two never met in the constraint."""
    article = ArticleFactory(uploaded_by=analyst)
    item = claim_item(article, source, 0)
    bodies = [item, [item]]

    answers, errors = at_once(
        *(lambda body=body: _post(api_client(analyst), body) for body in bodies)
    )

    assert errors == []
    assert [answer.status_code for answer in answers] == [201, 201]
    assert Claim.objects.count() == 1


@pytest.mark.django_db
def test_a_key_does_not_open_the_door_to_someone_who_may_not_record(
    api_client, analyst, article, source
):
    _post(api_client(analyst), claim_item(article, source, 0))
    analyst.groups.clear()
    former = type(analyst).objects.get(pk=analyst.pk)  # roles not cached

    response = _post(api_client(former), claim_item(article, source, 0))

    assert response.status_code == 403
