"""Claim list, contradiction board and dashboard (and the other list pages of issue 6) with
100,000 claims: p50/p95 of a whole request through Django's test client, logged in as a reviewer.

Run on PostgreSQL: `DATABASE_URL=postgres://.../<db> python -m bench lists`. The data is
bulk-created in a throwaway database: 5,000 articles of 20 sentences, 600 sources, 100,000 claims
(one per sentence) over a year, 150,000 tag rows, 25,000 contradicting and 10,000 corroborating
links. Set BENCH_LISTS_CLAIMS to try another size.
"""

import contextlib
import datetime
import io
import itertools
import os
import random
import sys
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from articles.ingest.normalize import content_sha256
from articles.models import Article
from bench.harness import Report, timed
from claims.models import Claim, ClaimLink, ClaimStatus, LinkKind, LinkStatus, Tag
from sources.models import Reliability, Source, SourceKind

CLAIMS = int(os.environ.get("BENCH_LISTS_CLAIMS", "100000"))
SENTENCES_PER_ARTICLE = 20
REPEAT = 30
#: A page to profile instead of timing them all (BENCH_LISTS_PROFILE=/claims/).
PROFILE = os.environ.get("BENCH_LISTS_PROFILE", "")
BATCH = 5000

_PLACES = ["Halvern", "Dravik", "the northern valley", "the border crossing", "Lindau"]
_ACTORS = ["The ministry", "A regional governor", "The monitoring mission", "Local officials"]
_VERBS = ["said", "reported", "denied", "confirmed", "estimated"]


def _sentence(article: int, n: int) -> str:
    rng = random.Random(article * 100 + n)
    return (
        f"{rng.choice(_ACTORS)} {rng.choice(_VERBS)} that {rng.randint(2, 20000)} people "
        f"had crossed near {rng.choice(_PLACES)} on day {n + 1} of dispatch {article}."
    )


def _article_text(article: int) -> tuple[str, list[tuple[int, int]]]:
    """Text of two-sentence paragraphs and the span of each sentence."""
    text, spans = "", []
    for n in range(SENTENCES_PER_ARTICLE):
        if n:
            text += "\n\n" if n % 2 == 0 else " "
        sentence = _sentence(article, n)
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence
    return text, spans


@contextlib.contextmanager
def _created_at_as_given():
    """Let bulk_create keep the `created_at` we set (it is `auto_now_add`)."""
    field = Claim._meta.get_field("created_at")
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


