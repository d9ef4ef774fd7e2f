"""SQLite, the embedded default, with several writers at once (`SQLITE_OPTIONS`): six
transactions that read, then write, all succeed one after another; with SQLite's default
(deferred) transactions five of six failed with "database is locked", a 500 each.

The suite's own SQLite database lives in memory on one shared connection, where no two writers
ever meet, so the writers run in a subprocess on a file of their own."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("sqlite_writers.py")


def test_six_writers_at_once_on_sqlite_all_succeed(tmp_path):
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("DATABASE_URL", None)

    finished = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "writers.sqlite3")],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip() == "written 6 failed 0 {}"
