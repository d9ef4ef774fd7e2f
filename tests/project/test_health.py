"""/healthz and /readyz answer a load balancer without a login, in JSON, and say unavailable
(503) when the database cannot be reached or migrations are still pending."""

from unittest import mock

import pytest
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
