"""What the benchmarks that serve a checkout under gunicorn share (`worker_memory`, `floor`):
production settings on a scratch database, the profile's data with a bench user, a free port,
and a client holding that user's token."""

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

PASSWORD = "bench-memory-123456"
#: Fills the database with `bench profile`'s data and a superuser "bench" (PASSWORD).
FILL = """
import random
from django.contrib.auth import get_user_model
from bench._profile_data import load
user = get_user_model().objects.create_superuser("bench", "bench@example.org", {password!r})
load(user, random.Random(1))
"""


def production_environment(database_url: str, scratch: str) -> dict[str, str]:
    """The environment of the checkout served as deployed (plain HTTP), on `database_url`,
    with 2 workers; its files under `scratch`. The caller sets BIND."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "project.settings.production",
        "SECRET_KEY": "bench-" + "x7Qp2LmZ9r" * 6,
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "false",
        "WEB_CONCURRENCY": "2",
        "LANGUAGE_MODEL_DIR": f"{scratch}/models",
        "MEDIA_ROOT": f"{scratch}/media",
    }


def fill(checkout: Path, environment: dict[str, str]) -> None:
    """Migrate `checkout`'s database and load the profile's data with the bench user."""
    python = [sys.executable, "manage.py"]
    subprocess.run([*python, "migrate", "-v0"], cwd=checkout, env=environment, check=True)
    code = FILL.format(password=PASSWORD)
    subprocess.run([*python, "shell", "-c", code], cwd=checkout, env=environment, check=True)


def token_session(url: str) -> requests.Session:
    """A client logged in as the bench user by token, once the server at `url` answers."""
    session = requests.Session()
    for _ in range(100):
        with contextlib.suppress(requests.ConnectionError):
            answer = session.post(
                f"{url}/api/auth/token/", json={"username": "bench", "password": PASSWORD}
            )
            session.headers["Authorization"] = f"Token {answer.json()['token']}"
            return session
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer on {url}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
