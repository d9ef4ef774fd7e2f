"""What every benchmark shares: a throwaway database, timing, memory, and a Markdown report."""

import contextlib
import datetime
import os
import resource
import statistics
import time
from pathlib import Path

from django.db import connection, connections
from django.test.utils import get_runner, setup_test_environment, teardown_test_environment

REPORTS = Path(__file__).resolve().parent / "reports"


@contextlib.contextmanager
def throwaway_database():
    """Create bench_<pid>_<name> (migrated), run the benchmark in it, drop it afterwards. Not
    test_<name>: a test run on the same `DATABASE_URL` would drop and refill that one under
    the benchmark (one export run read zero claims so)."""
    from django.conf import settings

    for each in connections.all():
        test = each.settings_dict.setdefault("TEST", {})
        if each.vendor != "sqlite" and not test.get("MIRROR"):
            test["NAME"] = f"bench_{os.getpid()}_{each.settings_dict['NAME']}"
    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    try:
        yield
    finally:
        runner.teardown_databases(old_config)
        teardown_test_environment()


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def timed(function, repeat: int) -> list[float]:
    """Run `function` `repeat` times; the durations in milliseconds."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Report:
    def __init__(self, name: str):
        self.name = name
        self.lines: list[str] = []

    def line(self, text: str) -> None:
        self.lines.append(text)

    def latency(self, label: str, samples_ms: list[float]) -> None:
        self.line(
            f"| {label} | {len(samples_ms)} | {statistics.median(samples_ms):.1f} | "
            f"{percentile(samples_ms, 0.95):.1f} | {max(samples_ms):.1f} |"
        )

    def latency_header(self) -> None:
        self.line("| what | runs | p50 ms | p95 ms | max ms |")
        self.line("| --- | ---: | ---: | ---: | ---: |")

    def write(self) -> str:
        header = (
            f"# bench: {self.name}\n\n{datetime.datetime.now():%Y-%m-%d %H:%M} · "
            f"database {connection.vendor} · peak RSS {peak_rss_mb():.0f} MB\n\n"
        )
        text = header + "\n".join(self.lines) + "\n"
        REPORTS.mkdir(exist_ok=True)
        (REPORTS / f"{self.name}.md").write_text(text)
        return text
