"""/readyz tells the operator about the task worker: how many jobs wait and whether the oldest
has waited longer than a live worker lets one wait. It stays ready (200) whatever the worker
does: a web server takes traffic without it."""

import datetime

import pytest
from django.utils import timezone

from jobs.models import Job, JobStatus
from jobs.services import job_retry

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_a_worker(settings):
    settings.JOBS_INLINE = False
    settings.JOB_STALE_SECONDS = 60


def _waiting_since(job: Job, seconds: int) -> None:
    Job.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


def test_readyz_says_when_no_worker_has_taken_a_job_for_a_while(
    client, analyst, make_job, with_a_worker
):
    _waiting_since(make_job(analyst), 600)
    make_job(analyst)
    make_job(analyst, status=JobStatus.RUNNING)

    answer = client.get("/readyz")

    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ok"
    assert body["jobs_waiting"] == 2
    assert 590 <= body["jobs_oldest_wait_s"] <= 700
    assert "is `manage.py db_worker` running?" in body["jobs"]


def test_readyz_says_the_queue_is_fine_while_jobs_are_taken(
    client, analyst, make_job, with_a_worker
):
    assert client.get("/readyz").json()["jobs"] == "ok"
    _waiting_since(make_job(analyst), 5)

    body = client.get("/readyz").json()

    assert (body["jobs"], body["jobs_waiting"]) == ("ok", 1)


def test_a_retried_job_waits_from_its_retry_not_its_creation(
    client, analyst, make_job, with_a_worker
):
    # Retried minutes after it was made, a job said at once "No worker has taken this job in 4
    # minutes", and /readyz raised the no-worker alert with a worker running.
    retried = make_job(analyst, status=JobStatus.FAILED, message="It failed.")
    _waiting_since(retried, 600)
    job_retry(job=retried, user=analyst)
    retried.refresh_from_db()
    queued = make_job(analyst, queued_at=retried.queued_at)
    _waiting_since(queued, 600)
    queued.refresh_from_db()

    assert retried.queued_at > timezone.now() - datetime.timedelta(seconds=60)
    assert queued.status_message == ""
    assert client.get("/readyz").json()["jobs"] == "ok"
