"""The claim list's created-on filters: a week compared as a range of `created_at` (how
`project.filters.SiteDayFilter` reads it) against the `__date` cast it replaced, at a small and
a large size in the same run, with the load average beside each.

`DATABASE_URL=postgres://…/<db> python -m bench days` — sizes from BENCH_DAYS_SIZES (claims,
comma separated; default 20000,100000), the data from `bench/generate.py` (claims over two
years). At each size, for the week around the median claim: the first 50 claims oldest first and
their count (what a filtered page reads), both forms alternated BENCH_DAYS_REPEAT times
(default 20), the same claims asserted; then the whole page through the test client.
"""

import datetime
import os
import time

from django.contrib.auth import get_user_model
from django.core.management import call_command

from bench.generate import generate
from bench.harness import Report, percentile
from bench.lists import Browser
from claims.models import Claim
from project.filters import site_day_start

SIZES = [int(size) for size in os.environ.get("BENCH_DAYS_SIZES", "20000,100000").split(",")]
REPEAT = int(os.environ.get("BENCH_DAYS_REPEAT", "20"))
_DAY = datetime.timedelta(days=1)


def _by_cast(first: datetime.date, last: datetime.date):
    return Claim.objects.filter(created_at__date__gte=first, created_at__date__lte=last)


def _by_range(first: datetime.date, last: datetime.date):
    return Claim.objects.filter(
        created_at__gte=site_day_start(first), created_at__lt=site_day_start(last + _DAY)
    )


def _read(claims) -> tuple[list[int], int]:
    return list(
        claims.order_by("created_at", "pk").values_list("pk", flat=True)[:50]
    ), claims.count()


def _week(first: datetime.date, last: datetime.date) -> str:
    return f"created_after={first}&created_before={last}"


def _cell(samples: list[float]) -> str:
    return f"{sorted(samples)[len(samples) // 2]:.1f} ({percentile(samples, 0.95):.1f})"


def run(report: Report) -> None:
    report.line("Median ms, p95 in brackets: the first 50 claims of one week oldest first, and")
    report.line("their count; then the claim list filtered on that week, sorted oldest first,")
    report.line("beside the same list unfiltered.")
    report.line("")
    report.line(
        "| claims | in the week | `__date` cast (before) | range (now) | the page "
        "| the page unfiltered | load |"
    )
    report.line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in SIZES:
        call_command("flush", interactive=False, verbosity=0)
        generate(articles=max(1, size // 10), claims=size, log=lambda _line: None)
        middle = Claim.objects.order_by("created_at").values_list("created_at", flat=True)
        first = middle[size // 2].date()
        last = first + 6 * _DAY
        found = _read(_by_range(first, last))
        assert _read(_by_cast(first, last)) == found, "the two forms find different claims"
        forms = {"cast": [], "range": []}
        for _ in range(REPEAT):
            for name, claims in (("cast", _by_cast), ("range", _by_range)):
                started = time.perf_counter()
                _read(claims(first, last))
                forms[name].append((time.perf_counter() - started) * 1000)
        browser = Browser(get_user_model().objects.get(username="reviewer0"))
        pages = {"/claims/?sort=created": [], f"/claims/?{_week(first, last)}&sort=created": []}
        for url in pages:
            assert browser.get(url) == 200, url
        for _ in range(REPEAT):
            for url, samples in pages.items():
                started = time.perf_counter()
                browser.get(url)
                samples.append((time.perf_counter() - started) * 1000)
        unfiltered, filtered = pages.values()
        report.line(
            f"| {size:,} | {found[1]:,} | {_cell(forms['cast'])} | {_cell(forms['range'])} "
            f"| {_cell(filtered)} | {_cell(unfiltered)} | {os.getloadavg()[0]:.1f} |"
        )
