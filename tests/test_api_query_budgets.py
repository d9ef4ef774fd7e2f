"""Every API list answers a page of 50 rows in a fixed number of queries, whatever the rows hold.

A sweep over the lists of every app (articles, claims, links, sources, tags), kept here beside the
other cross-app sweeps rather than split by app, so the budgets are read side by side.

Each budget is checked twice: as an upper bound at 50 rows, and as "the same count at 10 rows as
at 50", so a per-row query (N+1) fails even if it slipped under the bound.
"""

import pytest
from django.db import connection

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

#: Queries per list request for a full page: count + page, plus one prefetch for claim tags (a
#: first page that is not full is counted by its length: one query less).
BUDGETS = {
    "/api/articles/": 2,
    "/api/sources/": 2,
    "/api/claims/": 3,
    "/api/links/": 2,
    "/api/tags/": 2,
}


@pytest.fixture
def populate(evidence, analyst, reviewer):
    """`populate(rows)`: `rows` of everything, each claim with its own article, outlet, source
    and two tags, so every list has a page of `rows` rows."""

    def build(rows: int) -> None:
        evidence(rows, authors=[analyst], reviewer=reviewer, distinct=True)

    return build


@pytest.mark.parametrize("url", sorted(BUDGETS))
def test_list_page_of_50_stays_within_budget(
    analyst_client, populate, django_assert_max_num_queries, url
):
    populate(50)
    with django_assert_max_num_queries(BUDGETS[url]):
        response = analyst_client.get(url, {"page_size": 50})
    assert len(response.json()["results"]) == 50


@pytest.mark.parametrize("url", sorted(BUDGETS))
def test_list_query_count_does_not_grow_with_rows(analyst_client, populate, count_queries, url):
    # Pages of 100 that are not full either time (a full first page adds the count query,
    # `project.api.Paginator`), the second twice as long as the first.
    populate(10)
    at_10 = count_queries(analyst_client, url, {"page_size": 100})
    first = len(count_queries.response.json()["results"])
    populate(10)
    assert count_queries(analyst_client, url, {"page_size": 100}) == at_10
    assert first < len(count_queries.response.json()["results"]) < 100


@pytest.mark.parametrize("url", ["/api/claims/{id}/", "/api/articles/{id}/"])
def test_detail_stays_within_budget(analyst_client, django_assert_max_num_queries, url):
    claim = ClaimFactory(tags=["one", "two", "three"])
    target = claim.pk if "claims" in url else claim.article_id
    with django_assert_max_num_queries(2):
        response = analyst_client.get(url.format(id=target))
    assert response.status_code == 200


# --- Writes (issue 17) ---------------------------------------------------------------------------

#: Recording a claim: the user's roles, the article and the source, then one transaction (here a
#: savepoint and its release, in production BEGIN and COMMIT): the article's text fingerprint,
#: read holding its row (no edit of the text slips in before the commit), then on PostgreSQL
#: one statement (tags, claim, tag rows, history, its tags and, in production, the evidence
#: generation); elsewhere five (tags, claim, tag rows, history, its tags) and the generation.
#: Then one query for the claim suggestions the new claims settle (`suggestions.services.settle`).
ONE_STATEMENT = connection.vendor == "postgresql"
CREATE_BUDGET = 8 if ONE_STATEMENT else 12
#: The same by token, as scripts and the harness call it: the token is read with its user and
#: the user's roles in one query.
CREATE_BY_TOKEN_BUDGET = CREATE_BUDGET
#: Ten claims at once: the same statements, the articles and sources read once for all.
BATCH_OF_10_BUDGET = CREATE_BUDGET


def _claim_payload(article, source, tags: int, start: int = 10) -> dict:
    return {
        "article": article.pk,
        "start": start,
        "end": start + 20,
        "quote": article.text[start : start + 20],
        "source": source.pk,
        "credibility": 2,
        "tags": [f"tag {n}" for n in range(tags)],
    }


@pytest.mark.parametrize("tags", [1, 10])
def test_create_claim_stays_within_budget(
    analyst_client, analyst, django_assert_max_num_queries, tags
):
    claim = ClaimFactory(created_by=analyst)
    with django_assert_max_num_queries(CREATE_BUDGET):
        response = analyst_client.post(
            "/api/claims/", _claim_payload(claim.article, claim.source, tags), format="json"
        )
    assert response.status_code == 201, response.json()
    assert len(response.json()["tags"]) == tags


def test_create_claim_by_token_stays_within_budget(analyst, django_assert_max_num_queries):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    claim = ClaimFactory(created_by=analyst)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=analyst).key}")
    with django_assert_max_num_queries(CREATE_BY_TOKEN_BUDGET):
        response = client.post(
            "/api/claims/", _claim_payload(claim.article, claim.source, 3), format="json"
        )
    assert response.status_code == 201, response.json()


def test_create_claim_costs_the_same_with_1_or_10_tags_new_or_known(api_client, analyst):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    claim = ClaimFactory(created_by=analyst)
    counts = []
    for tags in (1, 10, 10):  # the second 10 are known tags
        # A fresh user object per request, as each request reads its user afresh.
        client = api_client(get_user_model().objects.get(pk=analyst.pk))
        with CaptureQueriesContext(connection) as context:
            response = client.post(
                "/api/claims/", _claim_payload(claim.article, claim.source, tags), format="json"
            )
        assert response.status_code == 201
        counts.append(len(context.captured_queries))
    assert len(set(counts)) == 1, counts


def test_batch_create_of_10_stays_within_budget(
    analyst_client, analyst, django_assert_max_num_queries
):
    claim = ClaimFactory(created_by=analyst)
    batch = [_claim_payload(claim.article, claim.source, 3, start=n * 25) for n in range(10)]
    with django_assert_max_num_queries(BATCH_OF_10_BUDGET):
        response = analyst_client.post("/api/claims/", batch, format="json")
    assert response.status_code == 201, response.json()
    assert len(response.json()) == 10


@pytest.mark.parametrize("action", ["submit", "approve"])
def test_claim_review_actions_stay_within_budget(
    api_client, analyst, reviewer, django_assert_max_num_queries, action
):
    from claims.models import ClaimStatus

    status = ClaimStatus.DRAFT if action == "submit" else ClaimStatus.SUBMITTED
    claim = ClaimFactory(created_by=analyst, status=status, tags=["one", "two"])
    client = api_client(analyst if action == "submit" else reviewer)
    # The claim's 404 check, roles, the locked row, its tags, the update, the history record
    # and its tags, the evidence generation; SQLite's BEGIN and COMMIT.
    with django_assert_max_num_queries(10):
        response = client.post(f"/api/claims/{claim.pk}/{action}/", format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["tags"] == ["one", "two"]
