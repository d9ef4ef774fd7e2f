"""SQLite, the embedded default, with several writers at once (`SQLITE_OPTIONS`): six
transactions that read, then write, all succeed one after another; with SQLite's default
(deferred) transactions five of six failed with "database is locked", a 500 each.

The suite's own SQLite database lives in memory on one shared connection, where no two writers
ever meet, so the writers run in a subprocess on a file of their own."""

from pathlib import Path

from tests.sqlite_file import run_on_sqlite_file

SCRIPT = Path(__file__).with_name("sqlite_writers.py")


def test_six_writers_at_once_on_sqlite_all_succeed(tmp_path):
    output = run_on_sqlite_file(SCRIPT, tmp_path / "writers.sqlite3")

    assert output.strip() == "written 6 failed 0 {}"
