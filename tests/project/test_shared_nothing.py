"""Every web process shares nothing but the database (and the file storage): two app servers
started against one database behave as one. A session opened through one is valid on the other,
and a change made through one is seen at once through the other — the dashboard's cached
aggregates included (ADR 0003), with the cache switched on as in production."""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.db import connection

from tests.factories import PASSWORD, ArticleFactory, SourceFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="several servers share a server database; the SQLite test database is in memory",
    ),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def app_servers():
    """Two gunicorn masters (one worker each) on two ports, both on the test database."""
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    environment = {
        key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="project.settings.test",
        TEST_AGGREGATE_CACHE_SECONDS="600",
        WEB_CONCURRENCY="1",
        ACCESS_LOG="",
    )
    servers, addresses = [], []
    for _ in range(2):
        port = _free_port()
        servers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    "deploy/gunicorn.conf.py",
                    "--bind",
                    f"127.0.0.1:{port}",
                ],
                cwd=ROOT,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        )
        addresses.append(f"http://127.0.0.1:{port}")
    try:
        for server, address in zip(servers, addresses, strict=True):
            _wait_healthy(server, address)
        yield addresses
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


def _wait_healthy(server: subprocess.Popen, address: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"The app server stopped: {server.stderr.read().decode()[-2000:]}")
        try:
            if requests.get(f"{address}/healthz", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    pytest.fail(f"{address} did not become healthy within 60 s")


def _log_in(session: requests.Session, address: str, username: str) -> None:
    session.get(f"{address}/accounts/login/", timeout=10)
    answer = session.post(
        f"{address}/accounts/login/",
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": f"{address}/accounts/login/"},
        timeout=10,
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text[:500]


def _claims_on_dashboard(session: requests.Session, address: str) -> int:
    page = session.get(f"{address}/", timeout=10)
    assert page.status_code == 200
    return int(re.search(r'<span class="n">(\d+)</span> claims', page.text).group(1))


def test_a_change_through_one_server_is_seen_at_once_through_the_other(app_servers):
    first, second = app_servers
    UserFactory(username="alice", groups=["analyst"])
    article = ArticleFactory(text="Officials said 8,000 troops crossed the border on Monday.")
    source = SourceFactory(name="Border officials")

    session = requests.Session()
    _log_in(session, first, "alice")
    # The session opened through the first server is valid on the second: no sticky sessions.
    assert _claims_on_dashboard(session, second) == 0
    assert _claims_on_dashboard(session, first) == 0  # both servers now hold a cached figure

    created = session.post(
        f"{first}/api/claims/",
        json={
            "article": article.pk,
            "start": 15,
            "end": 27,
            "quote": "8,000 troops",
            "source": source.pk,
            "credibility": "2",
            "statement": "8,000 troops crossed the border.",
        },
        headers={"X-CSRFToken": session.cookies["csrftoken"], "Referer": f"{first}/"},
        timeout=10,
    )
    assert created.status_code == 201, created.text

    # The other server's cached aggregate is not served stale: it follows the database.
    assert _claims_on_dashboard(session, second) == 1
    claim_id = created.json()["id"]
    fetched = session.get(f"{second}/api/claims/{claim_id}/", timeout=10)
    assert fetched.status_code == 200
    assert fetched.json()["quote"] == "8,000 troops"
