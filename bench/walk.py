"""Reading a whole API list: pages by number against the walk by `?after=ID`, at a small and a
large size in the same run, with the load average beside each.

`DATABASE_URL=postgres://…/<db> python -m bench walk` — sizes from BENCH_WALK_SIZES (claims,
comma separated; default 20000,200000), the data from `bench/generate.py` (ten claims per
article). At each size: the first page, the middle page and the last page of 500 claims, read
by number (`?page=N`) and by walk (`?after=` the id before that page), BENCH_WALK_REPEAT times
each (default 5); then the whole list read both ways, page after page, as a script does.
"""

import os
import time

from django.contrib.auth import get_user_model
from django.core.management import call_command

from bench.generate import generate
from bench.harness import Report, percentile, timed
from bench.lists import Browser
from claims.models import Claim

SIZES = [int(size) for size in os.environ.get("BENCH_WALK_SIZES", "20000,200000").split(",")]
REPEAT = int(os.environ.get("BENCH_WALK_REPEAT", "5"))
PAGE = 500


def run(report: Report) -> None:
    report.line("Median ms of one page of 500 claims of `/api/claims/`, p95 in brackets; the")
    report.line("whole list read page after page, in seconds.")
    report.line("")
    for size in SIZES:
        call_command("flush", interactive=False, verbosity=0)
        started = time.perf_counter()
        generate(articles=max(1, size // 10), claims=size, log=lambda _line: None)
        filled = time.perf_counter() - started
        browser = Browser(get_user_model().objects.get(username="reviewer0"))
        ids = list(Claim.objects.order_by("pk").values_list("pk", flat=True))
        pages = -(-len(ids) // PAGE)
        load = os.getloadavg()[0]
        report.line(
            f"## {len(ids):,} claims ({pages} pages; filled in {filled:.0f} s; load {load:.1f})"
        )
        report.line("")
        report.line("| page | by number | by walk |")
        report.line("| --- | ---: | ---: |")
        for label, number in (("first", 1), ("middle", pages // 2 or 1), ("last", pages)):
            after = ids[(number - 1) * PAGE - 1] if number > 1 else 0
            by_number = f"/api/claims/?page={number}&page_size={PAGE}"
            by_walk = f"/api/claims/?after={after}&page_size={PAGE}"
            cells = []
            for url in (by_number, by_walk):
                assert browser.get(url) == 200, url
                samples = timed(lambda url=url, browser=browser: browser.get(url), REPEAT)
                cells.append(
                    f"{sorted(samples)[len(samples) // 2]:.1f} ({percentile(samples, 0.95):.1f})"
                )
            report.line(f"| {label} ({number}) | {cells[0]} | {cells[1]} |")
        whole = []
        for urls in (
            [f"/api/claims/?page={n}&page_size={PAGE}" for n in range(1, pages + 1)],
            [
                f"/api/claims/?after={ids[n * PAGE - 1] if n else 0}&page_size={PAGE}"
                for n in range(pages)
            ],
        ):
            started = time.perf_counter()
            for url in urls:
                assert browser.get(url) == 200, url
            whole.append(time.perf_counter() - started)
        report.line(f"| whole list | {whole[0]:.1f} s | {whole[1]:.1f} s |")
        report.line(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}.\n")
