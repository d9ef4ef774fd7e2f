"""A job whose worker died: its heartbeat stops, and it is then read as failed ("stopped: the
worker died") on the page and in the API, and can be retried. With the immediate backend; the
real worker killed with SIGKILL is in tests/exports/test_jobs_worker.py (PostgreSQL)."""

import datetime
import json
import time
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks_db.models import DBTaskResult

from jobs import kinds, runner
from jobs.kinds import JobKind, JobOutcome
from jobs.models import Job, JobStatus
from jobs.runner import JobCancelled, JobContext, job_run
from jobs.services import job_retry, jobs_stale_stop
from jobs.tasks import run_job
from tests.sqlite_file import run_on_sqlite_file

pytestmark = pytest.mark.django_db

LOCKED_SCRIPT = Path(__file__).with_name("jobs_read_while_a_write_holds_the_lock.py")


def _ago(seconds: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=seconds)


@pytest.fixture
def stale_after_60(settings):
    settings.JOB_STALE_SECONDS = 60


def test_a_job_taken_and_reporting_progress_writes_its_heartbeat(analyst, make_job):
    job = make_job(analyst, status=JobStatus.RUNNING, attempts=1, heartbeat_at=_ago(600))

    JobContext(job).progress(1, 3)

    job.refresh_from_db()
    assert job.heartbeat_at > _ago(5)
    assert (job.done, job.total) == (1, 3)


def test_only_running_jobs_silent_for_longer_than_the_setting_are_stopped(
    analyst, make_job, stale_after_60
):
    silent = make_job(analyst, status=JobStatus.RUNNING, heartbeat_at=_ago(61))
    never_beat = make_job(analyst, status=JobStatus.RUNNING, started_at=_ago(120))
    alive = make_job(analyst, status=JobStatus.RUNNING, heartbeat_at=_ago(30))
    queued = make_job(analyst, status=JobStatus.QUEUED)
    done = make_job(analyst, status=JobStatus.SUCCEEDED, heartbeat_at=_ago(6000))

    assert jobs_stale_stop() == 2

    statuses = {job.pk: job.status for job in Job.objects.all()}
    assert statuses[silent.pk] == statuses[never_beat.pk] == JobStatus.FAILED
    assert statuses[alive.pk] == JobStatus.RUNNING
    assert statuses[queued.pk] == JobStatus.QUEUED
    assert statuses[done.pk] == JobStatus.SUCCEEDED
    silent.refresh_from_db()
    assert silent.message.startswith("Stopped: the worker died")
    assert silent.result == {"stopped": "worker_died"}
    assert silent.finished_at is not None


def _taken_by_a_worker(job: Job) -> DBTaskResult:
    """The job queued in the database backend and taken by a worker: its task row RUNNING."""
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        task_id = str(run_job.enqueue(job.pk).id)
    Job.objects.filter(pk=job.pk).update(task_id=task_id)
    task = DBTaskResult.objects.get(id=task_id)
    task.claim("worker-1")
    return task


def test_the_task_row_of_a_job_whose_worker_died_is_settled_failed(
    analyst, make_job, stale_after_60
):
    dead = _taken_by_a_worker(make_job(analyst, status=JobStatus.RUNNING, heartbeat_at=_ago(61)))
    alive = _taken_by_a_worker(make_job(analyst, status=JobStatus.RUNNING, heartbeat_at=_ago(5)))

    assert jobs_stale_stop() == 1

    dead.refresh_from_db()
    assert dead.status == TaskResultStatus.FAILED
    assert dead.finished_at > _ago(5)
    assert dead.exception_class_path == "jobs.runner.WorkerDied"
    assert "Stopped: the worker died" in dead.traceback
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        assert default_task_backend.get_result(str(dead.id)).status == TaskResultStatus.FAILED
    alive.refresh_from_db()
    assert (alive.status, alive.finished_at) == (TaskResultStatus.RUNNING, None)


def test_the_api_reads_a_job_whose_worker_died_as_failed(
    analyst, api_client, make_job, stale_after_60
):
    job = make_job(analyst, status=JobStatus.RUNNING, heartbeat_at=_ago(61))

    answer = api_client(analyst).get(reverse("api:job-detail", args=[job.pk])).json()

    assert answer["status"] == "failed"
    assert answer["message"].startswith("Stopped: the worker died")


def test_the_job_page_shows_it_stopped_with_a_retry_button(
    client, analyst, make_job, stale_after_60
):
    job = make_job(analyst, status=JobStatus.RUNNING, heartbeat_at=_ago(61))
    client.force_login(analyst)

    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()

    assert "Stopped: the worker died" in page
    assert reverse("jobs:retry", args=[job.pk]) in page


def test_a_job_whose_worker_died_is_retried_to_the_end(analyst, make_job, stale_after_60):
    job = make_job(analyst, status=JobStatus.RUNNING, heartbeat_at=_ago(61), attempts=1)

    job = job_retry(job=job, user=analyst)  # notices the dead worker, then runs it again

    assert job.status == JobStatus.SUCCEEDED
    assert job.attempts == 2
    assert job.message == "Counted to three."


