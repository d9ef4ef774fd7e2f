"""Running one job, in the task worker (or in the request when jobs run inline).

The job's row says where it stands. Progress is written as the work goes, through the `jobs`
database connection where one is configured (PostgreSQL: a second connection, so progress shows
while the work's own transaction is still open); the cancel flag is read at the same moments,
so a job stops between two chunks of its work. Whatever the work raises is recorded on the job
as a message a person can act on; the worker itself never fails.
"""

import contextlib
import logging
import time

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from jobs.kinds import JobOutcome, kind_named
from jobs.models import Job, JobStatus

logger = logging.getLogger(__name__)

#: Progress is written (and the cancel flag read) at most this often.
PROGRESS_EVERY_SECONDS = 0.5
#: The longest message kept from a failure that lists many problems.
MESSAGE_PROBLEMS = 5


class JobCancelled(Exception):
    """Raised by `JobContext.progress` when someone asked to cancel the job."""


def progress_database() -> str:
    """The connection that progress is written through: `jobs` where configured."""
    return "jobs" if "jobs" in settings.DATABASES else "default"


class JobContext:
    """Handed to a kind's `run`: reports progress and stops the job when it is cancelled."""

    def __init__(self, job: Job):
        self.job = job
        self._reported_at = float("-inf")

    def progress(self, done: int, total: int) -> None:
        """Record that `done` of `total` units are done; raises `JobCancelled` if a cancel was
        asked for. Cheap to call often: it touches the database at most twice a second."""
        now = time.monotonic()
        if now - self._reported_at < PROGRESS_EVERY_SECONDS:
            return
        self._reported_at = now
        self.job.done, self.job.total = done, total
        rows = Job.objects.using(progress_database()).filter(pk=self.job.pk)
        rows.update(done=done, total=total)
        if self.cancel_requested():
            raise JobCancelled

    def cancel_requested(self) -> bool:
        rows = Job.objects.using(progress_database()).filter(pk=self.job.pk, cancel_requested=True)
        return rows.exists()


def _problems_message(error: ValidationError) -> str:
    problems = error.messages
    shown = " ".join(problems[:MESSAGE_PROBLEMS])
    if len(problems) > MESSAGE_PROBLEMS:
        shown += " " + _("…and %(count)d more problems (see the result).") % {
            "count": len(problems) - MESSAGE_PROBLEMS
        }
    return shown


def _finish(job: Job, status: str, outcome: JobOutcome) -> None:
    job.status = status
    job.message = outcome.message
    job.result = outcome.result
    job.result_url = outcome.url
    job.finished_at = timezone.now()
    if job.total and status == JobStatus.SUCCEEDED:
        job.done = job.total
    fields = ["status", "message", "result", "result_url", "finished_at", "done", "total"]
    if outcome.file:
        job.result_file.name = outcome.file
        fields.append("result_file")
    job.save(update_fields=fields)


def _outcome_of(job: Job) -> tuple[str, JobOutcome]:
    """Run `job`'s kind and say how it ended."""
    kind = kind_named(job.kind)
    if kind is None:
        message = _("This kind of job (%(kind)s) is not known to this server.") % {"kind": job.kind}
        return JobStatus.FAILED, JobOutcome(message=message)
    context = JobContext(job)
    # Inline (inside the request's transaction) the work gets a savepoint, so a failure undoes
    # it alone and the job can still be marked failed; in the worker it runs in autocommit.
    guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    try:
        with guard:
            outcome = kind.run(job, context)
    except JobCancelled:
        message = _("Cancelled at %(done)s of %(total)s; what it had started was undone.") % {
            "done": job.done,
            "total": job.total,
        }
        return JobStatus.CANCELLED, JobOutcome(message=message)
    except PermissionDenied as error:
        return JobStatus.FAILED, JobOutcome(message=str(error))
    except ValidationError as error:
        outcome = JobOutcome(message=_problems_message(error), result={"problems": error.messages})
        return JobStatus.FAILED, outcome
    except Exception as error:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        message = _(
            "The job stopped on an unexpected error (%(error)s). Retry it; if it fails again, "
            "tell an administrator, who will find the details in the server log."
        ) % {"error": type(error).__name__}
        return JobStatus.FAILED, JobOutcome(message=message)
    return JobStatus.SUCCEEDED, outcome


def job_run(*, job_id: int, task_id: str) -> str:
    """Run the queued job `job_id` and record how it ended; returns its final status.

    A job that is no longer queued (cancelled before it started, or already taken by another
    delivery of the same task) is left alone."""
    taken = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING,
        started_at=timezone.now(),
        task_id=task_id,
        attempts=F("attempts") + 1,
    )
    job = Job.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None:
        return "missing"
    if not taken:
        return job.status
    status, outcome = _outcome_of(job)
    _finish(job, status, outcome)
    return status
