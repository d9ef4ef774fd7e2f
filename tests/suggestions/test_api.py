"""The suggestions API: list with filters and the documented shapes, accept and dismiss."""

import pytest

from claims.models import ClaimLink
from suggestions.models import Suggestion, SuggestionKind, SuggestionStatus
from tests.factories import OutletFactory

pytestmark = pytest.mark.django_db

URL = "/api/suggestions/"


def test_a_claim_suggestion_carries_its_span(analyst_client, claim_suggestion):
    body = analyst_client.get(URL, {"kind": "claim", "article": claim_suggestion.a_article_id})
    row = next(row for row in body.json()["results"] if row["id"] == claim_suggestion.pk)
    assert (row["article"], row["start"], row["end"], row["quote"]) == (
        claim_suggestion.a_article_id,
        claim_suggestion.a_start,
        claim_suggestion.a_end,
        claim_suggestion.a_quote,
    )
    assert row["a"] is None and row["b"] is None and row["claim"] is None


def test_a_pair_carries_both_sides_and_the_reason(analyst_client, contradiction):
    body = analyst_client.get(URL, {"kind": "contradiction"}).json()
    row = next(row for row in body["results"] if row["id"] == contradiction.pk)
    assert row["a"] == {
        "article": contradiction.a_article_id,
        "start": contradiction.a_start,
        "end": contradiction.a_end,
        "quote": contradiction.a_quote,
        "claim": None,
    }
    assert row["b"]["quote"] == contradiction.b_quote
    assert row["reason"] == contradiction.reason
    assert row["article"] is None


def test_the_list_filters_by_kind_status_and_article(analyst_client, suggested, analyst):
    small = suggested[0]
    rows = analyst_client.get(URL, {"article": small.pk}).json()["results"]
    assert rows and all(
        small.pk in (r["article"], (r["a"] or {}).get("article"), (r["b"] or {}).get("article"))
        for r in rows
    )
    kinds = {
        row["kind"] for row in analyst_client.get(URL, {"kind": "corroboration"}).json()["results"]
    }
    assert kinds == {"corroboration"}
    assert analyst_client.get(URL, {"status": "dismissed"}).json()["count"] == 0


@pytest.mark.parametrize("query", [{"kind": "rumour"}, {"article": "x"}, {"status": "maybe"}])
def test_a_bad_filter_is_a_400_with_a_message(analyst_client, query):
    response = analyst_client.get(URL, query)
    assert response.status_code == 400
    assert list(response.json()) == list(query)


def test_accept_a_claim_suggestion(analyst_client, claim_suggestion):
    response = analyst_client.post(
        f"{URL}{claim_suggestion.pk}/accept/", {"credibility": 3}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "accepted" and body["claim"] and body["decided_by"] == "alice"


def test_accept_a_pair_with_a_source(analyst_client, contradiction):
    source = OutletFactory()
    response = analyst_client.post(
        f"{URL}{contradiction.pk}/accept/", {"source": source.pk}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["a"]["claim"] and body["b"]["claim"] and body["link"]
    assert ClaimLink.objects.get(pk=body["link"]).status == "proposed"


def test_accept_without_any_source_is_a_400_saying_so(analyst_client, contradiction):
    response = analyst_client.post(f"{URL}{contradiction.pk}/accept/", {}, format="json")
    assert response.status_code == 400
    assert "source" in response.json()


@pytest.mark.parametrize(
    "body", [{"source": 10**12}, {"credibility": 9}, {"source": "x"}, {"tags": "a"}]
)
def test_accept_with_a_bad_body_is_a_400(analyst_client, claim_suggestion, body):
    response = analyst_client.post(f"{URL}{claim_suggestion.pk}/accept/", body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == set(body)


def test_dismiss_then_deciding_again_is_a_409(analyst_client, claim_suggestion):
    response = analyst_client.post(f"{URL}{claim_suggestion.pk}/dismiss/")
    assert response.status_code == 200 and response.json()["status"] == "dismissed"
    again = analyst_client.post(f"{URL}{claim_suggestion.pk}/accept/", {}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "decided"


@pytest.mark.parametrize("who", ["reviewer", "no_role_user"])
def test_reviewers_and_people_without_a_role_cannot_decide(
    request, api_client, who, claim_suggestion
):
    client = api_client(request.getfixturevalue(who))
    assert client.get(URL).status_code == 200
    assert client.post(f"{URL}{claim_suggestion.pk}/accept/", {}, format="json").status_code == 403
    assert client.post(f"{URL}{claim_suggestion.pk}/dismiss/").status_code == 403
    claim_suggestion.refresh_from_db()
    assert claim_suggestion.status == SuggestionStatus.PENDING


def test_the_list_answers_a_page_in_a_fixed_number_of_queries(
    analyst_client, suggested, count_queries, django_assert_max_num_queries, analyst
):
    Suggestion.objects.filter(kind=SuggestionKind.CLAIM).update(
        status=SuggestionStatus.DISMISSED, decided_by=analyst
    )
    few = count_queries(analyst_client, URL, {"page_size": 50})
    from suggestions import services
    from tests.factories import ArticleFactory
    from tests.suggestions.conftest import LARGE

    for n in range(6):
        article = ArticleFactory(text=LARGE.replace("60,000", f"{70 + n},000"), uploaded_by=analyst)
        services.suggest_for_article(article)
    assert Suggestion.objects.count() > 20
    with django_assert_max_num_queries(2):
        analyst_client.get(URL, {"page_size": 50})
    assert count_queries(analyst_client, URL, {"page_size": 50}) == few
