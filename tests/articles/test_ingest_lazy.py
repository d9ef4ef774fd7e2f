"""A server process starts without the format readers' libraries: trafilatura (with lxml and
numpy), pypdf, python-docx and py3langid are imported when a file of their format, or a text
whose language is to be told, first comes (0.6 s and about 37 MB per process at start)."""

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = {"trafilatura", "lxml", "numpy", "pypdf", "docx", "py3langid", "PIL"}
ROOT = Path(__file__).resolve().parents[2]


def _imported_at_start() -> set[str]:
    script = (
        "import json, sys, django; django.setup();"
        "from django.urls import get_resolver; get_resolver().url_patterns;"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))"
    )
    assert os.environ["DJANGO_SETTINGS_MODULE"]  # the test settings, passed on to the process
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_readers_libraries_are_not_imported_at_start():
    assert _imported_at_start() & HEAVY == set()


def test_each_reader_is_found_when_its_format_comes():
    from articles import ingest

    for suffix in ingest.SUPPORTED_EXTENSIONS:
        assert callable(ingest.reader(suffix)), suffix
