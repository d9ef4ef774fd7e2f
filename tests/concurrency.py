"""Requests or service calls at the same moment, for the races a team meets: each call in its
own thread, so on its own database connection, all released together."""

import threading
from collections.abc import Callable

from django.db import connections, transaction


def at_once(*calls: Callable[[], object]) -> tuple[list, list[BaseException]]:
    """Run `calls` together; their results, in the order of `calls` (None for one that
    raised), and the errors raised."""
    start = threading.Barrier(len(calls))
    results: list = [None] * len(calls)
    errors: list[BaseException] = []

    def run(n: int, call: Callable[[], object]) -> None:
        try:
            start.wait(timeout=10)
            results[n] = call()
        except BaseException as error:  # reported to the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def while_held(held, other) -> tuple[dict, dict, bool]:
    """Run `held` in a transaction left open, then `other` in another thread, then let the
    first commit: what each gave (`result` or `error`), and whether `other` waited for it."""
    reached, release, first, second = threading.Event(), threading.Event(), {}, {}

    def run(work, outcome, hold: bool):
        try:
            with transaction.atomic():
                outcome["result"] = work()
                if hold:
                    reached.set()
                    release.wait(timeout=30)
        except BaseException as error:  # reported to the test
            outcome["error"] = error
        finally:
            reached.set()
            connections.close_all()

    holder = threading.Thread(target=run, args=(held, first, True))
    holder.start()
    assert reached.wait(timeout=30) and "error" not in first, first
    waiting = threading.Thread(target=run, args=(other, second, False))
    waiting.start()
    waiting.join(timeout=1)
    waited = waiting.is_alive()
    release.set()
    holder.join(timeout=30)
    waiting.join(timeout=30)
    return first, second, waited
