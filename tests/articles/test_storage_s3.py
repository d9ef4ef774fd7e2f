"""Originals in an S3-compatible bucket (STORAGE_BUCKET, project/storage.py): an upload lands in
the bucket, the bucket stays private, and the download streams through the app behind login.
Runs against a local S3-compatible server (moto) started by the test run: no network."""

import socket

import pytest
from django.core.files.base import ContentFile

from articles.services import article_create
from project.storage import default_storage_from_environment

boto3 = pytest.importorskip("boto3")
moto_server = pytest.importorskip("moto.server")
pytest.importorskip("storages")

BUCKET = "corroborate-originals"
KEYS = {"STORAGE_ACCESS_KEY": "test-access", "STORAGE_SECRET_KEY": "test-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    yield endpoint
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """A fresh private bucket, and the settings the environment would give for it."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["STORAGE_ACCESS_KEY"],
        aws_secret_access_key=KEYS["STORAGE_SECRET_KEY"],
    )
    client.create_bucket(Bucket=BUCKET)
    for name, value in {
        "STORAGE_BUCKET": BUCKET,
        "STORAGE_ENDPOINT_URL": s3_endpoint,
        "STORAGE_REGION": "us-east-1",
        **KEYS,
    }.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": default_storage_from_environment()}
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _upload(analyst, content: bytes):
    return article_create(
        uploaded_by=analyst,
        text="The ministry said 4,500 workers were hired in March.",
        title="Hiring figures",
        original_file=ContentFile(content),
        original_filename="hiring report.txt",
    )


def test_without_a_bucket_originals_stay_on_local_disk(monkeypatch):
    monkeypatch.delenv("STORAGE_BUCKET", raising=False)

    assert default_storage_from_environment()["BACKEND"].endswith("FileSystemStorage")


@pytest.mark.django_db
def test_an_uploaded_original_is_kept_in_the_bucket(bucket, analyst):
    article = _upload(analyst, b"original bytes \x00\xff")

    stored = bucket.get_object(Bucket=BUCKET, Key=article.original_file.name)
    assert stored["Body"].read() == b"original bytes \x00\xff"


@pytest.mark.django_db
def test_the_bucket_is_private(bucket, analyst, s3_endpoint):
    article = _upload(analyst, b"secret")

    grants = bucket.get_object_acl(Bucket=BUCKET, Key=article.original_file.name)["Grants"]
    assert all("AllUsers" not in str(grant.get("Grantee")) for grant in grants)


@pytest.mark.django_db
def test_the_download_streams_through_the_app_behind_login(bucket, analyst, client):
    article = _upload(analyst, b"original bytes " * 10_000)
    url = f"/articles/{article.pk}/original/"

    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(analyst)
    answer = client.get(url)

    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == b"original bytes " * 10_000
    assert 'filename="hiring report.txt"' in answer["Content-Disposition"]


@pytest.mark.django_db
def test_an_original_missing_from_the_bucket_is_a_clear_404(bucket, analyst, client):
    article = _upload(analyst, b"soon gone")
    bucket.delete_object(Bucket=BUCKET, Key=article.original_file.name)
    client.force_login(analyst)

    answer = client.get(f"/articles/{article.pk}/original/")

    assert answer.status_code == 404
