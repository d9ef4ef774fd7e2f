"""How each page grows with the evidence base: p50/p95 of every list page, API list, the
reading view, the dashboard and board, searches and filters, at a small and a large size in the
same run (the growth ratio holds on any machine; absolute times do not), with the plan of every
query checked for sequential scans of the big tables.

`DATABASE_URL=postgres://…/<db> python -m bench scale` — sizes from BENCH_SCALE_SIZES (claims,
comma separated; default 10000,1000000; ten claims per article), BENCH_SCALE_REPEAT runs per page
(default 15). The data comes from bench/generate.py, or from existing databases it filled:
BENCH_SCALE_DATABASES=big_10k,big_1m (names on DATABASE_URL's server, measured as they are, so
a change is measured again without generating a million claims again; `migrate` them first).
Aggregates are computed afresh (AGGREGATE_CACHE_SECONDS=0, as right after a change) and once more
cached.
"""

import os
import time

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from bench.generate import generate
from bench.harness import Report, percentile, timed
from bench.lists import Browser

SIZES = [int(size) for size in os.environ.get("BENCH_SCALE_SIZES", "10000,1000000").split(",")]
REPEAT = int(os.environ.get("BENCH_SCALE_REPEAT", "15"))
CLAIMS_PER_ARTICLE = 10
#: Tables big enough that a sequential scan of one is a plan to fix at a million claims.
BIG_TABLES = (
    "claims_claim",
    "claims_claim_tags",
    "claims_claimlink",
    "claims_historicalclaim",
    "articles_article",
)

PAGES = [
    ("dashboard", "/"),
    ("claim list", "/claims/"),
    ("claim list, last page", "/claims/?page=LAST"),
    ("claim list, approved + tag", "/claims/?status=approved&tag=topic-3"),
    ("claim list, grade B2 + in a contradiction", "/claims/?grade=B2&in_contradiction=true"),
    ("claim list, sorted by source", "/claims/?sort=source"),
    ("claim list, text search", "/claims/?q=Halvern+on+day+7"),
    ("claim list, text search, page 3", "/claims/?q=Halvern+on+day+7&page=3"),
    ("claim list, text search, counted", "/claims/?q=Halvern+on+day+7&count=all"),
    ("review queue", "/review/"),
    ("contradiction board", "/contradictions/"),
    ("contradiction board, confirmed + tag", "/contradictions/?status=confirmed&tag=topic-3"),
    ("source registry", "/sources/"),
    ("article list", "/articles/"),
    ("article search", "/articles/?q=Dravik"),
    ("reading view", "/articles/MIDDLE/"),
    ("API claims of one article", "/api/claims/?article=MIDDLE"),
    ("API claim list", "/api/claims/"),
    ("API article list", "/api/articles/"),
    ("API source list", "/api/sources/"),
]


def run(report: Report) -> None:
    throwaway = connection.settings_dict["NAME"]
    try:
        _run(report)
    finally:
        # The harness drops the database the connection names: its own, never one reused.
        connection.close()
        connection.settings_dict["NAME"] = throwaway


def _run(report: Report) -> None:
    results: dict[int, dict[str, float]] = {}
    for size, name in _databases():
        started = time.perf_counter()
        if name:
            # An evidence base `bench generate` filled (and `migrate` brought up to date).
            connection.close()
            connection.settings_dict["NAME"] = name
            from claims.models import Claim

            size = Claim.objects.count()
            articles = Article.objects.count()
            what = f"database {name}"
        else:
            call_command("flush", interactive=False, verbosity=0)
            articles = max(1, size // CLAIMS_PER_ARTICLE)
            generate(articles=articles, claims=size, log=lambda _line: None)
            what = f"generated in {time.perf_counter() - started:.0f} s"
        load = os.getloadavg()
        report.line(
            f"## {size:,} claims ({articles:,} articles): {what}; load average {load[0]:.1f}"
        )
        report.line("")
        from django.contrib.auth import get_user_model

        browser = Browser(get_user_model().objects.get(username="reviewer0"))
        results[size] = _time_pages(report, browser, size, articles)
    sizes = sorted(results)
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        report.line(f"## Growth: p95 at {large:,} claims ÷ p95 at {small:,} (aim ≤ 1.5)")
        report.line("")
        report.line("| page | ratio |")
        report.line("| --- | ---: |")
        for label in results[small]:
            ratio = results[large][label] / max(results[small][label], 0.01)
            report.line(f"| {label} | {ratio:.2f} |")


def _databases() -> list[tuple[int, str]]:
    """(size, "") for each size to generate, or (0, name) for each existing database named in
    BENCH_SCALE_DATABASES."""
    names = [name for name in os.environ.get("BENCH_SCALE_DATABASES", "").split(",") if name]
    return [(0, name) for name in names] or [(size, "") for size in SIZES]


def _time_pages(report: Report, browser: Browser, size: int, articles: int) -> dict[str, float]:
    p95s: dict[str, float] = {}
    report.line("| page | p50 ms | p95 ms | queries | sequential scans of big tables |")
    report.line("| --- | ---: | ---: | ---: | --- |")
    for label, url in PAGES:
        url = url.replace("LAST", str(max(1, size // 100))).replace(
            "MIDDLE", str(articles // 2 or 1)
        )
        with override_settings(AGGREGATE_CACHE_SECONDS=0):
            browser.get(url)  # warm the connection and the caches of the database
            with CaptureQueriesContext(connection) as capture:
                status = browser.get(url)
            # A copy: the next request empties the log the context reads from.
            queries = list(capture.captured_queries)
            assert status == 200, (url, status)
            samples = timed(lambda url=url: browser.get(url), REPEAT)
        scans = _sequential_scans(queries)
        p95s[label] = percentile(samples, 0.95)
        report.line(
            f"| {label} | {percentile(samples, 0.5):.1f} | {p95s[label]:.1f} | "
            f"{len(queries)} | {', '.join(scans) or '—'} |"
        )
    report.line("")
    report.line("Aggregates cached between changes (AGGREGATE_CACHE_SECONDS=600):")
    report.line("")
    report.latency_header()
    cache.clear()
    with override_settings(AGGREGATE_CACHE_SECONDS=600):
        for label, url in PAGES:
            if url == "/" or url.startswith("/contradictions/") or url == "/sources/":
                browser.get(url)
                report.latency(f"{label}, cached", timed(lambda url=url: browser.get(url), REPEAT))
    report.line("")
    return p95s


def _sequential_scans(queries: list[dict]) -> list[str]:
    """The big tables some query of the page reads whole, by its plan."""
    if connection.vendor != "postgresql":
        return []
    found: set[str] = set()
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN {sql}")
            for (line,) in cursor.fetchall():
                if "Seq Scan on " in line:
                    table = line.split("Seq Scan on ", 1)[1].split()[0]
                    if table in BIG_TABLES:
                        found.add(table)
    return sorted(found)
