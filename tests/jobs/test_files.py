"""A job's files (the upload it works from, the file it made) are deleted with it, in whatever
storage holds them — the local disk here, an S3-compatible bucket in test_files_s3 — and
`manage.py prune_jobs --older-than DAYS` deletes old finished jobs with their files."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


def job_with_files(make_job, user, **fields) -> tuple[Job, str, str]:
    """A job owning an upload and a result file, both in the default storage."""
    upload = default_storage.save("imports/upload.json", ContentFile(b"{}"))
    job = make_job(user, parameters={"upload": upload}, **fields)
    job.result_file.save("export.csv", ContentFile(b"a,b\n"), save=True)
    return job, upload, job.result_file.name


def test_deleting_a_job_deletes_its_upload_and_its_file(
    analyst, make_job, django_capture_on_commit_callbacks
):
    job, upload, result = job_with_files(make_job, analyst, status=JobStatus.FAILED)
    assert default_storage.exists(upload) and default_storage.exists(result)

    with django_capture_on_commit_callbacks(execute=True):
        job.delete()

    assert not default_storage.exists(upload)
    assert not default_storage.exists(result)


def test_a_job_deleted_with_its_owner_takes_its_files(
    analyst, make_job, django_capture_on_commit_callbacks
):
    _, upload, result = job_with_files(make_job, analyst)

    with django_capture_on_commit_callbacks(execute=True):
        analyst.delete()

    assert not default_storage.exists(upload)
    assert not default_storage.exists(result)


def test_a_deletion_rolled_back_keeps_the_files(
    analyst, make_job, django_capture_on_commit_callbacks
):
    job, upload, result = job_with_files(make_job, analyst)
    pk = job.pk

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        job.delete()
        raise RuntimeError("the deletion is undone")

    assert callbacks == []
    assert Job.objects.filter(pk=pk).exists()
    assert default_storage.exists(upload) and default_storage.exists(result)


def test_a_job_whose_files_are_already_gone_is_deleted(
    analyst, make_job, django_capture_on_commit_callbacks
):
    job = make_job(analyst, parameters={"upload": "imports/gone.json"})
    job.result_file.name = "jobs/gone.csv"

    with django_capture_on_commit_callbacks(execute=True):
        job.delete()

    assert not Job.objects.filter(pk=job.pk).exists()


def _finished(make_job, user, days_ago: float, status=JobStatus.SUCCEEDED):
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    return job_with_files(make_job, user, status=status, finished_at=moment)


def test_prune_deletes_old_finished_jobs_and_their_files_and_keeps_the_rest(
    analyst, make_job, django_capture_on_commit_callbacks
):
    old = [_finished(make_job, analyst, 31, status) for status in ("succeeded", "failed")]
    old.append(_finished(make_job, analyst, 40, JobStatus.CANCELLED))
    recent, recent_upload, recent_file = _finished(make_job, analyst, 29)
    still_running = make_job(analyst, status=JobStatus.RUNNING)
    Job.objects.filter(pk=still_running.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=90)
    )
    queued = make_job(analyst, status=JobStatus.QUEUED)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("prune_jobs", "--older-than", "30", stdout=(out := _Out()))

    assert "Deleted 3 finished jobs" in out.text
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, still_running.pk, queued.pk}
    for _, upload, result in old:
        assert not default_storage.exists(upload) and not default_storage.exists(result)
    assert default_storage.exists(recent_upload) and default_storage.exists(recent_file)


def test_prune_in_batches_deletes_every_old_job(analyst, make_job, monkeypatch):
    from jobs import services

    monkeypatch.setattr(services, "PRUNE_BATCH", 2)
    moment = timezone.now() - datetime.timedelta(days=2)
    for _ in range(5):
        make_job(analyst, status=JobStatus.SUCCEEDED, finished_at=moment)

    assert services.jobs_prune(older_than=datetime.timedelta(days=1)) == 5
    assert not Job.objects.exists()


@pytest.mark.parametrize("days", ["-1", "36501", "99999999999"])
def test_prune_refuses_an_age_out_of_range(days):
    """Past a hundred years the date it counts from would fall before the year 1."""
    with pytest.raises(CommandError, match="number of days, from 0 to 36,500"):
        call_command("prune_jobs", "--older-than", days)


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass
