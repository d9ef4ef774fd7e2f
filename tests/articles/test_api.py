"""/api/articles/: create from JSON, read with text and counts, refuse duplicates and edits."""

import datetime

import pytest
from django.utils import timezone

from articles.ingest.normalize import content_sha256
from articles.models import Article
from claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, SourceFactory

pytestmark = pytest.mark.django_db

URL = "/api/articles/"
BODY = "Synthetic headline\r\n\r\nThe council said 40 lorries left at dawn.  \n\n\n\n\nEnd."


def _detail(article) -> str:
    return f"{URL}{article.pk}/"


def _messages(response, field: str) -> list[str]:
    body = response.json()
    assert field in body, body
    return body[field] if isinstance(body[field], list) else [body[field]]


def test_create_from_json_returns_201_with_the_article(analyst_client):
    response = analyst_client.post(URL, {"title": "Synthetic", "text": BODY}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["id"] == Article.objects.get().pk
    assert (
        body["text"] == "Synthetic headline\n\nThe council said 40 lorries left at dawn.\n\n\nEnd."
    )
    assert body["content_sha256"] == content_sha256(body["text"])
    assert (body["claim_count"], body["uploaded_by"]) == (0, "alice")


def test_create_with_metadata_stores_it(analyst_client):
    outlet = OutletFactory()
    response = analyst_client.post(
        URL,
        {
            "title": "Synthetic",
            "text": "Body.",
            "outlet": outlet.pk,
            "author": "J. Writer",
            "url": "https://example.org/story",
            "published_on": "2024-02-29",
        },
        format="json",
    )
    assert response.status_code == 201
    article = Article.objects.get()
    assert (article.outlet, article.author, str(article.published_on)) == (
        outlet,
        "J. Writer",
        "2024-02-29",
    )


def test_create_without_title_takes_the_first_line(analyst_client):
    response = analyst_client.post(URL, {"text": BODY}, format="json")
    assert response.json()["title"] == "Synthetic headline"


def test_duplicate_text_is_409_with_the_existing_id(analyst_client, article):
    response = analyst_client.post(URL, {"title": "Again", "text": article.text}, format="json")
    assert response.status_code == 409
    assert response.json()["id"] == article.pk
    assert response.json()["detail"]
    assert Article.objects.count() == 1


def test_duplicate_after_normalization_is_409(analyst_client, article):
    response = analyst_client.post(
        URL, {"text": "\n\n" + article.text.replace("\n", "\r\n") + "   \n"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["id"] == article.pk
    assert Article.objects.count() == 1


def test_missing_text_is_400(analyst_client):
    response = analyst_client.post(URL, {"title": "No body"}, format="json")
    assert response.status_code == 400
    assert _messages(response, "text")
    assert not Article.objects.exists()


def test_whitespace_only_text_is_400(analyst_client):
    response = analyst_client.post(URL, {"title": "Blank", "text": " \r\n\t\n "}, format="json")
    assert response.status_code == 400
    assert _messages(response, "text")
    assert not Article.objects.exists()


def test_outlet_that_is_not_a_media_outlet_is_400(analyst_client):
    government = SourceFactory(kind="government")
    response = analyst_client.post(
        URL, {"title": "T", "text": "Body.", "outlet": government.pk}, format="json"
    )
    assert response.status_code == 400
    assert _messages(response, "outlet")
    assert not Article.objects.exists()


def test_invalid_date_is_400(analyst_client):
    response = analyst_client.post(
        URL, {"title": "T", "text": "Body.", "published_on": "yesterday"}, format="json"
    )
    assert response.status_code == 400
    assert _messages(response, "published_on")
    assert not Article.objects.exists()


def test_user_without_role_cannot_create(api_client, no_role_user):
    response = api_client(no_role_user).post(URL, {"title": "T", "text": "Body."}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"]
    assert not Article.objects.exists()


def test_detail_includes_text_sha_and_live_claim_count(analyst_client, article):
    ClaimFactory(article=article)
    ClaimFactory(article=article)
    ClaimFactory(article=article, deleted_at=timezone.now())
    body = analyst_client.get(_detail(article)).json()
    assert (body["text"], body["content_sha256"], body["claim_count"]) == (
        article.text,
        article.content_sha256,
        2,
    )


def test_list_leaves_out_the_text(analyst_client, article):
    row = analyst_client.get(URL).json()["results"][0]
    assert row["id"] == article.pk
    assert "text" not in row


def test_list_filters_by_has_claims(analyst_client, article):
    ArticleFactory()
    ClaimFactory(article=article)
    results = analyst_client.get(URL, {"has_claims": "true"}).json()["results"]
    assert [row["id"] for row in results] == [article.pk]


def test_list_searches_title_and_text(analyst_client):
    wanted = ArticleFactory(text="Only this one mentions a heron.")
    ArticleFactory()
    results = analyst_client.get(URL, {"q": "heron"}).json()["results"]
    assert [row["id"] for row in results] == [wanted.pk]


def test_patch_text_of_article_with_claims_is_400_and_text_unchanged(analyst_client, article):
    ClaimFactory(article=article)
    response = analyst_client.patch(_detail(article), {"text": "Rewritten."}, format="json")
    assert response.status_code == 400
    assert "claims point into it" in _messages(response, "text")[0]
    assert Article.objects.get(pk=article.pk).text == article.text


def test_patch_text_of_article_whose_only_claims_are_deleted_says_so(analyst_client, article):
    """The article's lists show no claim: the refusal names the deleted ones that pin the
    text, not "claims point into it"."""
    ClaimFactory(article=article, deleted_at=timezone.now())

    response = analyst_client.patch(_detail(article), {"text": "Rewritten."}, format="json")

    assert response.status_code == 400
    message = _messages(response, "text")[0]
    assert "deleted claims still point into it" in message
    assert "can be restored" in message
    assert Article.objects.get(pk=article.pk).text == article.text


def test_patch_text_of_article_without_claims_is_saved(analyst_client, article):
    response = analyst_client.patch(_detail(article), {"text": "Rewritten.\n"}, format="json")
    assert response.status_code == 200
    assert response.json()["text"] == "Rewritten."
    assert Article.objects.get(pk=article.pk).content_sha256 == content_sha256("Rewritten.")


def test_patch_metadata_of_article_with_claims_is_saved(analyst_client, article):
    ClaimFactory(article=article)
    response = analyst_client.patch(_detail(article), {"title": "Better title"}, format="json")
    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).title == "Better title"


def test_patch_by_another_analyst_is_403(api_client, analyst2, article):
    response = api_client(analyst2).patch(_detail(article), {"title": "Mine"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"]
    assert Article.objects.get(pk=article.pk).title == article.title


def test_patch_text_to_another_articles_text_is_409(analyst_client, article):
    other = ArticleFactory()
    response = analyst_client.patch(_detail(article), {"text": other.text}, format="json")
    assert response.status_code == 409
    assert response.json()["id"] == other.pk
    assert Article.objects.get(pk=article.pk).text == article.text


def test_unknown_article_is_404(analyst_client):
    response = analyst_client.get(f"{URL}999999/")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_article_delete_is_not_offered(analyst_client, article):
    response = analyst_client.delete(_detail(article))
    assert response.status_code == 405
    assert Article.objects.filter(pk=article.pk).exists()


def test_claim_count_ignores_other_articles(analyst_client, article):
    ClaimFactory()
    assert analyst_client.get(_detail(article)).json()["claim_count"] == 0
    assert Claim.objects.count() == 1


@pytest.mark.parametrize("typed", ["03/01/2024", "01/03/24", "1/3/68", "1 March 2024"])
def test_a_date_filter_takes_iso_dates_only_and_says_so(analyst_client, typed):
    # The site's other input formats read "03/01/2024" as 3 January and "1/3/68" as 2068,
    # silently: a script meaning 1 March got other articles and no error.
    ArticleFactory(published_on=datetime.date(2024, 2, 1))

    response = analyst_client.get(URL, {"published_before": typed})

    assert response.status_code == 400
    assert response.json()["published_before"] == ["Enter a date as YYYY-MM-DD, e.g. 2024-03-01."]


def test_an_iso_date_filter_is_read_as_written(analyst_client):
    ArticleFactory(published_on=datetime.date(2024, 2, 1))
    ArticleFactory(published_on=datetime.date(2024, 3, 2))

    response = analyst_client.get(URL, {"published_before": "2024-03-01"})

    assert response.json()["count"] == 1
