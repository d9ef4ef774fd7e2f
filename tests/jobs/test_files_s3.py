"""A job's files in an S3-compatible bucket (moto, started by the test run) are deleted with it."""

import pytest
from django.core.files.storage import default_storage

from tests.articles import test_storage_s3
from tests.jobs.test_files import job_with_files

BUCKET = test_storage_s3.BUCKET
# The local S3-compatible server and its fresh bucket, as the storage tests start them.
s3_endpoint = test_storage_s3.s3_endpoint
bucket = test_storage_s3.bucket

pytestmark = pytest.mark.django_db


def _keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_deleting_a_job_deletes_its_files_from_the_bucket(
    bucket,
    analyst,
    make_job,
    django_capture_on_commit_callbacks,
):
    job, upload, result = job_with_files(make_job, analyst)
    assert default_storage.__class__.__name__ != "FileSystemStorage"
    assert {upload, result} <= _keys(bucket)

    with django_capture_on_commit_callbacks(execute=True):
        job.delete()

    assert not {upload, result} & _keys(bucket)
