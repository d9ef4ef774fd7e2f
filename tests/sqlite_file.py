"""A script of the tests run on an SQLite file of its own, in a subprocess: the suite's own
SQLite database lives in memory on one shared connection, where two connections never meet, so
what happens between two of them (writers taking turns, a read beside a write) is tried there."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_on_sqlite_file(script: Path, database: Path) -> str:
    """Run `script` with the path of `database` (a file it creates); its standard output.
    Fails the test with its standard error if it fails."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("DATABASE_URL", None)
    finished = subprocess.run(
        [sys.executable, str(script), str(database)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout
