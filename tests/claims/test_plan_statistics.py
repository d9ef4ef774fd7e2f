"""PostgreSQL: the article list's claim counts are looked up by index whatever the statistics
last saw (issue 17; claims migration 0011)."""

import pytest
from django.db import connection

from articles.selectors import article_list
from claims.api.representations import claim_values
from claims.models import CONTEXT_LENGTH, Claim
from tests.factories import ArticleFactory, SourceFactory, UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner"),
]


def _claims(articles, per_article: int, source, user) -> None:
    rows = []
    for article in articles:
        for n in range(per_article):
            start, end = n * 3, n * 3 + 2
            rows.append(
                Claim(
                    article=article,
                    start=start,
                    end=end,
                    quote=article.text[start:end],
                    prefix=article.text[max(0, start - CONTEXT_LENGTH) : start],
                    source=source,
                    created_by=user,
                )
            )
    Claim.objects.bulk_create(rows)


def _plan(queryset) -> str:
    with connection.cursor() as cursor:
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_claim_counts_use_the_index_with_statistics_taken_when_one_article_had_claims():
    user, source = UserFactory(), SourceFactory()
    first = ArticleFactory()
    _claims([first], 40, source, user)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")  # "every claim has the same article"
    others = [ArticleFactory() for _ in range(60)]
    _claims(others, 40, source, user)  # 2,400 more claims, statistics not refreshed

    plan = _plan(article_list()[:100])

    assert "Seq Scan on claims_claim" not in plan, plan


def test_an_articles_claims_are_read_by_its_index_with_statistics_taken_when_empty():
    """A new installation: ANALYZE saw no claim (migrations run it), the claims came after.
    PostgreSQL took the live claims' grade index then, reading every live claim per article
    listed (55 ms for 100 articles on the peers harness's 2,020 claims; claims 0020). The
    table starts as a new installation's does: truncated (rolled back with the test), so its
    indexes are as small as on a new database, not swollen by earlier tests' rolled-back rows."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE claims_claim CASCADE")
        cursor.execute("ANALYZE claims_claim")
    user, source = UserFactory(), SourceFactory()
    articles = [ArticleFactory() for _ in range(60)]
    _claims(articles, 40, source, user)

    for queryset in (
        article_list()[:100],
        claim_values(
            Claim.objects.filter(article_id=articles[7].pk).order_by("-created_at", "-id")
        ),
    ):
        plan = _plan(queryset)
        claim_scans = [line for line in plan.splitlines() if " on claims_claim " in line]
        # Each read of the claims goes by an index on their article (0020's, or the foreign
        # key's), never through another index of every live claim.
        assert claim_scans and all("article" in line for line in claim_scans), plan
