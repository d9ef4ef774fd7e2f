"""Running one job, in the task worker (or in the request when jobs run inline).

The job's row says where it stands. Progress is written as the work goes, through the `jobs`
database connection where one is configured (PostgreSQL: a second connection, so progress shows
while the work's own transaction is still open); the cancel flag is read at the same moments,
so a job stops between two chunks of its work. Whatever the work raises is recorded on the job
as a message a person can act on; the worker itself never fails.

In the worker a job also has a heartbeat: a thread writes `heartbeat_at` every
`HEARTBEAT_SECONDS` (and each progress report writes it too), whatever the work is doing — reading
a file before its first progress, committing at the end. A worker killed mid-job stops beating;
`jobs.services.jobs_stale_stop` then marks the job failed, and a retry runs it again. A run whose
job was marked so (or retried) meanwhile records nothing: its writes are conditional on the job
still being its own running attempt.
"""

import contextlib
import logging
import threading
import time

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, connections, transaction
from django.db.models import F
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext as _

from jobs.kinds import JobOutcome, kind_named
from jobs.models import Job, JobStatus

logger = logging.getLogger(__name__)

#: Progress is written (and the cancel flag read) at most this often.
PROGRESS_EVERY_SECONDS = 0.5
#: The worker says a running job is alive this often (JOB_STALE_SECONDS must be well above it).
HEARTBEAT_SECONDS = 5
#: The longest message kept from a failure that lists many problems.
MESSAGE_PROBLEMS = 5


class WorkerDied(Exception):
    """What the task queue's row of a job whose worker died records as its failure
    (`jobs.services.jobs_stale_stop`): nothing raised it, the worker was gone."""


class JobCancelled(Exception):
    """Raised by `JobContext.progress` when someone asked to cancel the job, or when the job is
    no longer this run's (marked stopped after its heartbeat was missed, then retried)."""


def progress_database(*, inline: bool = False) -> str:
    """The connection that progress is written through: `jobs` where configured, so that it
    shows while the work's own transaction is open. Not for a job run `inline`, inside the
    request's transaction: its row is not committed yet, and another connection would not find
    it (and take the job for cancelled)."""
    return "jobs" if "jobs" in settings.DATABASES and not inline else "default"


class JobContext:
    """Handed to a kind's `run`: reports progress and stops the job when it is cancelled.
    `inline`: the job runs in the transaction that queued it (`progress_database`)."""

    def __init__(self, job: Job, *, inline: bool = False):
        self.job = job
        self.database = progress_database(inline=inline)
        self._reported_at = float("-inf")

    def _this_run(self):
        """The job's row while it is still this run's: running, at this attempt."""
        return Job.objects.using(self.database).filter(
            pk=self.job.pk, status=JobStatus.RUNNING, attempts=self.job.attempts
        )

    def progress(self, done: int, total: int) -> None:
        """Record that `done` of `total` units are done; raises `JobCancelled` if a cancel was
        asked for. Cheap to call often: it touches the database at most twice a second."""
        now = time.monotonic()
        if now - self._reported_at < PROGRESS_EVERY_SECONDS:
            return
        self._reported_at = now
        self.job.done, self.job.total = done, total
        ours = self._this_run().update(done=done, total=total, heartbeat_at=Now())
        if not ours or self.cancel_requested():
            raise JobCancelled

    def cancel_requested(self) -> bool:
        rows = Job.objects.using(self.database).filter(pk=self.job.pk, cancel_requested=True)
        return rows.exists()


def _problems_message(error: ValidationError) -> str:
    problems = error.messages
    shown = " ".join(problems[:MESSAGE_PROBLEMS])
    if len(problems) > MESSAGE_PROBLEMS:
        shown += " " + _("…and %(count)d more problems (see the result).") % {
            "count": len(problems) - MESSAGE_PROBLEMS
        }
    return shown


class _Heartbeat(threading.Thread):
    """Writes the running job's `heartbeat_at` every `HEARTBEAT_SECONDS` until stopped, through
    a connection of its own (Django's connections are per thread), closed when it stops."""

    def __init__(self, job: Job):
        super().__init__(name=f"job-{job.pk}-heartbeat", daemon=True)
        self.job = job
        self.stopped = threading.Event()

    def run(self) -> None:
        rows = Job.objects.using(progress_database()).filter(
            pk=self.job.pk, status=JobStatus.RUNNING, attempts=self.job.attempts
        )
        try:
            while not self.stopped.wait(HEARTBEAT_SECONDS):
                try:
                    rows.update(heartbeat_at=Now())
                except DatabaseError:  # a busy or lost connection: try again at the next beat
                    logger.warning("Job %s: the heartbeat was not written", self.job.pk)
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.stopped.set()
        self.join()


@contextlib.contextmanager
def _beating(job: Job, *, inline: bool):
    """A heartbeat thread for `job` while it runs in the worker. Inline (inside the request's
    transaction, where the job's row is not yet visible to another connection) there is none:
    the request is its heartbeat."""
    if inline:
        yield
        return
    heartbeat = _Heartbeat(job)
    heartbeat.start()
    try:
        yield
    finally:
        heartbeat.stop()


def _finish(job: Job, status: str, outcome: JobOutcome) -> bool:
    """Record how this run of `job` ended; False (and nothing written) if the job is no longer
    this run's: marked stopped after a missed heartbeat, perhaps retried since."""
    values = {
        "status": status,
        "message": outcome.message,
        "result": outcome.result,
        "result_url": outcome.url,
        "finished_at": timezone.now(),
        "heartbeat_at": Now(),
    }
    done = job.total if job.total and status == JobStatus.SUCCEEDED else job.done
    if outcome.file:
        values["result_file"] = outcome.file
    ours = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts)
    return bool(ours.update(done=done, total=job.total, **values))


def _outcome_of(job: Job, *, inline: bool) -> tuple[str, JobOutcome]:
    """Run `job`'s kind and say how it ended (`inline`: in the transaction that queued it)."""
    kind = kind_named(job.kind)
    if kind is None:
        message = _("This kind of job (%(kind)s) is not known to this server.") % {"kind": job.kind}
        return JobStatus.FAILED, JobOutcome(message=message)
    context = JobContext(job, inline=inline)
    # Inline (inside the request's transaction) the work gets a savepoint, so a failure undoes
    # it alone and the job can still be marked failed; in the worker it runs in autocommit.
    guard = transaction.atomic() if inline else contextlib.nullcontext()
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
        heartbeat_at=Now(),
        task_id=task_id,
        attempts=F("attempts") + 1,
    )
    job = Job.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None:
        return "missing"
    if not taken:
        return job.status
    # Inline, the job runs inside the transaction of the request that queued it.
    inline = connection.in_atomic_block
    with _beating(job, inline=inline):
        status, outcome = _outcome_of(job, inline=inline)
    if _finish(job, status, outcome):
        return status
    now = Job.objects.filter(pk=job.pk).values_list("status", flat=True).first()
    if now is None:  # deleted meanwhile (by an admin, or with its owner's account)
        logger.warning("Job %s ended (%s) after it was deleted; not recorded", job.pk, status)
        return "missing"
    logger.warning("Job %s ended (%s) after it was marked stopped; not recorded", job.pk, status)
    return now
