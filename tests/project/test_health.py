"""/healthz and /readyz answer a load balancer without a login, in JSON, and say unavailable
(503) when the database cannot be reached or migrations are still pending."""

from unittest import mock

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_a_login(client):
    answer = client.get("/healthz")

    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
    assert answer.json()["database"] == "ok"
    assert "no-store" in answer["Cache-Control"]


def test_healthz_says_unavailable_when_the_database_does_not_answer(client):
    with mock.patch.object(CursorWrapper, "execute", side_effect=OperationalError("gone")):
        answer = client.get("/healthz")

    assert answer.status_code == 503
    assert answer.json() == {
        "status": "unavailable",
        "database": "unreachable",
        "error": "OperationalError",
    }


def test_readyz_is_ready_once_every_migration_is_applied(client):
    answer = client.get("/readyz")

    assert answer.status_code == 200
    assert answer.json()["migrations_pending"] == 0


def test_readyz_is_not_ready_while_migrations_are_pending(client):
    with mock.patch(
        "django.db.migrations.executor.MigrationExecutor.migration_plan",
        return_value=[("claims.0099_future", False)],
    ):
        answer = client.get("/readyz")

    assert answer.status_code == 503
    assert answer.json()["migrations_pending"] == 1


def test_health_answers_only_reads(client):
    assert client.post("/healthz").status_code == 405


def test_readyz_says_unavailable_until_collectstatic_has_run(client, settings, tmp_path):
    """Audit J1: without the static files' manifest every page is a 500, and /readyz said ok."""
    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }

    answer = client.get("/readyz")

    assert answer.status_code == 503
    assert answer.json()["static"] == "collectstatic has not been run for this release"


def test_readyz_names_the_static_files_as_ready(client):
    assert client.get("/readyz").json()["static"] == "ok"


def test_a_server_started_before_collectstatic_turns_ready_once_it_has_run(
    client, settings, tmp_path
):
    # The manifest was read once, at start: /readyz stayed 503 and every page a 500 after
    # collectstatic had run, until a restart. An orchestrator waiting for ready waited for ever.
    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    assert client.get("/readyz").status_code == 503

    call_command("collectstatic", interactive=False, verbosity=0)  # by another process:
    staticfiles_storage.hashed_files = {}  # this one still holds the manifest it read at start

    answer = client.get("/readyz")
    assert answer.status_code == 200
    assert answer.json()["static"] == "ok"
