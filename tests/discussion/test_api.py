"""The discussion through the API: the same rules as the pages, JSON refusals."""

import pytest

from claims import services as claim_services
from discussion.models import Comment
from discussion.services import comment_post
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_a_comment_is_posted_and_read_back_with_its_mentions(api_client, analyst, analyst2):
    claim = ClaimFactory(created_by=analyst)

    response = api_client(analyst2).post(
        "/api/comments/", {"claim": claim.pk, "body": " Which week, @alice? "}, format="json"
    )

    assert response.status_code == 201
    body = response.json()
    assert {key: body[key] for key in ("claim", "author", "body", "mentions", "withdrawn_by")} == {
        "claim": claim.pk,
        "author": "bob",
        "body": "Which week, @alice?",
        "mentions": ["alice"],
        "withdrawn_by": None,
    }
    listed = api_client(analyst).get("/api/comments/", {"claim": claim.pk}).json()
    assert [comment["id"] for comment in listed["results"]] == [body["id"]]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": "No claim."}, "claim"),
        ({"claim": 999999, "body": "Unknown claim."}, "claim"),
        ({"claim": "CLAIM", "body": ""}, "body"),
        ({"claim": "CLAIM", "body": "   "}, "body"),
        ({"claim": "CLAIM", "body": "x" * 4001}, "body"),
        ({"claim": "CLAIM", "body": ["a list"]}, "body"),
    ],
)
def test_a_bad_comment_is_refused_with_400_naming_the_field(api_client, analyst, payload, field):
    claim = ClaimFactory(created_by=analyst)
    payload = {key: claim.pk if value == "CLAIM" else value for key, value in payload.items()}

    response = api_client(analyst).post("/api/comments/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Comment.objects.exists()


def test_a_deleted_claim_is_refused_with_400_and_the_reason(api_client, analyst):
    claim = ClaimFactory(created_by=analyst)
    claim_services.claim_delete(claim=claim, user=analyst)

    response = api_client(analyst).post(
        "/api/comments/", {"claim": claim.pk, "body": "Hello?"}, format="json"
    )

    assert response.status_code == 400
    assert "restore it to discuss it" in str(response.json())


def test_delete_withdraws_for_the_author_and_hides_the_words(api_client, analyst, analyst2):
    comment = comment_post(claim=ClaimFactory(created_by=analyst), author=analyst, body="Oops.")

    refused = api_client(analyst2).delete(f"/api/comments/{comment.pk}/")
    withdrawn = api_client(analyst).delete(f"/api/comments/{comment.pk}/")

    assert (refused.status_code, withdrawn.status_code) == (403, 204)
    read = api_client(analyst2).get(f"/api/comments/{comment.pk}/").json()
    assert (read["body"], read["withdrawn_by"]) == (None, "alice")


def test_for_me_lists_mentions_and_others_comments_on_my_claims(api_client, analyst, analyst2):
    mine, theirs = ClaimFactory(created_by=analyst), ClaimFactory(created_by=analyst2)
    on_mine = comment_post(claim=mine, author=analyst2, body="On yours.")
    comment_post(claim=mine, author=analyst, body="My own remark.")
    comment_post(claim=theirs, author=analyst2, body="Not for alice.")
    naming = comment_post(claim=theirs, author=analyst2, body="cc @alice")

    listed = api_client(analyst).get("/api/comments/", {"for": "me"}).json()

    assert [comment["id"] for comment in listed["results"]] == [naming.pk, on_mine.pk]


def test_an_unreadable_filter_is_a_400(api_client, analyst):
    response = api_client(analyst).get("/api/comments/", {"for": "all"})

    assert response.status_code == 400
    assert "for" in response.json()


def test_the_list_costs_the_same_queries_for_3_and_30_comments(
    api_client, analyst, analyst2, django_assert_num_queries
):
    claim = ClaimFactory(created_by=analyst)
    client = api_client(analyst)
    for n in range(3):
        comment_post(claim=claim, author=analyst2, body=f"{n} @alice")
    with django_assert_num_queries(2) as few:
        client.get("/api/comments/")
    for n in range(27):
        comment_post(claim=claim, author=analyst2, body=f"{n} @alice")
    with django_assert_num_queries(len(few)):
        response = client.get("/api/comments/")
    assert len(response.json()["results"]) == 30
