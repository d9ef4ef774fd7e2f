"""On PostgreSQL, a real task worker (`manage.py db_worker`, in a process of its own) runs a
queued import job to the end: the database backend, the worker and the job's row together."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from claims.models import Claim
from jobs.models import Job, JobStatus
from tests.exports.claim_set_files import post_import

ROOT = Path(__file__).resolve().parents[2]
ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

pytestmark = [
    pytest.mark.skipif(not ON_POSTGRESQL, reason="the worker test runs on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def _run_worker() -> subprocess.CompletedProcess:
    """`db_worker --batch`: runs every queued task, then exits."""
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "project.settings.local",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "JOBS_INLINE": "0",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DEBUG": "0",
    }
    command = ["manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"]
    return subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_a_queued_import_is_run_by_the_worker(document, api_client, staff_user, settings, media):
    settings.CLAIM_IMPORT_JOB_BYTES = 0
    with override_settings(TASKS=DATABASE_BACKEND):
        response = post_import(api_client(staff_user), json.dumps(document))

    assert response.status_code == 202
    assert response.json()["status"] == "queued"
    assert not Claim.all_objects.exists()

    worker = _run_worker()

    assert worker.returncode == 0, worker.stderr
    job = Job.objects.get(pk=response.json()["id"])
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert job.done == job.total == len(document["claims"]) + len(document["links"])
    assert job.task_id
    assert Claim.all_objects.count() == len(document["claims"])
