"""A job run inline (`JOBS_INLINE`) under the local settings on PostgreSQL, where progress has a
connection of its own (the `jobs` alias, which the suite's settings leave out): an export to a
file, as the Exports page starts it. Run by `test_inline_postgresql.py` on the suite's database
(`python inline_with_a_jobs_connection.py`, `DATABASE_URL` set); prints the job as JSON."""

import json
import os

import django


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "project.settings.local"
    os.environ["JOBS_INLINE"] = "1"
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.http import QueryDict

    from exports.jobs import claim_set_export_start
    from jobs import runner

    assert "jobs" in settings.DATABASES and settings.JOBS_INLINE
    runner.PROGRESS_EVERY_SECONDS = 0  # every step reports its progress
    analyst = get_user_model().objects.get(username=os.environ["JOB_USER"])
    job = claim_set_export_start(query=QueryDict("format=csv&status=all"), user=analyst, via="page")
    print(json.dumps({"status": job.status, "message": job.message, "done": job.done}))


if __name__ == "__main__":
    main()