def _load(report: Report) -> AbstractBaseUser:
    started = time.perf_counter()
    rng = random.Random(6)
    User = get_user_model()
    analyst_group = Group.objects.get_or_create(name="analyst")[0]
    reviewer_group = Group.objects.get_or_create(name="reviewer")[0]
    analysts = [User.objects.create_user(f"analyst{n}") for n in range(20)]
    reviewers = [User.objects.create_user(f"reviewer{n}") for n in range(3)]
    for user in analysts:
        user.groups.add(analyst_group)
    for user in reviewers:
        user.groups.add(reviewer_group)

    tags = Tag.objects.bulk_create(Tag(name=f"topic-{n}") for n in range(30))
    sources = Source.objects.bulk_create(
        Source(
            name=f"Source {n}",
            kind=SourceKind.values[n % len(SourceKind.values)],
            reliability=Reliability.values[rng.randrange(len(Reliability.values))],
        )
        for n in range(600)
    )
    articles, spans = [], []
    for n in range(CLAIMS // SENTENCES_PER_ARTICLE):
        text, sentence_spans = _article_text(n)
        articles.append(
            Article(
                title=f"Dispatch {n} from the valley",
                text=text,
                content_sha256=content_sha256(text),
                uploaded_by=analysts[n % len(analysts)],
                published_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 365),
            )
        )
        spans.append(sentence_spans)
    articles = Article.objects.bulk_create(articles, batch_size=BATCH)

    # A long tail: the busiest source has about 2.5% of the claims, most have a few dozen.
    source_weights = list(itertools.accumulate(1 / (rank + 10) for rank in range(len(sources))))
    now = timezone.now()
    statuses = [ClaimStatus.DRAFT] * 25 + [ClaimStatus.SUBMITTED] * 15
    statuses += [ClaimStatus.APPROVED] * 45 + [ClaimStatus.REJECTED] * 15
    claims = []
    for index in range(CLAIMS):
        article = articles[index // SENTENCES_PER_ARTICLE]
        start, end = spans[index // SENTENCES_PER_ARTICLE][index % SENTENCES_PER_ARTICLE]
        status = rng.choice(statuses)
        reviewed = status in (ClaimStatus.APPROVED, ClaimStatus.REJECTED)
        claims.append(
            Claim(
                article=article,
                start=start,
                end=end,
                quote=article.text[start:end],
                prefix=article.text[max(0, start - 32) : start],
                suffix=article.text[end : end + 32],
                statement=f"Paraphrase {index}",
                source=(source := rng.choices(sources, cum_weights=source_weights)[0]),
                credibility=rng.randint(1, 6),
                status=status,
                created_by=analysts[rng.randrange(len(analysts))],
                reviewed_by=reviewers[index % len(reviewers)] if reviewed else None,
                reviewed_at=now if reviewed else None,
                evaluated_reliability=source.reliability if reviewed else "",
                created_at=now - datetime.timedelta(minutes=rng.randrange(365 * 24 * 60)),
            )
        )
    with _created_at_as_given():
        claims = Claim.objects.bulk_create(claims, batch_size=BATCH)

    through = Claim.tags.through
    tag_rows = []
    for claim in claims:
        for tag in rng.sample(tags, rng.choice((1, 1, 2, 2, 3))):
            tag_rows.append(through(claim_id=claim.pk, tag_id=tag.pk))
    through.objects.bulk_create(tag_rows, batch_size=BATCH)

    pairs: set[tuple[int, int, str]] = set()
    wanted = {LinkKind.CONTRADICTS: CLAIMS // 4, LinkKind.CORROBORATES: CLAIMS // 10}
    for kind, count in wanted.items():
        target = len(pairs) + count
        while len(pairs) < target:
            first, second = rng.sample(range(len(claims)), 2)
            low, high = sorted((claims[first].pk, claims[second].pk))
            pairs.add((low, high, kind))

    def link(low: int, high: int, kind: str) -> ClaimLink:
        status = rng.choice(LinkStatus.values)
        decided = status != LinkStatus.PROPOSED
        return ClaimLink(
            kind=kind,
            claim_a_id=low,
            claim_b_id=high,
            status=status,
            created_by=analysts[low % len(analysts)],
            decided_by=reviewers[high % len(reviewers)] if decided else None,
            decided_at=now if decided else None,
            note="They disagree.",
        )

    ClaimLink.objects.bulk_create(
        (link(low, high, kind) for low, high, kind in sorted(pairs)), batch_size=BATCH
    )
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a bulk load: statistics, and the visibility map
        # that lets counts be answered from indexes alone.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    report.line(
        f"Data: {len(articles):,} articles, {len(sources)} sources, {len(claims):,} claims, "
        f"{len(tag_rows):,} tag rows, {len(pairs):,} links; loaded in "
        f"{time.perf_counter() - started:.0f} s."
    )
    report.line("")
    return reviewers[0]


class Browser:
    """GETs pages through Django's WSGI handler with a logged-in session cookie, as a browser
    would. (The test client also copies the context of every template it renders, an overhead
    of its own that grows with every include and would blur the figures.)"""

    def __init__(self, user):
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
        self.handler = WSGIHandler()

    def get(self, url: str) -> int:
        """The status code of a GET of `url`, after reading the whole body."""
        path, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SCRIPT_NAME": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_COOKIE": self.cookie,
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        statuses = []
        response = self.handler(environ, lambda status, headers: statuses.append(status))
        b"".join(response)
        response.close()
        return int(statuses[0].split()[0])


def _week_ago(weeks: int) -> str:
    """The created-on filters of the week that began `weeks` weeks ago (claims span a year)."""
    first = timezone.localdate() - datetime.timedelta(weeks=weeks)
    last = first + datetime.timedelta(days=6)
    return f"created_after={first.isoformat()}&created_before={last.isoformat()}"


def run(report: Report) -> None:
    reviewer = _load(report)
    if PROFILE:
        _profile(reviewer, PROFILE)
        return
    client = Browser(reviewer)
    pages = [
        ("claim list (newest first)", "/claims/"),
        (f"claim list, page {CLAIMS // 100}", f"/claims/?page={CLAIMS // 100}"),
        ("claim list, approved + tag", "/claims/?status=approved&tag=topic-3"),
        ("claim list, grade B2 + in a contradiction", "/claims/?grade=B2&in_contradiction=true"),
        ("claim list, sorted by source", "/claims/?sort=source"),
        ("claim list, text search", "/claims/?q=Halvern+on+day+7"),
        ("claim list, text search matching every claim", "/claims/?q=dispatch"),
        ("claim list, created in one week, oldest first", f"/claims/?{_week_ago(26)}&sort=created"),
        ("contradiction board", "/contradictions/"),
        ("contradiction board, confirmed + tag", "/contradictions/?status=confirmed&tag=topic-3"),
        ("dashboard", "/"),
        ("review queue", "/review/"),
        ("source registry", "/sources/"),
        ("articles × articles matrix", "/contradictions/matrix/"),
    ]
    report.line("Every aggregate computed afresh (AGGREGATE_CACHE_SECONDS=0, as after a change):")
    report.line("")
    _time_pages(report, client, pages)
    # Between changes, the dashboard, board and matrix read their aggregates from the cache.
    cached = [(label, url) for label, url in pages if url == "/" or "/contradictions/" in url]
    report.line("")
    report.line("Aggregates cached (claims.aggregates), the evidence unchanged since:")
    report.line("")
    cache.clear()
    with override_settings(AGGREGATE_CACHE_SECONDS=600):
        _time_pages(report, client, cached)


def _time_pages(report: Report, client: "Browser", pages: list[tuple[str, str]]) -> None:
    report.latency_header()
    for label, url in pages:
        for _ in range(3):  # warm the caches and the connection
            assert client.get(url) == 200, url
        report.latency(label, timed(lambda url=url: client.get(url), REPEAT))


def _profile(reviewer, url: str) -> None:
    """Where the time of one page goes: the ten most expensive functions, on stderr."""
    import cProfile
    import pstats

    client = Browser(reviewer)
    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        client.get(url)
    profiler.disable()
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
