"""Job kinds made for the tests, registered for one test at a time, and jobs built directly."""

import pytest
from django.core.exceptions import ValidationError

from jobs import kinds, runner
from jobs.kinds import JobKind, JobOutcome
from jobs.models import Job, JobStatus


def _count_to_three(job, context):
    for done in range(1, 4):
        context.progress(done, 3)
    return JobOutcome(message="Counted to three.", result={"counted": 3}, url="/claims/")


def _refuse(job, context):
    raise ValidationError(["The first problem.", "The second problem."])


def _crash(job, context):
    raise ZeroDivisionError("secret internal detail")


def _cancelled_half_way(job, context):
    context.progress(1, 2)
    Job.objects.filter(pk=job.pk).update(cancel_requested=True)  # another request asks
    context.progress(2, 2)
    return JobOutcome(message="Should not get here.")


def _fails_once(job, context):
    """Fails on its first attempt, succeeds on the next (a retry)."""
    if job.attempts == 1:
        raise RuntimeError("a lost connection")
    return JobOutcome(message="Done on a retry.")


TEST_KINDS = {
    "count": _count_to_three,
    "refuse": _refuse,
    "crash": _crash,
    "cancelled": _cancelled_half_way,
    "fails_once": _fails_once,
}


@pytest.fixture(autouse=True)
def test_kinds(monkeypatch):
    """The kinds above, by name, for the length of a test; progress is written at every call."""
    monkeypatch.setattr(runner, "PROGRESS_EVERY_SECONDS", 0)
    for name, run in TEST_KINDS.items():
        monkeypatch.setitem(kinds.KINDS, name, JobKind(name=name, label=f"Test {name}", run=run))


@pytest.fixture
def make_job():
    """`make_job(user, kind="count", status=queued, **fields)`: a job row, not run."""

    def make(user, kind="count", status=JobStatus.QUEUED, **fields) -> Job:
        return Job.objects.create(kind=kind, created_by=user, status=status, **fields)

    return make
