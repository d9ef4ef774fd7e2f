"""Starting, cancelling and retrying jobs, and noticing the jobs whose worker died."""

import contextlib
import datetime
import uuid
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import OperationalError, connection, transaction
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jobs.kinds import kind_named
from jobs.models import FINISHED, Job, JobStatus
from jobs.runner import WorkerDied
from jobs.tasks import run_job
from project import roles
from project.errors import Conflict, TooMany


def _enqueue(job: Job) -> bool:
    """Hand `job` to the task backend. With the database backend the task row is written in
    the caller's transaction, so a job and its task are committed together or not at all; with
    the immediate backend (`JOBS_INLINE`) the job runs here and now. Returns whether it ran
    (its row has changed since `job` was read); if not, `job` is as stored, task id included."""
    result = run_job.enqueue(job.pk)
    if Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)):
        job.task_id = str(result.id)
    return result.status != TaskResultStatus.READY


def job_start(
    *,
    kind: str,
    user: AbstractBaseUser,
    parameters: dict | None = None,
    total: int = 0,
    most_unfinished: int = 0,
    too_many: str = "",
) -> Job:
    """Queue a job of `kind` for `user` (who must be allowed to do the work itself: the kind
    checks again when it runs). Returns the job as it stands after queueing: finished already
    when jobs run inline.

    `most_unfinished`: refuse with `TooMany` (its message `too_many`, given `count`) when `user`
    has that many jobs of `kind` queued or running already; 0, no limit. A script that starts
    jobs in a loop, or a hand that will not stop pressing, then cannot fill the workers' hours
    and the storage for everyone."""
    if kind_named(kind) is None:
        raise ValueError(f"No job kind named {kind!r} is registered.")
    if most_unfinished:
        jobs_stale_stop()  # a job whose worker died is not under way any more
    with transaction.atomic():
        if most_unfinished:
            _refuse_beyond(kind, user, most_unfinished, too_many)
        job = Job.objects.create(
            kind=kind, created_by=user, parameters=parameters or {}, total=total
        )
        ran = _enqueue(job)
    # Run at once, its row has changed; queued, it is as written (no read back: one query less
    # for every article added).
    if ran:
        job.refresh_from_db()
    return job


def _refuse_beyond(kind: str, user: AbstractBaseUser, most: int, message: str) -> None:
    # The user's row locked first: two requests at once count one after the other (SQLite's
    # transactions take turns already).
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))
    unfinished = Job.objects.filter(kind=kind, created_by=user).exclude(status__in=FINISHED)
    count = unfinished.count()
    if count >= most:
        raise TooMany(message % {"count": count}, code="too_many_jobs")


def job_cancel(*, job: Job, user: AbstractBaseUser) -> Job:
    """Cancel `job`: at once if it has not started; between two chunks of its work if it is
    running (its kind undoes what it had started). A finished job cannot be cancelled."""
    if not roles.can_cancel_job(user, job):
        raise PermissionDenied(_("You can cancel only the jobs you started."))
    now = timezone.now()
    cancelled_before_start = Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
        status=JobStatus.CANCELLED,
        finished_at=now,
        message=_("Cancelled by %(user)s before it started.") % {"user": user.get_username()},
    )
    if not cancelled_before_start:
        running = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING)
        if not running.update(cancel_requested=True):
            job.refresh_from_db()
            raise Conflict(
                _("This job has already finished (%(status)s): there is nothing to cancel.")
                % {"status": job.get_status_display().lower()},
                code="finished",
                current={"status": job.status},
            )
    job.refresh_from_db()
    return job


def job_retry(*, job: Job, user: AbstractBaseUser) -> Job:
    """Run a failed or cancelled `job` again from the start, with the same parameters. Each kind
    is idempotent: what a first run finished is matched, not done twice."""
    if not roles.can_retry_job(user, job):
        raise PermissionDenied(_("You can retry only the jobs you started."))
    jobs_stale_stop()
    with transaction.atomic():
        reset = Job.objects.filter(
            pk=job.pk, status__in=[JobStatus.FAILED, JobStatus.CANCELLED]
        ).update(
            status=JobStatus.QUEUED,
            done=0,
            message="",
            result={},
            result_url="",
            cancel_requested=False,
            task_id="",
            queued_at=Now(),  # its wait for a worker starts again
            started_at=None,
            heartbeat_at=None,
            finished_at=None,
        )
        if not reset:
            job.refresh_from_db()
            raise Conflict(
                _("Only a failed or cancelled job can be retried; this one is %(status)s.")
                % {"status": job.get_status_display().lower()},
                code="not_retryable",
                current={"status": job.status},
            )
        _enqueue(job)
    job.refresh_from_db()
    return job


