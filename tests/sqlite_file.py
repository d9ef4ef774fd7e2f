"""Scripts of the tests run in a process of their own, most often on an SQLite file of its own:
the suite's own SQLite database lives in memory on one shared connection, where two connections
never meet, so what happens between two of them (writers taking turns, a read beside a write) is
tried there."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_on_sqlite_file(script: Path, database: Path) -> str:
    """Run `script` with the path of `database` (a file it creates); its standard output.
    Fails the test with its standard error if it fails."""
    return run_script(script, str(database), environment={"DATABASE_URL": None})


def run_script(script: Path, *arguments: str, environment: dict[str, str | None]) -> str:
    """Run `script` with `arguments` in a process of its own, the checkout on its path and
    `environment` over this one's (None: unset); its standard output. Fails the test with its
    standard error if it fails."""
    merged = {**os.environ, "PYTHONPATH": str(ROOT), **environment}
    finished = subprocess.run(
        [sys.executable, str(script), *arguments],
        cwd=ROOT,
        env={name: value for name, value in merged.items() if value is not None},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout
