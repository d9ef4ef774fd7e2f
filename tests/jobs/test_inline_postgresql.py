"""Jobs run inline on PostgreSQL with the local settings (`make run` with a PostgreSQL
`DATABASE_URL`): the job's row is not committed while it runs, so its progress goes through the
request's own connection. Through the `jobs` connection it found no row and cancelled itself:
an accepted import kept nothing, an export to a file never had its file."""

import json
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import ClaimFactory, UserFactory
from tests.sqlite_file import run_script

SCRIPT = Path(__file__).with_name("inline_with_a_jobs_connection.py")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="only PostgreSQL has a connection for progress"
)
def test_an_inline_job_reporting_progress_finishes_on_postgresql(tmp_path):
    analyst = UserFactory(groups=["analyst"])
    ClaimFactory.create_batch(3)
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    output = run_script(
        SCRIPT,
        environment={
            "DATABASE_URL": url,
            "MEDIA_ROOT": str(tmp_path),
            "JOB_USER": analyst.username,
        },
    )

    job = json.loads(output.splitlines()[-1])
    assert job["status"] == "succeeded", job["message"]
    assert job["done"] == 3
