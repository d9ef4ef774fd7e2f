"""Aggregates over the whole evidence base that the dashboard and the contradiction board show:
claims counted by status, grade and source, articles, sources and links counted, contradictions
per tag, the articles × articles matrix, each analyst's weekly activity. `claims.aggregates`
caches them per evidence generation (ADR 0003)."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, QuerySet, Value
from django.db.models.functions import TruncWeek

from articles.models import Article
from claims.models import Claim, ClaimLink, ClaimStatus, LinkKind, Tag, graded_reliability
from claims.selectors import between_live_claims
from sources.models import Source


def contradictions_per_tag(links: QuerySet[ClaimLink]) -> list[tuple[str, int]]:
    """How many of `links` touch a claim with each tag (a link counts once per tag even when
    both its claims carry it), most first, in one query.

    Written in SQL around the ORM's own query for `links`: both ends of every link are joined
    to their tags in one pass and the distinct links counted per tag. Through the ORM the tags
    could only be reached by joining every claim, once for each end."""
    try:
        link_sql, params = (
            links.order_by().values_list("id", "claim_a_id", "claim_b_id").query.sql_with_params()
        )
    except EmptyResultSet:  # a filter that rules out every link (e.g. `.none()`)
        return []
    quote = connection.ops.quote_name
    claim_tags = quote(Claim.tags.through._meta.db_table)
    tags = quote(Tag._meta.db_table)
    sql = f"""
        WITH links (id, claim_a_id, claim_b_id) AS ({link_sql}),
        link_ends (link_id, claim_id) AS (
            SELECT id, claim_a_id FROM links UNION ALL SELECT id, claim_b_id FROM links
        )
        SELECT {tags}.name, counted.total
        FROM (
            SELECT claim_tag.tag_id, COUNT(DISTINCT link_ends.link_id) AS total
            FROM link_ends
            JOIN {claim_tags} claim_tag ON claim_tag.claim_id = link_ends.claim_id
            GROUP BY claim_tag.tag_id
        ) AS counted
        JOIN {tags} ON {tags}.id = counted.tag_id
        ORDER BY counted.total DESC, {tags}.name
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(name, int(total)) for name, total in cursor.fetchall()]


@dataclass(frozen=True)
class ContradictionMatrix:
    """The articles most involved in contradictions and the count for each pair of them
    (`counts[(low_id, high_id)]`, symmetric, the diagonal for pairs within one article)."""

    articles: list[Article]
    counts: dict[tuple[int, int], int]
    article_total: int

    def count(self, first: int, second: int) -> int:
        return self.counts.get((min(first, second), max(first, second)), 0)


def contradiction_matrix(links: QuerySet[ClaimLink], *, size: int = 20) -> ContradictionMatrix:
    """Count `links` between each pair of articles, for the `size` articles with the most."""
    pairs: dict[tuple[int, int], int] = {}
    for first, second, n in (
        links.order_by()
        .values_list("claim_a__article_id", "claim_b__article_id")
        .annotate(n=Count("pk"))
    ):
        key = (min(first, second), max(first, second))
        pairs[key] = pairs.get(key, 0) + n
    per_article: dict[int, int] = {}
    for (first, second), n in pairs.items():
        per_article[first] = per_article.get(first, 0) + n
        if second != first:
            per_article[second] = per_article.get(second, 0) + n
    top = sorted(per_article, key=lambda pk: (-per_article[pk], pk))[:size]
    articles = {
        article.pk: article
        for article in Article.objects.filter(pk__in=top).only("id", "title", "published_on")
    }
    return ContradictionMatrix(
        articles=[articles[pk] for pk in top if pk in articles],
        counts={key: n for key, n in pairs.items() if key[0] in articles and key[1] in articles},
        article_total=len(per_article),
    )


@dataclass(frozen=True)
class ClaimCounts:
    """Live claims counted by status, by grade (reliability, credibility), and by source
    (`(source id, name, count)`, most first, then by name)."""

    by_status: dict[str, int]
    by_grade: dict[tuple[str, int], int]
    by_source: list[tuple[int, str, int]]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def claim_counts() -> ClaimCounts:
    """`ClaimCounts` from one pass over the claims, grouped by source, status, credibility and
    reliability as evaluated (a few thousand rows at most), and the sources' names and
    reliabilities. A reviewed claim counts under the grade it was evaluated with."""
    sources = {
        pk: (name, reliability)
        for pk, name, reliability in Source.objects.values_list("pk", "name", "reliability")
    }
    by_status = dict.fromkeys(ClaimStatus.values, 0)
    by_grade: dict[tuple[str, int], int] = {}
    by_source: dict[int, int] = {}
    for source_id, status, credibility, evaluated, n in (
        Claim.objects.order_by()
        .values_list("source_id", "status", "credibility", "evaluated_reliability")
        .annotate(n=Count("*"))
    ):
        grade_key = (graded_reliability(evaluated, sources[source_id][1]), credibility)
        by_status[status] += n
        by_grade[grade_key] = by_grade.get(grade_key, 0) + n
        by_source[source_id] = by_source.get(source_id, 0) + n
    busiest = sorted(by_source, key=lambda pk: (-by_source[pk], sources[pk][0]))
    return ClaimCounts(
        by_status=by_status,
        by_grade=by_grade,
        by_source=[(pk, sources[pk][0], by_source[pk]) for pk in busiest],
    )


def claims_per_author_and_week(*, since: datetime.datetime) -> list[dict]:
    """Live claims recorded since `since`, counted per author and week (weeks start on
    Monday): `created_by_id`, `created_by__username`, `week`, `n`."""
    return list(
        Claim.objects.filter(created_at__gte=since)
        .order_by()
        .annotate(week=TruncWeek("created_at"))
        .values("created_by_id", "created_by__username", "week")
        .annotate(n=Count("pk"))
    )


def evidence_totals() -> dict[str, int]:
    """How many articles and sources there are, and links between live claims of each kind
    (keyed by `LinkKind` value): one query."""

    def total(queryset: QuerySet, name: str) -> QuerySet:
        return (
            queryset.order_by()
            .annotate(total_of=Value(name))
            .values("total_of")
            .annotate(n=Count("pk"))
            .values_list("total_of", "n")
        )

    links_by_kind = (
        between_live_claims(ClaimLink.objects.order_by())
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    parts = total(Article.objects.all(), "articles").union(
        total(Source.objects.all(), "sources"), links_by_kind, all=True
    )
    return {**dict.fromkeys(["articles", "sources", *LinkKind.values], 0), **dict(parts)}
