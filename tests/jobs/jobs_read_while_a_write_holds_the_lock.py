"""The jobs read while another connection holds SQLite's write lock (a worker's import restores
in one transaction, so its heartbeat cannot be written meanwhile and the job looks stale).
Run by `test_stale.py` on an SQLite file of its own: `python THIS_FILE FILE` prints, as JSON,
what `GET /api/jobs/<id>/` answered and how long it took."""

import datetime
import json
import os
import sqlite3
import sys
import threading
import time

import django


def main(database: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "project.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from jobs.models import Job, JobStatus
    from tests.factories import UserFactory

    call_command("migrate", verbosity=0)
    analyst = UserFactory(groups=["analyst"])
    silent_since = timezone.now() - datetime.timedelta(hours=1)
    job = Job.objects.create(
        kind="claim_import",
        created_by=analyst,
        status=JobStatus.RUNNING,
        started_at=silent_since,
        heartbeat_at=silent_since,
        attempts=1,
    )
    client = Client()
    client.force_login(analyst)
    locked, release = threading.Event(), threading.Event()

    def the_workers_import():
        writer = sqlite3.connect(database, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE jobs_job SET done = 1 WHERE id = ?", [job.pk])
        locked.set()
        release.wait(30)
        writer.execute("COMMIT")
        writer.close()

    worker = threading.Thread(target=the_workers_import)
    worker.start()
    locked.wait(10)
    started = time.monotonic()
    response = client.get(f"/api/jobs/{job.pk}/")
    seconds = time.monotonic() - started
    release.set()
    worker.join()
    print(
        json.dumps(
            {
                "status_code": response.status_code,
                "seconds": seconds,
                "job": response.json().get("status") if response.status_code == 200 else None,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
