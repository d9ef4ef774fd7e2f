"""A guard for tests of code that must finish in time proportional to its input, whatever the
input holds (the readers of hostile texts): it fails a block still running after a generous
alarm. It measures no speed — the alarm is set far above what the linear code needs on a loaded
machine and far below what a quadratic one takes — so it cannot fail for a slow machine."""

import signal
from contextlib import contextmanager


class TooSlow(Exception):
    """The guarded code ran past its alarm."""


@contextmanager
def finishes_within(seconds: float):
    """Fail with `TooSlow` if the block is still running after `seconds` (wall clock)."""

    def ring(signum, frame):
        raise TooSlow(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
