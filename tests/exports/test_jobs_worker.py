"""On PostgreSQL, a real task worker (`manage.py db_worker`, in a process of its own) runs a
queued import job to the end: the database backend, the worker and the job's row together; and a
worker killed with SIGKILL mid-import leaves a job that is read as stopped, then retried to the
end with nothing written twice."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from claims.models import Claim
from jobs.models import Job, JobStatus
from tests.exports.claim_set_files import post_import

ROOT = Path(__file__).resolve().parents[2]
ON_POSTGRESQL = connection.vendor == "postgresql"
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

pytestmark = [
    pytest.mark.skipif(not ON_POSTGRESQL, reason="the worker test runs on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def _worker_env() -> dict:
    database = connection.settings_dict
    return {
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


WORKER = ["manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"]


def _run_worker() -> subprocess.CompletedProcess:
    """`db_worker --batch`: runs every queued task, then exits."""
    return subprocess.run(
        [sys.executable, *WORKER],
        cwd=ROOT,
        env=_worker_env(),
        capture_output=True,
        text=True,
        timeout=300,
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


def _wait_for(condition, seconds: float = 120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.05)
    raise AssertionError("waited in vain")


def test_a_job_whose_worker_is_killed_is_stopped_then_retried_to_the_end(
    api_client, staff_user, settings, media, tmp_path
):
    from bench.import_memory import write_claim_set

    path = tmp_path / "claims.json"
    claims = write_claim_set(path, 1)  # long enough to be killed in the middle
    settings.CLAIM_IMPORT_JOB_BYTES = 0
    settings.JOB_STALE_SECONDS = 2
    client = api_client(staff_user)
    with override_settings(TASKS=DATABASE_BACKEND):
        response = post_import(client, path.read_text(encoding="utf-8"))
    job_id = response.json()["id"]

    worker = subprocess.Popen(
        [sys.executable, *WORKER],
        cwd=ROOT,
        env=_worker_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        running = _wait_for(lambda: Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).first())
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL
    assert running.heartbeat_at is not None

    # Still "running" in the database until someone looks after the heartbeat went stale.
    time.sleep(settings.JOB_STALE_SECONDS + 1)
    assert Job.objects.get(pk=job_id).status == JobStatus.RUNNING
    answer = client.get(f"/api/jobs/{job_id}/").json()
    assert answer["status"] == "failed"
    assert answer["message"].startswith("Stopped: the worker died")
    assert not Claim.all_objects.exists()  # the killed run's transaction left nothing
    task = DBTaskResult.objects.get(id=running.task_id)  # the queue's row, settled too
    assert (task.status, task.exception_class_path) == ("FAILED", "jobs.runner.WorkerDied")
    assert task.finished_at is not None

    with override_settings(TASKS=DATABASE_BACKEND):
        retried = client.post(f"/api/jobs/{job_id}/retry/")
    assert retried.json()["status"] == "queued"
    worker = _run_worker()

    assert worker.returncode == 0, worker.stderr
    job = Job.objects.get(pk=job_id)
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert job.attempts == 2
    assert Claim.all_objects.count() == claims