def _outlived(job, context):
    """Its worker is taken for dead (and the job retried) while it still runs."""
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, message="Stopped: …")
    return JobOutcome(message="Finished after all.")


def test_a_run_whose_job_was_stopped_meanwhile_records_nothing(analyst, make_job, monkeypatch):
    monkeypatch.setitem(kinds.KINDS, "outlived", JobKind("outlived", "Outlived", _outlived))
    job = make_job(analyst, kind="outlived")

    assert job_run(job_id=job.pk, task_id="t") == JobStatus.FAILED

    job.refresh_from_db()
    assert (job.status, job.message) == (JobStatus.FAILED, "Stopped: …")


def test_progress_stops_a_run_whose_job_is_no_longer_its_own(analyst, make_job):
    job = make_job(analyst, status=JobStatus.RUNNING, attempts=1)
    context = JobContext(job)
    Job.objects.filter(pk=job.pk).update(attempts=2)  # stopped, retried, taken by another run

    with pytest.raises(JobCancelled):
        context.progress(1, 2)


def test_the_heartbeat_thread_beats_until_stopped(analyst, make_job, monkeypatch):
    """The thread the worker runs beside a job (not inline: it needs its own connection, which
    on SQLite in a test transaction cannot see the job; so its writes go through a stand-in)."""
    monkeypatch.setattr(runner, "HEARTBEAT_SECONDS", 0.01)
    beats = []
    monkeypatch.setattr(runner.Job.objects, "using", lambda alias: _Rows(beats))
    heartbeat = runner._Heartbeat(make_job(analyst, status=JobStatus.RUNNING))

    heartbeat.start()
    deadline = time.monotonic() + 10
    while len(beats) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    heartbeat.stop()
    after_stop = len(beats)
    time.sleep(0.05)

    assert after_stop >= 3
    assert not heartbeat.is_alive()
    assert len(beats) == after_stop


class _Rows:
    def __init__(self, beats: list):
        self.beats = beats

    def filter(self, **conditions):
        assert conditions["status"] == JobStatus.RUNNING
        return self

    def update(self, **values):
        self.beats.append(values["heartbeat_at"])
        return 1


def test_the_jobs_are_read_at_once_while_a_worker_holds_sqlites_write_lock(tmp_path):
    """On SQLite a worker's import holds the write lock for its whole transaction, so its
    heartbeat cannot be written and the job looks stale. Reading the jobs meanwhile must not
    wait the 20 s SQLite gives a writer and then fail (500): the job is left as it is, to be
    looked at again at the next read."""
    output = run_on_sqlite_file(LOCKED_SCRIPT, tmp_path / "jobs.sqlite3")

    read = json.loads(output.splitlines()[-1])
    assert read["status_code"] == 200
    assert read["job"] == "running"
    assert read["seconds"] < 5


def test_a_job_deleted_while_it_runs_ends_quietly(analyst, make_job, monkeypatch, caplog):
    """An admin deletes a running job (or its owner's account goes, and the job with it): the
    run ends without recording anything and without a crash of the task."""

    def _deleted_meanwhile(job, context):
        Job.objects.filter(pk=job.pk).delete()
        return JobOutcome(message="Done.")

    monkeypatch.setitem(kinds.KINDS, "deleted", JobKind("deleted", "Deleted", _deleted_meanwhile))
    job = make_job(analyst, kind="deleted")

    assert job_run(job_id=job.pk, task_id="t") == "missing"

    assert not Job.objects.filter(pk=job.pk).exists()
    assert "after it was deleted" in caplog.text


def test_a_job_no_worker_has_taken_says_so_on_its_page_and_in_the_api(
    client, analyst, analyst_client, make_job, settings
):
    """Audit J5: with no task worker running, a job said "Queued" and nothing else for ever."""
    settings.JOB_STALE_SECONDS = 120
    waiting, fresh = make_job(analyst), make_job(analyst)
    Job.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    client.force_login(analyst)

    page = client.get(reverse("jobs:detail", args=[waiting.pk])).content.decode()
    api = analyst_client.get(f"/api/jobs/{waiting.pk}/").json()
    just_queued = analyst_client.get(f"/api/jobs/{fresh.pk}/").json()

    assert "No worker has taken this job in 10 minutes" in page
    assert api["message"].startswith("No worker has taken this job in 10 minutes")
    assert (api["status"], just_queued["message"]) == ("queued", "")


def test_a_web_server_whose_clock_runs_ahead_stops_no_live_job(
    analyst, make_job, stale_after_60, monkeypatch
):
    # The worker's heartbeat and the web server's check both read the database's clock: a web
    # server five minutes ahead of the worker's machine took every running job for dead.
    job = make_job(analyst, status=JobStatus.RUNNING, attempts=1, heartbeat_at=_ago(600))
    JobContext(job).progress(1, 3)
    ahead = timezone.now() + datetime.timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: ahead)

    assert jobs_stale_stop() == 0
    assert Job.objects.get(pk=job.pk).status == JobStatus.RUNNING
