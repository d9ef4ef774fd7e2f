"""Ingest 1,000 synthetic ~5 KB articles through `manage.py import_articles`.

Measures articles per second (Django's start-up included, as a user runs it) and the command's
own peak resident memory (through GNU time). The command runs in a subprocess against the
benchmark's database: PostgreSQL's throwaway test database, or on SQLite a file database
migrated first (the test database lives in memory, where no other process can see it). Smaller
runs of HTML and DOCX files show what extraction costs per format; a second run over the text
files shows the duplicate path.
"""

import io
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx
from django.contrib.auth import get_user_model
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
TIME = "/usr/bin/time"
TEXT_ARTICLES = 1000
OTHER_FORMAT_ARTICLES = 200
TARGET_BYTES = 5 * 1024

_VOCABULARY = """
convoy river bridge ministry governor council spokesperson observers border crossing village
capital port valley checkpoint officials witnesses reported night dawn trucks ceasefire talks
delegation statement shelling evacuation humanitarian corridor residents militia brigade
commander satellite images estimate casualties figures disputed confirmed according sources
independent agency press conference tuesday wednesday thursday week
"""
WORDS = _VOCABULARY.split()


def synthetic_paragraphs(rng: random.Random, number: int, extra: tuple[str, ...] = ()) -> list[str]:
    """About TARGET_BYTES of made-up reporting, unique thanks to `number`."""
    paragraphs, size = [f"Synthetic dispatch {number}: {rng.choice(WORDS)} update"], 0
    while size < TARGET_BYTES:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
            if extra and rng.random() < 0.3:
                words.insert(rng.randrange(len(words)), rng.choice(extra))
            sentences.append(" ".join(words).capitalize() + f" ({rng.randint(1, 99999)}).")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return paragraphs


def _write_corpus(folder: Path, fmt: str, count: int, first: int) -> None:
    rng = random.Random(first)
    folder.mkdir(parents=True)
    for number in range(first, first + count):
        paragraphs = synthetic_paragraphs(rng, number)
        path = folder / f"article-{number:05d}.{fmt}"
        if fmt == "txt":
            path.write_text("\n\n".join(paragraphs), encoding="utf-8")
        elif fmt == "html":
            body = "".join(f"<p>{p}</p>" for p in paragraphs[1:])
            path.write_text(
                f"<html><head><title>{paragraphs[0]}</title></head><body>"
                f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
                f"<article><h1>{paragraphs[0]}</h1>{body}</article>"
                f"<footer>Copyright Synthetic Gazette</footer></body></html>",
                encoding="utf-8",
            )
        else:
            document = docx.Document()
            for paragraph in paragraphs:
                document.add_paragraph(paragraph)
            out = io.BytesIO()
            document.save(out)
            path.write_bytes(out.getvalue())


def _database_url(workdir: Path) -> str:
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
        return (
            f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}"
        )
    return f"sqlite:///{workdir / 'bench.sqlite3'}"


def _manage(env: dict, *args: str, log: Path) -> tuple[float, float, int]:
    """Run manage.py in a child process: (seconds, its peak RSS in MB, exit status).

    GNU time measures the peak: a process forked straight from this one would report this
    process's own (larger) memory as its peak, since Linux carries it over through exec.
    """
    peak_file = log.with_suffix(".rss")
    with log.open("w") as output:
        started = time.perf_counter()
        finished = subprocess.run(
            [TIME, "--format=%M", f"--output={peak_file}", sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            check=False,
        )
        elapsed = time.perf_counter() - started
    peak_kb = int(peak_file.read_text().split()[-1])
    return elapsed, peak_kb / 1024, finished.returncode


def run(report) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="corroborate-bench-ingest-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "project.settings.local",
        "DEBUG": "false",
        "DATABASE_URL": _database_url(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
    }
    username = "bench-importer"
    if connection.vendor == "postgresql":
        get_user_model().objects.create_superuser(username, "bench@example.org", None)
    else:
        _manage(env, "migrate", "--no-input", log=workdir / "migrate.log")
        _manage(
            env,
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model as g; "
            f"g().objects.create_superuser('{username}', 'bench@example.org', None)",
            log=workdir / "user.log",
        )

    runs = [
        ("txt", TEXT_ARTICLES, 0, f"{TEXT_ARTICLES} .txt files"),
        ("txt", TEXT_ARTICLES, 0, "the same .txt files again (all duplicates)"),
        ("html", OTHER_FORMAT_ARTICLES, 100_000, f"{OTHER_FORMAT_ARTICLES} .html files"),
        ("docx", OTHER_FORMAT_ARTICLES, 200_000, f"{OTHER_FORMAT_ARTICLES} .docx files"),
    ]
    report.line(f"Synthetic articles of about {TARGET_BYTES // 1024} KB of text each.")
    report.line("")
    report.line("| run | files | seconds | files/s | command's peak RSS MB | exit |")
    report.line("| --- | ---: | ---: | ---: | ---: | ---: |")
    summaries = []
    for fmt, count, first, label in runs:
        folder = workdir / f"{fmt}-{first}"
        if not folder.exists():
            _write_corpus(folder, fmt, count, first)
        log = workdir / f"run-{len(summaries)}.log"
        seconds, peak, status = _manage(
            env, "import_articles", str(folder), "--user", username, log=log
        )
        report.line(
            f"| {label} | {count} | {seconds:.1f} | {count / seconds:.0f} | {peak:.0f} | {status} |"
        )
        totals = [" ".join(line.split()) for line in log.read_text().splitlines()[-4:]]
        summaries.append(f"- {label}: " + " · ".join(totals))
    report.line("")
    report.line("The command's own summary of each run:")
    report.line("")
    for summary in summaries:
        report.line(summary)
