"""Reads of jobs: whose a person sees, and how long the queue has waited for a worker."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import DurationField, ExpressionWrapper, QuerySet
from django.db.models.functions import Coalesce, Now

from jobs.models import Job, JobStatus
from project import roles


def job_list(*, user: AbstractBaseUser) -> QuerySet[Job]:
    """The jobs `user` may see, newest first: admins every job, everyone else their own."""
    jobs = Job.objects.select_related("created_by")
    if not roles.can_see_every_job(user):
        jobs = jobs.filter(created_by=user)
    return jobs


def longest_wait() -> datetime.timedelta | None:
    """How long the oldest queued job has waited for a worker, by the database's clock (None
    when none waits): one query on the status index."""
    queued = Coalesce("queued_at", "created_at")  # a retried job waits from its retry
    waited = ExpressionWrapper(Now() - queued, output_field=DurationField())
    oldest = Job.objects.filter(status=JobStatus.QUEUED).alias(queued=queued).order_by("queued")
    return oldest.annotate(waited=waited).values_list("waited", flat=True).first()


def worker_note() -> dict:
    """What `/readyz` says of the task worker (`project.health`): how many jobs wait, and a
    warning when the oldest has waited longer than a live worker lets one wait."""
    if settings.JOBS_INLINE:
        return {"jobs": "run inline, no worker"}
    waited = longest_wait()
    if waited is None:
        return {"jobs": "ok", "jobs_waiting": 0}
    seconds = max(0, round(waited.total_seconds()))
    note = {"jobs_waiting": Job.objects.filter(status=JobStatus.QUEUED).count()}
    note["jobs_oldest_wait_s"] = seconds
    if seconds > settings.JOB_STALE_SECONDS:
        note["jobs"] = "no worker has taken a job for a while: is `manage.py db_worker` running?"
    else:
        note["jobs"] = "ok"
    return note
