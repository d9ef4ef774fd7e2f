"""Production settings refuse to start unsafely and pass Django's deployment checks; the API
settings that name project code can be read in any order."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # A clean environment: nothing the test run sets (the browser tests allow async-unsafe
    # database access, which deployment checks rightly refuse) leaks into "production".
    ignored = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {key: value for key, value in os.environ.items() if key not in ignored}
    environment.update(DJANGO_SETTINGS_MODULE="project.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", ALLOWED_HOSTS="corroborate.example.org")

    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _manage("check", SECRET_KEY="short", ALLOWED_HOSTS="corroborate.example.org")

    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_passes_the_deployment_checks():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="corroborate.example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _settings_naming_project_code() -> list[str]:
    from django.conf import settings

    def names_project(value) -> bool:
        values = value if isinstance(value, list | tuple) else [value]
        return any(isinstance(item, str) and item.startswith("project.") for item in values)

    return sorted(name for name, value in settings.REST_FRAMEWORK.items() if names_project(value))


def test_every_api_setting_naming_project_code_is_importable_first():
    # Which DRF setting is read first depends on the order Django runs its checks in, which
    # follows string hashing and changes from run to run. A fresh interpreter reading each
    # setting before anything else imports DRF's views catches an import cycle every time.
    names = _settings_naming_project_code()
    assert "DEFAULT_PAGINATION_CLASS" in names
    for name in names:
        code = (
            "import django; django.setup()\n"
            "from rest_framework.settings import api_settings\n"
            f"getattr(api_settings, {name!r})\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "project.settings.test"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, f"{name}: {result.stderr}"


def test_a_database_url_that_is_no_address_is_refused_naming_the_setting():
    """Audit J8: the library's traceback neither named DATABASE_URL nor the engines allowed."""
    result = _manage(
        "check",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="corroborate.example.org",
        DATABASE_URL="postgress://corroborate:s3cret@db/corroborate",
    )

    assert result.returncode != 0
    assert "DATABASE_URL is not a database address" in result.stderr
    assert "s3cret" not in result.stderr


def test_djangos_own_log_lines_are_printed_once(tmp_path):
    """Audit J7: Django's console handler and the project's both printed each line."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, logging; django.setup(); logging.getLogger('django').warning('once')",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "project.settings.local", "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.stderr.count("once") == 1, result.stderr
