"""Aggregates over the whole evidence base that the dashboard and the contradiction board show:
claims counted by status, grade and source, articles, sources and links counted, contradictions
per tag, the articles × articles matrix, each analyst's weekly activity. `claims.aggregates`
caches them per evidence generation (ADR 0003)."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum, Value
from django.db.models.functions import TruncWeek
from django.utils import timezone

from articles.models import Article
from claims.link_tallies import LinkTally
from claims.models import Claim, ClaimLink, ClaimStatus, LinkKind, LinkStatus, Tag
from claims.rollups import GradeTally, SourceTally
from claims.tallies import ClaimDayTally, ClaimTally
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


def tallied_contradictions_per_tag(status: str = "") -> list[tuple[str, int]]:
    """`contradictions_per_tag` of every contradiction between live claims (of one `status`,
    or all), from the link tallies (ADR 0012): a few rows per tag, whatever the links."""
    by_status = "AND lt.status = %s" if status else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT t.name, SUM(lt.n) FROM {LinkTally._meta.db_table} lt
            JOIN {Tag._meta.db_table} t ON t.id = lt.tag_id
            WHERE lt.kind = %s AND lt.tag_id <> 0 {by_status}
            GROUP BY t.name HAVING SUM(lt.n) > 0
            ORDER BY SUM(lt.n) DESC, t.name
            """,
            [LinkKind.CONTRADICTS, *([status] if status else [])],
        )
        return [(name, int(n)) for name, n in cursor.fetchall()]


