"""POST /api/articles/ multipart (`file` plus optional details), as the API contract says."""

import pytest

from articles.models import Article
from tests.articles.conftest import make_docx, make_pdf, upload
from tests.factories import ArticleFactory, OutletFactory, SourceFactory

pytestmark = pytest.mark.django_db

URL = "/api/articles/"


def _upload(client, name: str, content: bytes, **details):
    return client.post(URL, {"file": upload(name, content), **details}, format="multipart")


def test_multipart_file_creates_the_article_with_the_files_metadata(analyst_client, media):
    response = _upload(
        analyst_client, "report.pdf", make_pdf(["Forty convoys crossed."], title="Field report")
    )
    assert response.status_code == 201
    body = response.json()
    assert body["id"] == Article.objects.get().pk
    assert (body["title"], body["text"], body["original_filename"]) == (
        "Field report",
        "Forty convoys crossed.",
        "report.pdf",
    )
    assert (body["claim_count"], body["same_url"]) == (0, [])


def test_multipart_details_win_over_the_file(analyst_client, media):
    outlet = OutletFactory()
    response = _upload(
        analyst_client,
        "brief.docx",
        make_docx(["Body."], title="From the file", author="File author"),
        title="Given",
        author="Given author",
        url="https://example.org/brief",
        published_on="2024-05-01",
        outlet=outlet.pk,
    )
    assert response.status_code == 201
    article = Article.objects.get()
    assert (article.title, article.author, article.url, article.outlet) == (
        "Given",
        "Given author",
        "https://example.org/brief",
        outlet,
    )
    assert str(article.published_on) == "2024-05-01"


def test_multipart_duplicate_is_409_with_the_existing_id(analyst_client, media, stored_files):
    first = ArticleFactory(text="Same words.")
    response = _upload(analyst_client, "again.txt", b"Same words.\r\n")
    assert response.status_code == 409
    assert response.json()["id"] == first.pk
    assert response.json()["current"]["url"] == first.get_absolute_url()
    assert Article.objects.count() == 1
    assert stored_files() == []


def test_multipart_same_url_is_created_and_flagged(analyst_client, media):
    first = ArticleFactory(url="https://example.org/story")
    response = _upload(analyst_client, "new.txt", b"New words.", url="https://example.org/story/")
    assert response.status_code == 201
    assert response.json()["same_url"] == [
        {"id": first.pk, "title": first.title, "url": first.get_absolute_url()}
    ]


def test_multipart_invalid_detail_is_400_and_nothing_saved(analyst_client, media, stored_files):
    response = _upload(analyst_client, "a.txt", b"Words.", published_on="not a date")
    assert response.status_code == 400
    assert "published_on" in response.json()
    assert not Article.objects.exists()
    assert stored_files() == []


def test_multipart_outlet_that_is_not_a_media_outlet_is_400(analyst_client, media, stored_files):
    response = _upload(analyst_client, "a.txt", b"Words.", outlet=SourceFactory().pk)
    assert response.status_code == 400
    assert "outlet" in response.json()
    assert stored_files() == []


def test_multipart_upload_by_a_user_without_a_role_is_403(api_client, no_role_user, media):
    response = _upload(api_client(no_role_user), "a.txt", b"Words.")
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_multipart_without_credentials_is_401(api_client):
    assert _upload(api_client(), "a.txt", b"Words.").status_code == 401


def test_json_create_still_works_and_flags_the_same_url(analyst_client):
    first = ArticleFactory(url="https://example.org/a")
    response = analyst_client.post(
        URL, {"text": "Typed words.", "url": "https://example.org/a"}, format="json"
    )
    assert response.status_code == 201
    assert [row["id"] for row in response.json()["same_url"]] == [first.pk]


def test_schema_offers_multipart_and_json_for_article_create(analyst_client):
    schema = analyst_client.get("/api/schema/", {"format": "json"}).json()
    content = schema["paths"]["/api/articles/"]["post"]["requestBody"]["content"]
    assert set(content) >= {"multipart/form-data", "application/json"}
