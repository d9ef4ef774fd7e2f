"""Every API list answers a page of 50 rows in a fixed number of queries, whatever the rows hold.

A sweep over the lists of every app (articles, claims, links, sources, tags), kept here beside the
other cross-app sweeps rather than split by app, so the budgets are read side by side.

Each budget is checked twice: as an upper bound at 50 rows, and as "the same count at 10 rows as
at 50", so a per-row query (N+1) fails even if it slipped under the bound.
"""

import pytest

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

#: Queries per list request: count + page, plus one prefetch for claim tags.
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
    populate(10)
    at_10 = count_queries(analyst_client, url, {"page_size": 50})
    populate(40)
    assert count_queries(analyst_client, url, {"page_size": 50}) == at_10


@pytest.mark.parametrize("url", ["/api/claims/{id}/", "/api/articles/{id}/"])
def test_detail_stays_within_budget(analyst_client, django_assert_max_num_queries, url):
    claim = ClaimFactory(tags=["one", "two", "three"])
    target = claim.pk if "claims" in url else claim.article_id
    with django_assert_max_num_queries(2):
        response = analyst_client.get(url.format(id=target))
    assert response.status_code == 200
