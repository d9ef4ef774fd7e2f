"""Where an API call's time goes, from the client in (issue 17): the time a client sees (a
`requests.Session`, as the peers harness uses), the time gunicorn spent on it (its access log's
`duration_ms`), and the same client against a bare WSGI app under the same gunicorn, which is
the floor any Django application served this way starts from.

This checkout is served as deployed (deploy/gunicorn.conf.py, production settings, 2 sync
workers) on a scratch database filled as `bench profile` fills its own (201 articles, 2,500
claims, one article with 500): SQLite, and PostgreSQL as well when DATABASE_URL names it (a
scratch database created beside it, dropped after). The bare app answers a few bytes of JSON to
a GET or a POST. Last, the export of every claim as JSON, parsed as the peers harness parses
it; beside it, the bare app sending the same bytes: what a client pays for that file whatever
the server (the harness's export ratio cannot beat it). BENCH_FLOOR_CALLS: calls per path
(200), interleaved by round; an export a fifth as many.
"""

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

from bench._served import fill, free_port, production_environment, token_session
from bench.harness import Report

ROOT = Path(__file__).resolve().parent.parent
CALLS = int(os.environ.get("BENCH_FLOOR_CALLS", 200))
ROUNDS = 4
#: Calls of an export (every claim, as JSON): each takes tens of milliseconds.
EXPORTS = max(ROUNDS, CALLS // 5)
BARE = "bench._bare_wsgi:application"


def run(report: Report) -> None:
    report.line(
        f"Medians of {CALLS} calls a path ({EXPORTS} for an export) in {ROUNDS} interleaved "
        "rounds; client: `requests.Session` with a token, an export's JSON parsed as the peers "
        "harness parses it; server: gunicorn's `duration_ms` for the same calls. "
        f"Load average {os.getloadavg()[0]:.1f} at the start.\n"
    )
    report.line("| database | path | client ms | server ms | client − server ms |")
    report.line("| --- | --- | ---: | ---: | ---: |")

    def line(label: str, timings: dict[str, tuple[float, float]]) -> None:
        for path, (client, server) in timings.items():
            report.line(f"| {label} | {path} | {client} | {server} | {client - server:.2f} |")

    with _served(dict(os.environ), app=BARE) as (url, log):
        line("none (bare WSGI app)", _measure_bare(url, log))
    databases = [("SQLite", None)]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        databases.append(("PostgreSQL", os.environ["DATABASE_URL"]))
    with _scratch() as kept:
        export = Path(kept) / "export.json"
        for label, server_url in databases:
            with _database(server_url) as database_url, _scratch() as scratch:
                environment = production_environment(database_url, scratch)
                fill(ROOT, environment)
                _analyze(environment)
                with _served(environment) as (url, log):
                    line(label, _measure(url, log, export))
        # The same bytes from an app that only sends them: the export's floor.
        with _served({**os.environ, "BARE_BODY": str(export)}, app=BARE) as (url, log):
            size = export.stat().st_size / 1e6
            line(f"none (bare WSGI app), the export's {size:.2f} MB", _measure_sent(url, log))
    report.line(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}.")


def _scratch():
    return tempfile.TemporaryDirectory(prefix="bench-floor-")


@contextlib.contextmanager
def _database(server_url: str | None):
    """A scratch database: a SQLite file, or a new database on `server_url`'s server."""
    if server_url is None:
        with tempfile.TemporaryDirectory(prefix="bench-floor-") as scratch:
            yield f"sqlite:///{scratch}/db.sqlite3"
        return
    import psycopg

    name = f"bench_floor_{uuid.uuid4().hex[:8]}"
    admin = server_url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _analyze(environment: dict[str, str]) -> None:
    """Fresh planner statistics on PostgreSQL, as a deployment that loaded its data has."""
    code = (
        "from django.db import connection\n"
        "if connection.vendor == 'postgresql': connection.cursor().execute('ANALYZE')"
    )
    python = [sys.executable, "manage.py", "shell", "-c", code]
    subprocess.run(python, cwd=ROOT, env=environment, check=True)


@contextlib.contextmanager
def _served(environment: dict[str, str], app: str | None = None):
    """gunicorn as deployed serving the checkout (or `app`), its JSON access log in a scratch
    file, LOG_LEVEL=WARNING: (url, log path)."""
    with _scratch() as scratch:
        port = free_port()
        log = Path(scratch) / "access.log"
        environment = {
            **environment,
            "BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "2",  # as production_environment, for the bare app too
            "LOG_LEVEL": "WARNING",
            "ACCESS_LOG": str(log),
        }
        gunicorn = Path(sys.executable).with_name("gunicorn")
        arguments = [str(gunicorn), "-c", "deploy/gunicorn.conf.py", *([app] if app else [])]
        server = subprocess.Popen(
            arguments,
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_for(url)
            yield url, log
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_for(url: str) -> None:
    for _ in range(200):
        with contextlib.suppress(requests.ConnectionError):
            requests.get(f"{url}/healthz", timeout=5)
            return
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer on {url}")


def _measure_bare(url: str, log: Path) -> dict[str, tuple[float, float]]:
    session = requests.Session()
    calls = {
        "GET": lambda _: session.get(f"{url}/api/claims/", params={"article": 1}).json(),
        "POST": lambda _: session.post(f"{url}/api/claims/", json={"article": 1}).json(),
    }
    return _timed(calls, log)


def _measure(url: str, log: Path, export: Path) -> dict[str, tuple[float, float]]:
    """The hot paths, then the export of every claim as JSON (its bytes kept in `export`)."""
    session = token_session(url)
    articles = session.get(f"{url}/api/articles/", params={"page_size": 10}).json()["results"]
    # Two of the articles with 10 claims: one gets the creates, the other is read.
    article, other = [found["id"] for found in articles if found["claim_count"] == 10][:2]
    text = session.get(f"{url}/api/articles/{article}/").json()["text"]
    source = session.get(f"{url}/api/sources/").json()["results"][0]["id"]

    def create(index: int) -> None:
        start = (index * 7) % (len(text) - 12)
        claim = {
            "article": article, "start": start, "end": start + 9,
            "quote": text[start : start + 9], "source": source, "credibility": 3, "tags": ["per"],
        }  # fmt: skip
        _check(session.post(f"{url}/api/claims/", json=claim))

    calls = {
        "create one claim": create,
        "claims of one article (10)": lambda _: _check(
            session.get(f"{url}/api/claims/", params={"article": other, "page_size": 500})
        ),
        "article detail": lambda _: _check(session.get(f"{url}/api/articles/{other}/")),
        "list 10 articles": lambda _: _check(
            session.get(f"{url}/api/articles/", params={"page_size": 10})
        ),
    }
    timings = _timed(calls, log)
    every_claim = {"format": "json", "status": "all"}
    export.write_bytes(session.get(f"{url}/api/export/", params=every_claim).content)
    return timings | _timed(
        {"export, every claim (JSON)": lambda _: _parsed(
            session.get(f"{url}/api/export/", params=every_claim)
        )},
        log,
        EXPORTS,
    )  # fmt: skip


def _measure_sent(url: str, log: Path) -> dict[str, tuple[float, float]]:
    session = requests.Session()
    return _timed({"GET, parsed": lambda _: _parsed(session.get(url))}, log, EXPORTS)


def _parsed(answer: requests.Response) -> None:
    """As the peers harness reads an export: the JSON parsed, its articles counted."""
    _check(answer)
    len(answer.json()["articles"])


def _timed(calls: dict, log: Path, count: int = CALLS) -> dict[str, tuple[float, float]]:
    """Client and server milliseconds (medians) of `count` calls each, interleaved by
    round."""
    client: dict[str, list[float]] = {name: [] for name in calls}
    server: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(3):  # warm both workers' connections and caches
        for call in calls.values():
            call(0)
    for round_ in range(ROUNDS):
        for name, call in calls.items():
            seen = _lines(log)
            for index in range(count // ROUNDS):
                started = time.perf_counter()
                call(round_ * count + index + 1)
                client[name].append((time.perf_counter() - started) * 1000)
            server[name] += _durations(log, seen, count // ROUNDS)
    return {
        name: (round(statistics.median(client[name]), 2), round(statistics.median(server[name]), 2))
        for name in calls
    }


def _lines(log: Path) -> int:
    with contextlib.suppress(FileNotFoundError), log.open() as file:
        return sum(1 for _ in file)
    return 0


def _durations(log: Path, seen: int, count: int) -> list[float]:
    """The `duration_ms` of the `count` requests logged after line `seen` (gunicorn writes
    a request's line after answering it: wait until all are there)."""
    for _ in range(100):
        with log.open() as file:
            lines = file.readlines()[seen:]
        if len(lines) >= count:
            return [json.loads(line)["duration_ms"] for line in lines[:count]]
        time.sleep(0.05)
    raise RuntimeError(f"the access log has {len(lines)} of {count} requests")


def _check(answer: requests.Response) -> None:
    if answer.status_code not in (200, 201):
        raise RuntimeError(f"{answer.request.method} {answer.url}: {answer.status_code}")
