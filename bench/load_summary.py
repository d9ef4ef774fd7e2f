"""Summarise the runs of bench/load_configs.sh: per configuration and round, the requests made
after the users' log-in (the log-in requests of `on_start` left out: PBKDF2 log-ins dominate the
first minute), their rate, failures, and p50/p95 as the request-weighted mean of the endpoints'
percentiles (locust's CSV has no merged distribution, so this is an approximation).

    python bench/load_summary.py bench/reports/load-configs 130
"""

import csv
import sys
from pathlib import Path

ON_START = {"login page", "log in", "/api/articles/ (count)", "/api/sources/"}


def summary(stats: Path, seconds: float) -> str:
    rows = list(csv.DictReader(stats.open()))
    work = [row for row in rows if row["Name"] not in ON_START and row["Name"] != "Aggregated"]
    count = sum(int(row["Request Count"]) for row in work)
    failures = sum(int(row["Failure Count"]) for row in work)

    def weighted(column: str) -> float:
        return sum(int(row["Request Count"]) * float(row[column]) for row in work) / max(count, 1)

    return (
        f"{stats.name.removesuffix('_stats.csv'):14} work {count:5d}  {count / seconds:5.2f}/s  "
        f"failures {failures:3d}  p50 ~{weighted('50%'):7.0f} ms  p95 ~{weighted('95%'):7.0f} ms"
    )


if __name__ == "__main__":
    folder, seconds = Path(sys.argv[1]), float(sys.argv[2]) if len(sys.argv) > 2 else 130
    for stats in sorted(folder.glob("*_stats.csv"), key=lambda path: path.name[::-1]):
        print(summary(stats, seconds))
