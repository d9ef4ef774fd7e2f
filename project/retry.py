"""A write refused for a conflict with another transaction is run again (ADR 0012).

PostgreSQL refuses one of two transactions that wait for each other (`deadlock detected`,
SQLSTATE 40P01) or that it cannot order (`could not serialize access`, 40001); the other goes
on. The tally triggers lock their rows in one order, so a single claim or link write does not
deadlock any more; a statement writing many rows, or a transaction of several statements (a
retag), still can. Refused, the whole transaction has been rolled back and its on-commit hooks
dropped, so running the service again from the start is safe: it re-reads and re-locks what it
changes, and writes once what the first attempt wrote and lost.

Only the outermost transaction is re-run: a service called inside a longer transaction (the
bulk approval calling `claim_approve`) lets the refusal reach that one's own retry. Used by the
claim, link and review services and by the source writes (a re-grading or a merge moves the
tallies of many claims).
"""

import functools
import logging
import random
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import OperationalError, transaction

logger = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

#: deadlock_detected, serialization_failure.
CONFLICTS = frozenset({"40P01", "40001"})
#: The first attempt and two more.
ATTEMPTS = 3


def is_conflict(error: OperationalError) -> bool:
    """Whether the database refused the transaction for a conflict with another one."""
    cause = error.__cause__
    return (getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)) in CONFLICTS


def retried_on_conflict(write: Callable[P, T]) -> Callable[P, T]:
    """Run `write` (a whole transaction) again, after a short random pause, when the database
    refuses it for a conflict; up to `ATTEMPTS` in all, then the refusal is raised."""

    @functools.wraps(write)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        for attempt in range(1, ATTEMPTS):
            try:
                return write(*args, **kwargs)
            except OperationalError as error:
                if transaction.get_connection().in_atomic_block or not is_conflict(error):
                    raise
                logger.warning("%s refused (%s), attempt %d", write.__name__, error, attempt)
                time.sleep(random.uniform(0, 0.05 * attempt))  # a pause, no secret
        return write(*args, **kwargs)

    return run
