"""The discussion through the API: the same rules as the pages, JSON refusals."""

import pytest

from claims import services as claim_services
from discussion.models import Comment
from discussion.services import comment_post
from tests.factories import ClaimFactory, UserFactory

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


def test_the_api_says_which_comments_are_new_without_marking_them_seen(
    api_client, analyst, analyst2
):
    claim = ClaimFactory(created_by=analyst)
    for_her = comment_post(claim=claim, author=analyst2, body="For the claim's author.")
    hers = comment_post(claim=claim, author=analyst, body="Her own.")
    client = api_client(analyst)

    for _ in range(2):
        listed = client.get("/api/comments/", {"claim": claim.pk}).json()["results"]
        assert {comment["id"]: comment["new"] for comment in listed} == {
            for_her.pk: True,
            hers.pk: False,
        }
    only_new = client.get("/api/comments/", {"new": "true"}).json()["results"]
    assert [comment["id"] for comment in only_new] == [for_her.pk]
    assert client.get(f"/api/comments/{for_her.pk}/").json()["new"] is True
    assert api_client(analyst2).get(f"/api/comments/{for_her.pk}/").json()["new"] is False


def test_comments_are_marked_seen_through_the_api_by_id_or_all_at_once(
    api_client, analyst, analyst2
):
    claim = ClaimFactory(created_by=analyst)
    first, *_ = [comment_post(claim=claim, author=analyst2, body=f"Point {n}.") for n in range(3)]
    client = api_client(analyst)

    response = client.post("/api/comments/seen/", {"comments": [first.pk]}, format="json")
    assert response.status_code == 200
    assert response.json() == {"seen": 1, "new": 2}
    # Seen already, or not for her: nothing changes.
    again = client.post("/api/comments/seen/", {"comments": [first.pk, 10**9]}, format="json")
    assert again.json() == {"seen": 0, "new": 2}
    assert client.post("/api/comments/seen/", {}, format="json").json() == {"seen": 2, "new": 0}
    listed = client.get("/api/comments/", {"claim": claim.pk}).json()["results"]
    assert not any(comment["new"] for comment in listed)


@pytest.mark.parametrize(
    "body, field",
    [
        ({"comments": "7"}, "comments"),
        ({"comments": ["x"]}, "comments"),
        ({"comments": [0]}, "comments"),
        # Past what an id can be: SQLite fails on it rather than finding nothing.
        ({"comments": [2**63]}, "comments"),
        ({"comments": list(range(1, 1002))}, "comments"),
    ],
)
def test_a_seen_mark_that_cannot_be_read_is_refused_naming_the_field(
    api_client, analyst, analyst2, body, field
):
    comment = comment_post(claim=ClaimFactory(created_by=analyst), author=analyst2, body="Hm.")

    response = api_client(analyst).post("/api/comments/seen/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert api_client(analyst).get(f"/api/comments/{comment.pk}/").json()["new"] is True


def test_an_observer_marks_what_was_for_them_as_seen(api_client, analyst):
    observer = UserFactory(username="olga")
    comment_post(claim=ClaimFactory(created_by=analyst), author=analyst, body="@olga, look.")

    response = api_client(observer).post("/api/comments/seen/", format="json")

    assert response.status_code == 200
    assert response.json() == {"seen": 1, "new": 0}
    assert api_client().post("/api/comments/seen/", format="json").status_code == 401
