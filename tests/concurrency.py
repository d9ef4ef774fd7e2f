"""Requests or service calls at the same moment, for the races a team meets: each call in its
own thread, so on its own database connection, all released together."""

import threading
from collections.abc import Callable

from django.db import connections


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
