"""A file store the server cannot write to (read-only, full, missing): an upload is refused in
words that say it is the server's trouble, HTTP 503 on the API, and nothing is half-saved
(audit J2: every upload was a 500 that said "try again")."""

import pytest
from django.core.files.storage import FileSystemStorage

from articles.models import Article
from tests.articles.conftest import upload

pytestmark = pytest.mark.django_db

STORY = b"Convoys cross the river\n\nOfficials said forty convoys crossed at night."


@pytest.fixture
def read_only_store(media, monkeypatch):
    def refuse(self, name, content):
        raise PermissionError(13, "Permission denied", name)

    monkeypatch.setattr(FileSystemStorage, "_save", refuse)


def test_the_api_answers_503_and_stores_nothing(analyst_client, read_only_store, caplog):
    response = analyst_client.post(
        "/api/articles/", {"file": upload("convoys.txt", STORY)}, format="multipart"
    )

    assert response.status_code == 503
    assert response.json()["code"] == "store_unavailable"
    assert "file store cannot be written to" in response.json()["detail"]
    assert not Article.objects.exists()
    assert "Permission denied" in caplog.text  # the admin finds the cause in the log


def test_the_upload_page_says_so_beside_the_file(client, analyst, read_only_store):
    client.force_login(analyst)

    response = client.post("/articles/upload/", {"files": [upload("convoys.txt", STORY)]})

    assert response.status_code in (200, 400)
    assert "file store cannot be written to" in response.content.decode()
    assert not Article.objects.exists()


def test_an_import_kept_for_its_job_is_refused_the_same_way(
    api_client, staff_user, read_only_store, settings
):
    settings.CLAIM_IMPORT_JOB_BYTES = 0  # every import a job: the upload is kept for it
    response = api_client(staff_user).post(
        "/api/import/", {"file": upload("claims.json", b"{}")}, format="multipart"
    )

    assert response.status_code == 503
    assert response.json()["code"] == "store_unavailable"