def tallied_contradiction_count(*, status: str = "", tag: str = "") -> int:
    """How many contradictions between live claims there are (of one `status`, touching a claim
    tagged `tag`, or all), from the link tallies (ADR 0012)."""
    rows = LinkTally.objects.filter(kind=LinkKind.CONTRADICTS, source_id=0)
    if tag:
        rows = rows.filter(tag_id__in=Tag.objects.filter(name=tag.strip()).values("pk"))
    else:
        rows = rows.filter(tag_id=0)
    if status:
        rows = rows.filter(status=status)
    return rows.aggregate(total=Sum("n"))["total"] or 0


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
    """Live claims counted by status, by grade (reliability, credibility), and the busiest
    sources (`(source id, name, count)`, most first, then by name)."""

    by_status: dict[str, int]
    by_grade: dict[tuple[str, int], int]
    by_source: list[tuple[int, str, int]]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def claim_counts(*, busiest: int = 20) -> ClaimCounts:
    """`ClaimCounts` from the tallies' roll-ups (ADR 0012): by status and grade from a few
    hundred rows at most, and the `busiest` sources with the most live claims (ties by name)
    read off an index. A reviewed claim counts under the grade it was evaluated with, any other
    under its source's current reliability."""
    grades, sources = GradeTally._meta.db_table, SourceTally._meta.db_table
    by_status = dict.fromkeys(ClaimStatus.values, 0)
    by_grade: dict[tuple[str, int], int] = {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT status, reliability, credibility, n FROM {grades} WHERE n <> 0")
        for status, reliability, credibility, n in cursor.fetchall():
            by_status[status] += n
            grade = (reliability, credibility)  # one row per status: add them up
            by_grade[grade] = by_grade.get(grade, 0) + n
        # Every source with at least as many claims as the last of the busiest, so that ties
        # at the boundary are broken by name.
        cursor.execute(
            f"""
            SELECT t.source_id, s.name, t.n FROM {sources} t
            JOIN {Source._meta.db_table} s ON s.id = t.source_id
            WHERE t.n > 0 AND t.n >= COALESCE(
                (SELECT n FROM {sources} WHERE n > 0 ORDER BY n DESC LIMIT 1 OFFSET %s), 1
            )
            ORDER BY t.n DESC, s.name
            LIMIT %s
            """,
            [busiest - 1, busiest],
        )
        by_source = [(pk, name, n) for pk, name, n in cursor.fetchall()]
    return ClaimCounts(by_status=by_status, by_grade=by_grade, by_source=by_source)


def claims_per_author_and_week(*, since: datetime.datetime) -> list[dict]:
    """Live claims recorded since `since`, counted per author and week (weeks start on
    Monday): `created_by_id`, `created_by__username`, `week`, `n`.

    Summed from the day tallies (ADR 0012, days in UTC) when the site's time is UTC and
    `since` starts a day; otherwise counted from the claims (weeks in the site's time)."""
    if not _days_in_site_time(since):
        return list(
            Claim.objects.filter(created_at__gte=since)
            .order_by()
            .annotate(week=TruncWeek("created_at", tzinfo=timezone.get_default_timezone()))
            .values("created_by_id", "created_by__username", "week")
            .annotate(n=Count("pk"))
        )
    user = get_user_model()
    weeks: dict[tuple[int, datetime.date], int] = {}
    usernames: dict[int, str] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT d.created_by_id, u.{user.USERNAME_FIELD}, d.day, d.n
            FROM {ClaimDayTally._meta.db_table} d JOIN {user._meta.db_table} u
              ON u.id = d.created_by_id
            WHERE d.day >= %s AND d.n > 0
            """,
            [since.date()],
        )
        for author, username, day, n in cursor.fetchall():
            if isinstance(day, str):  # SQLite
                day = datetime.date.fromisoformat(day)
            usernames[author] = username
            key = (author, day - datetime.timedelta(days=day.weekday()))
            weeks[key] = weeks.get(key, 0) + n
    tz = timezone.get_default_timezone()
    return [
        {
            "created_by_id": author,
            "created_by__username": usernames.get(author, ""),
            "week": datetime.datetime.combine(week, datetime.time.min, tzinfo=tz),
            "n": n,
        }
        for (author, week), n in weeks.items()
    ]


def with_usernames_now(rows: list[dict]) -> list[dict]:
    """`rows` of `claims_per_author_and_week` (perhaps cached) with each author's username as
    it is now: a rename is no change to the evidence, so it starts no new cache generation,
    and a chart kept for minutes would show the old name. One query on the users' keys."""
    authors = {row["created_by_id"] for row in rows}
    if not authors:
        return rows
    names = dict(get_user_model().objects.filter(pk__in=authors).values_list("pk", "username"))
    return [{**row, "created_by__username": names.get(row["created_by_id"], "")} for row in rows]


def _days_in_site_time(since: datetime.datetime) -> bool:
    """Whether UTC days group as the site's days do, and `since` starts one."""
    utc = datetime.UTC
    return (
        str(timezone.get_default_timezone()) in ("UTC", "Etc/UTC")
        and since.astimezone(utc).time() == datetime.time.min
    )


def evidence_totals() -> dict[str, int]:
    """How many articles and sources there are, and links between live claims of each kind
    that no reviewer dismissed
    (keyed by `LinkKind` value): one query."""

    def total(queryset: QuerySet, name: str) -> QuerySet:
        return (
            queryset.order_by()
            .annotate(total_of=Value(name))
            .values("total_of")
            .annotate(n=Count("pk"))
            .values_list("total_of", "n")
        )

    # Links between live claims, by kind: from the link tallies (ADR 0012). A link a reviewer
    # dismissed is no contradiction (or corroboration): it is left out.
    links_by_kind = (
        LinkTally.objects.filter(tag_id=0, source_id=0)
        .exclude(status=LinkStatus.DISMISSED)
        .order_by()
        .values_list("kind")
        .annotate(n=Sum("n"))
    )
    parts = total(Article.objects.all(), "articles").union(
        total(Source.objects.all(), "sources"), links_by_kind, all=True
    )
    return {**dict.fromkeys(["articles", "sources", *LinkKind.values], 0), **dict(parts)}


#: The claim filters (`claims.filters.ClaimFilter`) whose matches the tallies count exactly
#: (ADR 0012): the grade's parts and status from the roll-up by grade (a few hundred rows),
#: with a source or a kind of source from the tallies of those sources.
_COUNTED_BY_GRADE = {"status", "credibility", "reliability", "grade"}
_COUNTED_BY_SOURCE = _COUNTED_BY_GRADE | {"source", "source_kind"}


def tallied_claim_count(filters: dict | None) -> int | None:
    """How many live claims the claim filter keeps with `filters` (the values in use, by name,
    as `project.lists.filters_in_use` gives them), read from the tallies; None when the
    tallies cannot tell (another filter in use), and the claims must be counted."""
    if filters is None or not set(filters) <= _COUNTED_BY_SOURCE:
        return None
    grade = filters.get("grade", "").strip().upper()
    reliabilities = {filters.get("reliability"), grade[:1]} - {None, ""}
    credibilities = {filters.get("credibility"), int(grade[1:] or 0) or None} - {None}
    if len(reliabilities) > 1 or len(credibilities) > 1:
        return 0  # two different values asked of one column
    reliability = next(iter(reliabilities), None)
    match = {"status": filters["status"]} if "status" in filters else {}
    if credibilities:
        match["credibility"] = next(iter(credibilities))
    if set(filters) <= _COUNTED_BY_GRADE:
        if reliability:
            match["reliability"] = reliability
        return _total(GradeTally.objects.filter(**match))
    rows = ClaimTally.objects.filter(**match)
    if "source" in filters:
        rows = rows.filter(source_id=filters["source"].pk)
    if "source_kind" in filters:
        of_kind = Source.objects.filter(kind=filters["source_kind"]).values("pk")
        rows = rows.filter(source_id__in=of_kind)
    if reliability:  # as evaluated, else the source's current one
        rated = Source.objects.filter(reliability=reliability).values("pk")
        rows = rows.filter(
            Q(evaluated_reliability=reliability) | Q(evaluated_reliability="", source_id__in=rated)
        )
    return _total(rows)


def _total(rows: QuerySet) -> int:
    return rows.aggregate(total=Sum("n"))["total"] or 0
