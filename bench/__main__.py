"""Run benchmarks: `python -m bench` (all) or `python -m bench ingest search` (some);
`python -m bench generate --articles N --claims M` fills a database for the load test.

Each benchmark is a module `bench/<name>.py` with `run(report: Report) -> None`. It uses the
database in DATABASE_URL (use PostgreSQL for the figures that matter) inside a throwaway test
database, and writes its figures to `bench/reports/<name>.md`, also printed.
"""

import argparse
import importlib
import os
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(ROOT))
    if sys.argv[1:2] == ["generate"]:  # fills DATABASE_URL's database itself: its own options
        from bench.generate import main as generate

        return generate(sys.argv[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings.test")
    names = sorted(
        module.name
        for module in pkgutil.iter_modules([str(ROOT / "bench")])
        if not module.name.startswith("_")
        and module.name not in {"harness", "generate", "locustfile", "load_summary"}
    )
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmarks to run")
    args = parser.parse_args()

    import django

    django.setup()
    from bench.harness import Report, throwaway_database

    failures = 0
    for name in args.names or names:
        module = importlib.import_module(f"bench.{name}")
        report = Report(name)
        with throwaway_database():
            try:
                module.run(report)
            except Exception as error:  # a failing benchmark must not hide the others
                failures += 1
                report.line(f"FAILED: {error!r}")
        print(report.write())
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
