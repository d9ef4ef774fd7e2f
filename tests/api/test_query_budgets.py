"""Every API list answers a page of 50 rows in a fixed number of queries, whatever the rows hold.

Each budget is checked twice: as an upper bound at 50 rows, and as "the same count at 10 rows as
at 50", so a per-row query (N+1) fails even if it slipped under the bound.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import ClaimStatus
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    ClaimLinkFactory,
    OutletFactory,
    SourceFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

#: Queries per list request: count + page, plus one prefetch for claim tags.
BUDGETS = {
    "/api/articles/": 2,
    "/api/sources/": 2,
    "/api/claims/": 3,
    "/api/links/": 2,
    "/api/tags/": 2,
}


def populate(rows: int) -> None:
    """`rows` of everything, each row with its own related objects so nothing is shared."""
    reviewer = UserFactory(groups=["reviewer"])
    tags = TagFactory.create_batch(rows)
    claims = []
    for n in range(rows):
        article = ArticleFactory(outlet=OutletFactory())
        claim = ClaimFactory(
            article=article,
            source=SourceFactory(),
            tags=[tags[n], tags[(n + 1) % rows]],
            status=ClaimStatus.APPROVED if n % 2 else ClaimStatus.SUBMITTED,
            reviewed_by=reviewer if n % 2 else None,
        )
        ClaimFactory(article=article, source=claim.source)
        claims.append(claim)
    for n in range(rows):
        ClaimLinkFactory(
            claim_a=claims[n],
            claim_b=claims[(n + 1) % rows],
            kind="contradicts" if n % 2 else "corroborates",
            decided_by=reviewer,
            decided_at=timezone.now(),
            status="confirmed",
        )


def _queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, {"page_size": 50})
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", sorted(BUDGETS))
def test_list_page_of_50_stays_within_budget(analyst_client, django_assert_max_num_queries, url):
    populate(50)
    with django_assert_max_num_queries(BUDGETS[url]):
        response = analyst_client.get(url, {"page_size": 50})
    assert len(response.json()["results"]) == 50


@pytest.mark.parametrize("url", sorted(BUDGETS))
def test_list_query_count_does_not_grow_with_rows(analyst_client, url):
    populate(10)
    at_10 = _queries_for(analyst_client, url)
    populate(40)
    assert _queries_for(analyst_client, url) == at_10


@pytest.mark.parametrize("url", ["/api/claims/{id}/", "/api/articles/{id}/"])
def test_detail_stays_within_budget(analyst_client, django_assert_max_num_queries, url):
    claim = ClaimFactory(tags=["one", "two", "three"])
    target = claim.pk if "claims" in url else claim.article_id
    with django_assert_max_num_queries(2):
        response = analyst_client.get(url.format(id=target))
    assert response.status_code == 200
