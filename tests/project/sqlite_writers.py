"""Run as a script by `test_sqlite_writers.py`: `WRITERS` threads start together, and each, in a
transaction on a fresh SQLite file, reads, pauses, then writes (what a claim edit does); prints
how many rows were written and how many writers failed, and why."""

import os
import sys
import threading
import time
from collections import Counter

import django

WRITERS = 6


def main(database: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings.local")
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from sources.models import Source

    call_command("migrate", verbosity=0)
    connection.close()
    started = threading.Barrier(WRITERS)
    failures: Counter = Counter()

    def write(n: int) -> None:
        try:
            started.wait(timeout=10)
            with transaction.atomic():
                Source.objects.count()
                time.sleep(0.05)
                Source.objects.create(name=f"Writer {n}")
        except Exception as error:
            failures[f"{type(error).__name__}: {error}"] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"written {Source.objects.count()} failed {sum(failures.values())} {dict(failures)}")


if __name__ == "__main__":
    main(sys.argv[1])
