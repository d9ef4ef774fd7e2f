"""Memory of a claim-set import as the file grows: the streaming reader of this branch beside
the one on `main` (whole file parsed at once), in the same run, on the same files.

Synthetic claim sets are written to disk, shaped like the JSON export (articles with their text,
sources, claims with quote, prefix, suffix, statement and tags, links between claims):

- **reading** (BENCH_IMPORT_MB, "10,70" by default: sizes in MB): the file checked whole and its
  claims and links read as the restore reads them, without writing — `main`'s given the file's
  bytes (as its `POST /api/import/` did), this branch's given the open file (as the job and the
  API now do). This is where the memory went: the parsed document and a dict per claim.
- **whole import** (BENCH_IMPORT_FULL_MB, "3" by default; "" to skip): the same two restores
  writing into an emptied database.

Each is measured with tracemalloc (peak Python memory) and timed without it. `main`'s code is
loaded from git (`git show main:exports/...`); set BENCH_IMPORT_BASE for another revision.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
import types
from pathlib import Path

from django.contrib.auth import get_user_model

from articles.ingest.normalize import normalize_text
from bench.harness import Report
from claims.demo.loader import reset_domain
from claims.models import span_context
from exports.formats import FORMAT_NAME, FORMAT_REVISION
from exports.restore import claim_set_import
from exports.validation import read_claim_set

ROOT = Path(__file__).resolve().parent.parent
SIZES_MB = [int(size) for size in os.environ.get("BENCH_IMPORT_MB", "10,70").split(",")]
FULL_MB = [int(size) for size in os.environ.get("BENCH_IMPORT_FULL_MB", "3").split(",") if size]
BASE = os.environ.get("BENCH_IMPORT_BASE", "main")
CLAIMS_PER_ARTICLE = 40
WORDS = [
    "the",
    "bridge",
    "held",
    "until",
    "noon",
    "when",
    "troops",
    "crossed",
    "the",
    "river",
    "near",
    "velka",
    "under",
    "fire",
]


def _text(seed: int) -> str:
    words = [WORDS[(seed * 7 + index * 3) % len(WORDS)] for index in range(900)]
    paragraphs = [" ".join(words[i : i + 60]).capitalize() + "." for i in range(0, 900, 60)]
    return normalize_text(f"Dispatch {seed}\n\n" + "\n\n".join(paragraphs))


def write_claim_set(path: Path, megabytes: int) -> int:
    """A claim set of about `megabytes` MB at `path`, written a record at a time; returns the
    number of claims."""
    target = megabytes * 1_000_000
    authors = [f"bench-analyst-{n}" for n in range(5)]
    with path.open("w", encoding="utf-8") as out:
        out.write(f'{{"format": "{FORMAT_NAME}", "version": {FORMAT_REVISION}, ')
        out.write('"export": {"id": "bench-import-memory"}, "sources": [')
        out.write(
            ", ".join(
                json.dumps({"id": n, "name": f"Bench source {n}", "kind": "military"})
                for n in range(200)
            )
        )
        articles = max(1, target // 1000 // CLAIMS_PER_ARTICLE)
        texts = [_text(n) for n in range(articles)]
        out.write('], "articles": [')
        out.write(
            ", ".join(
                json.dumps(
                    {"id": n, "title": f"Dispatch {n}", "uploaded_by": authors[0], "text": t}
                )
                for n, t in enumerate(texts)
            )
        )
        out.write('], "claims": [')
        claims = 0
        while out.tell() < target * 0.9:
            article = claims % articles
            text = texts[article]
            start = (claims // articles * 37) % (len(text) - 200)
            end = start + 120
            prefix, suffix = span_context(text, start, end)
            record = {
                "id": claims,
                "article": article,
                "source": claims % 200,
                "start": start,
                "end": end,
                "quote": text[start:end],
                "prefix": prefix,
                "suffix": suffix,
                "statement": f"Statement {claims} about the crossing at the bridge.",
                "credibility": 1 + claims % 6,
                "status": "approved",
                "tags": [f"bench-{claims % 30}", "crossing"],
                "created_by": authors[claims % 5],
                "created_at": "2024-03-01T12:00:00+00:00",
                "reviewed_by": "bench-reviewer",
                "reviewed_at": "2024-03-02T12:00:00+00:00",
            }
            out.write(("" if claims == 0 else ", ") + json.dumps(record))
            claims += 1
        out.write('], "links": [')
        links = 0
        while out.tell() < target and 2 * links + 1 < claims:
            record = {
                "id": links,
                "kind": "corroborates",
                "claim_a": 2 * links,
                "claim_b": 2 * links + 1,
                "created_by": authors[0],
            }
            out.write(("" if links == 0 else ", ") + json.dumps(record))
            links += 1
        out.write("]}")
    return claims


def _module(name: str, source: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__file__ = f"{BASE}:{name}"
    sys.modules[name] = module
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module


def base_import():
    """`claim_set_import` as it is on BASE: its validation and restore, loaded from git."""

    def show(path: str) -> str:
        return subprocess.run(
            ["git", "show", f"{BASE}:{path}"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout

    source = show("exports/validation.py")
    if "from exports.claim_set_file import" in source:  # a streaming revision (3729ba2 and later)
        reader = show("exports/claim_set_file.py")
        if "from exports.claim_set_scratch import" in reader or "claim_set_scratch" in source:
            _module("bench_base_claim_set_scratch", show("exports/claim_set_scratch.py"))
            reader = reader.replace(
                "from exports.claim_set_scratch", "from bench_base_claim_set_scratch"
            )
            source = source.replace(
                "from exports.claim_set_scratch", "from bench_base_claim_set_scratch"
            )
        _module("bench_base_claim_set_file", reader)
        source = source.replace("from exports.claim_set_file", "from bench_base_claim_set_file")
    validation = _module("bench_base_validation", source)
    restore = show("exports/restore.py").replace(
        "from exports.validation import", "from bench_base_validation import"
    )
    return validation.read_claim_set, _module("bench_base_restore", restore).claim_set_import


def _measure(run, *, empty: bool) -> tuple[float, float]:
    """(peak traced MB, seconds untraced) of `run()`; with `empty`, each on an emptied
    database."""
    if empty:
        reset_domain()
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    if empty:
        reset_domain()
    started = time.perf_counter()
    run()
    return peak / 1e6, time.perf_counter() - started


def _read_all(claim_set) -> None:
    """Consume a checked claim set as the restore does: each claim and link once."""
    for _ in claim_set.claims:
        pass
    for _ in claim_set.links:
        pass


def run(report: Report) -> None:
    admin = get_user_model().objects.create_user("bench-admin", is_staff=True)
    read_before, import_before = base_import()
    report.line(f"Peak Python memory (tracemalloc) and time; `{BASE}` vs this tree, same run.")
    report.line("")
    report.line("| what | file | claims | peak before | peak after | time before | time after |")
    report.line("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    cases = [("reading", megabytes) for megabytes in SIZES_MB]
    cases += [("whole import", megabytes) for megabytes in FULL_MB]
    with tempfile.TemporaryDirectory() as folder:
        for what, megabytes in cases:
            path = Path(folder) / f"claims-{megabytes}mb.json"
            if not path.exists():
                claims = write_claim_set(path, megabytes)
            size = path.stat().st_size / 1e6

            if what == "reading":

                def old(path=path):
                    _read_all(read_before(path.read_bytes()))

                def new(path=path):
                    with path.open("rb") as claim_set:
                        _read_all(read_claim_set(claim_set))

            else:

                def old(path=path):
                    return import_before(content=path.read_bytes(), user=admin)

                def new(path=path):
                    with path.open("rb") as claim_set:
                        return claim_set_import(content=claim_set, user=admin)

            empty = what != "reading"
            peak_old, time_old = _measure(old, empty=empty)
            peak_new, time_new = _measure(new, empty=empty)
            report.line(
                f"| {what} | {size:.0f} MB | {claims:,} | {peak_old:.0f} MB | {peak_new:.0f} MB "
                f"| {time_old:.1f} s | {time_new:.1f} s |"
            )
            print(report.lines[-1], flush=True)
    report.line("")
    report.line(f"Load average at the end: {' '.join(f'{n:.2f}' for n in os.getloadavg())}.")