def jobs_stale_stop() -> int:
    """Mark failed every running job whose worker has given no sign of life (`heartbeat_at`,
    written every few seconds by `jobs.runner`) for JOB_STALE_SECONDS: its worker was killed
    or its machine lost. Returns how many were marked; each can then be retried (the kinds are
    idempotent, and the lost run recorded nothing: its writes are conditional on the job still
    being its running attempt).

    The task queue's own row of each such job, left "RUNNING" by the dead worker, is settled
    too: FAILED, with an end time (`_tasks_stop`).

    Called where jobs are read — the jobs pages, `/api/jobs/` and a retry — so a person sees
    the truth when they look, with no other process to run or schedule: one query on the
    status index while no job is stale. A check at the worker's
    start would wait for a worker to start again (none may), and django-tasks has no periodic
    tasks to run one on a schedule."""
    now = timezone.now()
    # The heartbeat is written, and read here, by the database's clock: the worker's machine
    # and this web server's may differ by more than the silence allowed.
    cutoff = Now() - datetime.timedelta(seconds=settings.JOB_STALE_SECONDS)
    silent = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    stale = Job.objects.filter(status=JobStatus.RUNNING).filter(silent)
    if not stale.exists():  # the one query while no job is stale
        return 0
    message = _(
        "Stopped: the worker died (no sign of life for %(seconds)d seconds). What it had "
        "started was not kept: retry the job."
    ) % {"seconds": settings.JOB_STALE_SECONDS}
    try:
        with _no_waiting_for_sqlites_write_lock(), transaction.atomic():
            found = dict(stale.select_for_update(skip_locked=True).values_list("pk", "task_id"))
            stopped = Job.objects.filter(pk__in=found).update(
                status=JobStatus.FAILED,
                finished_at=now,
                message=message,
                result={"stopped": "worker_died"},
            )
            _tasks_stop(found.values(), message)
    except OperationalError:
        if connection.vendor != "sqlite":
            raise
        # Another write is under way: most likely the silent job's own transaction (an
        # import holds SQLite's write lock to its end, and its heartbeat waits behind it), so
        # the job may well be alive. Look again at the next read.
        return 0
    return stopped


@contextlib.contextmanager
def _no_waiting_for_sqlites_write_lock() -> Iterator[None]:
    """On SQLite, a transaction begun inside takes the write lock at once or fails with
    `OperationalError`, instead of waiting up to SQLite's timeout (20 s) for another writer:
    what runs inside is worth doing now, not worth holding a page up for."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (waits,) = cursor.fetchone()
        cursor.execute("PRAGMA busy_timeout = 0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(waits)}")


def _tasks_stop(task_ids: Iterable[str], message: str) -> None:
    """Settle the task queue's rows of jobs whose worker died: still "RUNNING" there, they
    become FAILED with an end time and `WorkerDied` as their error, through the database
    backend's own `DBTaskResult.set_failed` (what its worker calls when a task raises). Task ids
    of another backend (the immediate one runs nothing later) match no row."""
    ids = [task_id for task_id in task_ids if _is_uuid(task_id)]
    if not ids:
        return
    running = DBTaskResult.objects.filter(id__in=ids, status=TaskResultStatus.RUNNING)
    for task in running.select_for_update(skip_locked=True):
        task.set_failed(WorkerDied(message))


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


#: How many jobs `jobs_prune` deletes per transaction.
PRUNE_BATCH = 500


def jobs_prune(*, older_than: datetime.timedelta) -> int:
    """Delete the finished jobs (succeeded, failed, cancelled) that finished more than
    `older_than` ago, with their files (`jobs.files`), a batch at a time; returns how many.
    Queued and running jobs are never pruned, however old."""
    cutoff = timezone.now() - older_than
    old = Job.objects.filter(status__in=FINISHED, finished_at__lt=cutoff).order_by("pk")
    deleted = 0
    while batch := list(old.values_list("pk", flat=True)[:PRUNE_BATCH]):
        with transaction.atomic():
            # One by one through the queryset, so each job's post_delete deletes its files.
            deleted += Job.objects.filter(pk__in=batch).delete()[1].get(Job._meta.label, 0)
    return deleted
