"""Import of a JSON claim set: claims per second, database queries per claim, peak memory.

The claim set is the JSON export (every status) of bench/lists.py's data at BENCH_IMPORT_CLAIMS
claims (10,000 by default: 500 articles, 600 sources, about 18,000 tag rows and 3,500 links).
The domain is wiped after the export, so the import creates everything again, through
`claim_set_import` exactly as `POST /api/import/` and `manage.py import_claims` do.
"""

import os
import time
import tracemalloc

from django.contrib.auth import get_user_model
from django.db import connection

from bench import lists
from bench.harness import Report
from claims.demo.loader import reset_domain
from claims.models import Claim
from exports.export import claim_set_export
from exports.models import ExportChannel, ExportFormat
from exports.restore import claim_set_import

CLAIMS = int(os.environ.get("BENCH_IMPORT_CLAIMS", "10000"))


class _QueryCounter:
    def __init__(self):
        self.count = 0
        self.kinds: dict[str, int] = {}

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        kind = " ".join(sql.split()[:4])[:70]
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        return execute(sql, params, many, context)


def run(report: Report) -> None:
    lists.CLAIMS = CLAIMS
    lists._load(report)
    admin = get_user_model().objects.create_user("bench-admin", is_staff=True)
    export = claim_set_export(
        claims=Claim.objects.all(),
        format=ExportFormat.JSON,
        filters={"status": ""},
        user=None,
        via=ExportChannel.COMMAND,
    )
    content = b"".join(export)
    claim_count = Claim.objects.count()
    reset_domain()
    report.line(f"Claim set: {claim_count:,} claims, {len(content) / 1e6:.1f} MB of JSON.")
    report.line("")

    counter = _QueryCounter()
    started, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(counter):
        summary = claim_set_import(content=content, user=admin)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    created = summary.created
    assert created["claims"] == claim_count, created

    # Memory in a second run: tracemalloc slows Python down too much to time with it.
    reset_domain()
    tracemalloc.start()
    claim_set_import(content=content, user=admin)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    report.line("| what | figure |")
    report.line("| --- | ---: |")
    report.line(f"| created | {', '.join(f'{n:,} {kind}' for kind, n in created.items())} |")
    report.line(f"| time (this process's CPU) | {elapsed:.1f} s ({cpu:.1f} s) |")
    report.line(f"| claims per second | {claim_count / elapsed:,.0f} |")
    report.line(f"| queries | {counter.count:,} ({counter.count / claim_count:.1f} per claim) |")
    if os.environ.get("BENCH_IMPORT_QUERIES"):
        for kind, n in sorted(counter.kinds.items(), key=lambda item: -item[1])[:12]:
            report.line(f"| {kind} | {n:,} |")
    report.line(f"| peak Python memory (tracemalloc) | {peak / 1e6:.0f} MB |")
