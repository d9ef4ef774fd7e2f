"""PostgreSQL: the JSON export's reads are planned well whatever the statistics say. Right
after a bulk load the planner believes the tables nearly empty; the sources of a claim set were
then found by a nested loop that compared every article with every claim of the set (issue 17:
100-360 ms of a 2,000-claim export)."""

import json
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from claims.models import Claim
from exports.formats import ExportMetadata
from exports.formats.json_document import json_pieces
from exports.selectors import ClaimSetQuery, export_filter
from sources.models import Source

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner"),
]

ARTICLES, CLAIMS_PER_ARTICLE = 200, 5


def _rows_compared(plan: dict) -> int:
    """Rows the joins of `plan` looked at and dropped, over all their loops."""
    own = plan.get("Rows Removed by Join Filter", 0) * plan.get("Actual Loops", 1)
    return own + sum(_rows_compared(child) for child in plan.get("Plans", ()))


def _explained(sql: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        (explained,) = cursor.fetchone()
    (plan,) = json.loads(explained) if isinstance(explained, str) else explained
    return plan["Plan"]


def test_no_read_of_the_json_export_compares_every_article_with_every_claim():
    with connection.cursor() as cursor:  # the statistics of empty tables, before a bulk load
        cursor.execute("ANALYZE articles_article, claims_claim, sources_source")
    user = get_user_model().objects.create_user("loader")
    source = Source.objects.create(name="Wire service", reliability="B")
    outlet = Source.objects.create(name="The Courier", kind="media_outlet", reliability="C")
    articles = Article.objects.bulk_create(
        Article(
            title=f"Report {n}",
            text=f"Report number {n}: officials said the convoy crossed.",
            content_sha256=f"{n:064x}",
            uploaded_by=user,
            outlet=outlet,
        )
        for n in range(ARTICLES)
    )
    Claim.objects.bulk_create(
        Claim(article=article, start=0, end=6, quote="Report", source=source, created_by=user)
        for article in articles
        for _ in range(CLAIMS_PER_ARTICLE)
    )
    claim_filter = export_filter(QueryDict(f"status=all&source={source.pk}"))
    assert claim_filter.is_valid()

    metadata = ExportMetadata(uuid.uuid4(), timezone.now(), None, "api", "json", {})

    with CaptureQueriesContext(connection) as reads:
        pieces = json_pieces(ClaimSetQuery(claim_filter.qs), metadata)
        document = json.loads(b"".join(content for content, _ in pieces))

    assert len(document["articles"]) == ARTICLES
    assert {record["id"] for record in document["sources"]} == {source.pk, outlet.pk}
    assert len(document["claims"]) == ARTICLES * CLAIMS_PER_ARTICLE
    selects = [query["sql"] for query in reads.captured_queries if "SELECT" in query["sql"]]
    assert selects
    for sql in selects:
        sql = sql[sql.index("SELECT") :]  # a server-side cursor's DECLARE … FOR SELECT
        assert _rows_compared(_explained(sql)) < ARTICLES * CLAIMS_PER_ARTICLE, sql
