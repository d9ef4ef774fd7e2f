"""Resident memory of each gunicorn worker after a mixed load, this checkout beside an earlier
revision in the same run (issue 17: at most 150 MiB a worker).

For each checkout: a SQLite file with the profile's data (201 articles, 2,500 claims, one of
them with 500), gunicorn as deployed (deploy/gunicorn.conf.py, production settings, 2 sync
workers; background jobs run in the request that starts them, so a worker also does the
suggestion analysis of each new article: the most a worker holds), then rounds of 20 article
creates (each with its language to tell), 10 lists of 100 articles, 10 reads of the 500 claims
and 10 JSON exports; after each round the master's and the workers' `VmRSS`, read from /proc.
BENCH_MEMORY_BASE names the other revision ("HEAD" by default; "" for this checkout alone),
checked out in a temporary worktree and run with this virtualenv. BENCH_MEMORY_ROUNDS: 3.
"""

import contextlib
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import requests

from bench._served import fill, free_port, production_environment, token_session
from bench.harness import Report

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_MEMORY_ROUNDS", 3))
WORDS = ["officials", "said", "convoy", "bridge", "river", "troops", "were", "reported", "by"]


def run(report: Report) -> None:
    base = os.environ.get("BENCH_MEMORY_BASE", "HEAD")
    report.line(
        f"{ROUNDS} rounds of 20 article creates, 10 lists of 100, 10 reads of 500 claims and "
        f"10 JSON exports; gunicorn, 2 sync workers, production settings, SQLite; "
        f"load average {os.getloadavg()[0]:.1f} at the start.\n"
    )
    report.line("| checkout | round | master MiB | workers MiB |")
    report.line("| --- | ---: | ---: | --- |")
    with contextlib.ExitStack() as stack:
        checkouts = [("this checkout", ROOT)]
        if base:
            checkouts.insert(0, (f"base {base}", stack.enter_context(_worktree(base))))
        for label, checkout in checkouts:
            for number, (master, workers) in enumerate(_measure(checkout), start=1):
                report.line(f"| {label} | {number} | {master} | {', '.join(map(str, workers))} |")
    report.line(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}.")


@contextlib.contextmanager
def _worktree(revision: str):
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as parent:
        path = Path(parent) / "checkout"
        git = ["git", "-C", str(ROOT)]
        subprocess.run([*git, "worktree", "add", "--detach", str(path), revision], check=True)
        try:
            yield path
        finally:
            subprocess.run([*git, "worktree", "remove", "--force", str(path)], check=False)


def _measure(checkout: Path):
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as scratch:
        port = free_port()
        database = f"sqlite:///{scratch}/db.sqlite3"
        env = {
            **production_environment(database, scratch),
            "BIND": f"127.0.0.1:{port}",
            "JOBS_INLINE": "true",
        }
        fill(checkout, env)
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen(
            [str(gunicorn), "-c", "deploy/gunicorn.conf.py"],
            cwd=checkout,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            session = token_session(f"http://127.0.0.1:{port}")
            for number in range(ROUNDS):
                _load_round(session, f"http://127.0.0.1:{port}", number)
                yield _resident(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)


def _load_round(session: requests.Session, url: str, number: int) -> None:
    rng = random.Random(number)
    for index in range(20):
        text = " ".join(rng.choice(WORDS) for _ in range(700)) + f" Round {number}, {index}."
        article = {"title": f"Memory {number}.{index}", "text": text}
        _check(session.post(f"{url}/api/articles/", json=article))
    for _ in range(10):
        _check(session.get(f"{url}/api/articles/", params={"page_size": 100}))
        _check(session.get(f"{url}/api/claims/", params={"article": 201, "page_size": 500}))
        _check(session.get(f"{url}/api/export/", params={"format": "json", "status": ""}))


def _check(answer: requests.Response) -> None:
    if answer.status_code not in (200, 201):
        raise RuntimeError(f"{answer.request.method} {answer.url}: {answer.status_code}")


def _resident(master: int) -> tuple[int, list[int]]:
    """The master's and its workers' resident memory, in MiB."""
    workers = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError, ValueError):
            if entry.name.isdigit() and _parent(entry) == master:
                workers.append(_vm_rss(entry))
    return _vm_rss(Path(f"/proc/{master}")), sorted(workers)


def _parent(process: Path) -> int:
    return int((process / "stat").read_text().rsplit(")", 1)[1].split()[1])


def _vm_rss(process: Path) -> int:
    status = (process / "status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) // 1024
