"""Memory of a claim-set import as the file grows: the streaming reader of this branch beside
the one on `main` (whole file parsed at once), in the same run, on the same files.

Synthetic claim sets are written to disk, shaped like the JSON export (articles with their text,
sources, claims with quote, prefix, suffix, statement and tags, links between claims):

- **reading** (BENCH_IMPORT_MB, "10,70" by default: sizes in MB): the file checked whole and its
  claims and links read as the restore reads them, without writing — a revision that parses the
  whole file given its bytes (as its `POST /api/import/` did), a streaming one (and this tree)
  given the open file (as the job and the API now do).
- **whole import** (BENCH_IMPORT_FULL_MB, "3" by default; "" to skip): the same two restores
  writing into an emptied database.

Each is measured with tracemalloc (peak Python memory) and timed without it. `main`'s code is
loaded from git (`git show main:exports/...`); set BENCH_IMPORT_BASE for other revisions, comma
separated (`04501b5,ed2766e`: the whole-file parse and the first streaming reader).
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
BASES = os.environ.get("BENCH_IMPORT_BASE", "main").split(",")
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


def _module(name: str, source: str, base: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__file__ = f"{base}:{name}"
    sys.modules[name] = module
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module


def base_import(base: str, number: int = 0):
    """(`read_claim_set`, `claim_set_import`, streaming?) as they are on revision `base`,
    loaded from git (under module names of their own, `number` telling bases apart)."""

    def show(path: str) -> str:
        return subprocess.run(
            ["git", "show", f"{base}:{path}"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout

    prefix = f"bench_base{number}_"

    def load(module: str, source: str, *renamed: str) -> types.ModuleType:
        for name in renamed:
            source = source.replace(f"from exports.{name}", f"from {prefix}{name}")
        return _module(f"{prefix}{module}", source, base)

    source = show("exports/validation.py")
    streaming = "from exports.claim_set_file import" in source  # 3729ba2 and later
    if streaming:
        reader = show("exports/claim_set_file.py")
        if "from exports.claim_set_scratch import" in reader or "claim_set_scratch" in source:
            load("claim_set_scratch", show("exports/claim_set_scratch.py"))
        load("claim_set_file", reader, "claim_set_scratch")
    validation = load("validation", source, "claim_set_file", "claim_set_scratch")
    restore = load("restore", show("exports/restore.py"), "validation")
    return validation.read_claim_set, restore.claim_set_import, streaming


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
    bases = [(base, *base_import(base, n)) for n, base in enumerate(BASES)]
    report.line(
        f"Peak Python memory (tracemalloc) and time; {', '.join(BASES)} vs this tree, same run."
    )
    report.line("")
    names = [*BASES, "now"]
    report.line(
        "| what | file | claims | "
        + " | ".join(f"peak, {name}" for name in names)
        + " | "
        + " | ".join(f"time, {name}" for name in names)
        + " |"
    )
    report.line("| --- | --- | ---: |" + " ---: |" * (2 * len(names)))
    cases = [("reading", megabytes) for megabytes in SIZES_MB]
    cases += [("whole import", megabytes) for megabytes in FULL_MB]
    with tempfile.TemporaryDirectory() as folder:
        for what, megabytes in cases:
            path = Path(folder) / f"claims-{megabytes}mb.json"
            if not path.exists():
                claims = write_claim_set(path, megabytes)
            size = path.stat().st_size / 1e6
            runs = [
                _runner(what, path, read, restore, streaming, admin)
                for _, read, restore, streaming in bases
            ]
            runs.append(_runner(what, path, read_claim_set, claim_set_import, True, admin))
            measured = [_measure(one, empty=what != "reading") for one in runs]
            report.line(
                f"| {what} | {size:.0f} MB | {claims:,} | "
                + " | ".join(f"{peak:.0f} MB" for peak, _ in measured)
                + " | "
                + " | ".join(f"{seconds:.1f} s" for _, seconds in measured)
                + " |"
            )
            print(report.lines[-1], flush=True)
    report.line("")
    report.line(f"Load average at the end: {' '.join(f'{n:.2f}' for n in os.getloadavg())}.")


def _runner(what: str, path: Path, read, restore, streaming: bool, admin):
    """What one revision does with the file at `path`: given the open file if it streams, else
    the file's bytes (as its `POST /api/import/` did)."""

    def content(claim_set):
        return claim_set if streaming else claim_set.read()

    def reading():
        with path.open("rb") as claim_set:
            _read_all(read(content(claim_set)))

    def importing():
        with path.open("rb") as claim_set:
            return restore(content=content(claim_set), user=admin)

    return reading if what == "reading" else importing
