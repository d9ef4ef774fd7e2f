"""Starting, running, cancelling and retrying jobs (`jobs.services`, `jobs.runner`), through
the immediate task backend the tests use (a job runs as soon as it is queued)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.test.utils import override_settings
from django_tasks_db.models import DBTaskResult

from jobs.models import Job, JobStatus
from jobs.runner import job_run
from jobs.services import job_cancel, job_retry, job_start
from project.errors import Conflict

pytestmark = pytest.mark.django_db


def test_a_job_that_succeeds_records_its_progress_result_and_task(analyst):
    job = job_start(kind="count", user=analyst)

    assert job.status == JobStatus.SUCCEEDED
    assert (job.done, job.total, job.percent) == (3, 3, 100)
    assert job.message == "Counted to three."
    assert job.result == {"counted": 3}
    assert job.result_url == "/claims/"
    assert job.task_id
    assert job.attempts == 1
    assert job.started_at <= job.finished_at


def test_a_queued_job_is_answered_as_stored_without_reading_it_back(
    analyst, django_assert_num_queries
):
    """With a worker (the database backend) `job_start` answers the job it wrote: its row, its
    task's id; reading it back cost every article added one more query."""
    worker = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
    # The job, its task, the task's id on the job (in a savepoint: the test's transaction).
    with worker, django_assert_num_queries(5):
        job = job_start(kind="count", user=analyst, total=3)

    assert job.status == JobStatus.QUEUED
    assert job.task_id == str(DBTaskResult.objects.get().id)
    assert model_to_dict(job) == model_to_dict(Job.objects.get(pk=job.pk))
    assert job.created_at == Job.objects.get(pk=job.pk).created_at


def test_a_refused_job_fails_with_every_problem_in_its_message(analyst):
    job = job_start(kind="refuse", user=analyst)

    assert job.status == JobStatus.FAILED
    assert job.message == "The first problem. The second problem."
    assert job.result == {"problems": ["The first problem.", "The second problem."]}


def test_an_unexpected_error_fails_the_job_naming_the_error_but_not_its_details(analyst):
    job = job_start(kind="crash", user=analyst)

    assert job.status == JobStatus.FAILED
    assert "ZeroDivisionError" in job.message
    assert "Retry it" in job.message
    assert "secret internal detail" not in job.message


def test_an_unknown_kind_fails_saying_so(analyst, make_job):
    job = make_job(analyst, kind="vanished")

    assert job_run(job_id=job.pk, task_id="t") == JobStatus.FAILED
    job.refresh_from_db()
    assert "not known to this server" in job.message


def test_a_running_job_stops_at_its_next_step_when_cancelled(analyst):
    job = job_start(kind="cancelled", user=analyst)

    assert job.status == JobStatus.CANCELLED
    assert job.message.startswith("Cancelled at 2 of 2")


def test_a_queued_job_is_cancelled_at_once_and_never_runs(analyst, make_job):
    job = make_job(analyst)

    job_cancel(job=job, user=analyst)
    assert job_run(job_id=job.pk, task_id="late") == JobStatus.CANCELLED

    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    assert job.done == 0
    assert job.message == "Cancelled by alice before it started."


def test_cancelling_a_running_job_asks_it_to_stop(analyst, make_job):
    job = make_job(analyst, status=JobStatus.RUNNING)

    job = job_cancel(job=job, user=analyst)

    assert job.status == JobStatus.RUNNING
    assert job.cancel_requested


def test_a_finished_job_cannot_be_cancelled(analyst):
    job = job_start(kind="count", user=analyst)

    with pytest.raises(Conflict, match="already finished"):
        job_cancel(job=job, user=analyst)


def test_only_the_owner_or_an_admin_cancels_a_job(analyst, analyst2, staff_user, make_job):
    job = make_job(analyst)

    with pytest.raises(PermissionDenied):
        job_cancel(job=job, user=analyst2)
    assert job_cancel(job=job, user=staff_user).status == JobStatus.CANCELLED


def test_a_failed_job_is_retried_with_the_same_parameters(analyst):
    job = job_start(kind="fails_once", user=analyst)
    assert job.status == JobStatus.FAILED

    job = job_retry(job=job, user=analyst)

    assert job.status == JobStatus.SUCCEEDED
    assert job.message == "Done on a retry."
    assert job.attempts == 2


def test_a_cancelled_job_can_be_retried_but_a_succeeded_one_cannot(analyst, make_job):
    job = make_job(analyst)
    job_cancel(job=job, user=analyst)

    assert job_retry(job=job, user=analyst).status == JobStatus.SUCCEEDED
    with pytest.raises(Conflict, match="Only a failed or cancelled job"):
        job_retry(job=job, user=analyst)


def test_another_analyst_cannot_retry_a_job(analyst, analyst2):
    job = job_start(kind="refuse", user=analyst)

    with pytest.raises(PermissionDenied):
        job_retry(job=job, user=analyst2)


def test_a_job_already_taken_by_another_delivery_is_not_run_twice(analyst):
    job = job_start(kind="count", user=analyst)

    assert job_run(job_id=job.pk, task_id="duplicate") == JobStatus.SUCCEEDED
    assert Job.objects.get(pk=job.pk).attempts == 1


def test_an_unknown_job_kind_cannot_be_started(analyst):
    with pytest.raises(ValueError, match="No job kind"):
        job_start(kind="nothing", user=analyst)
