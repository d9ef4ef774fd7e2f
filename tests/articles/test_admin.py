"""The article admin: curation goes through the article service, which keeps the text of an
article with claims as it is."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_article_text_with_claims_cannot_be_changed_in_the_admin(client, staff_user):
    claim = ClaimFactory()
    article = claim.article
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        {
            "title": article.title,
            "text": article.text + " More.",
            "author": "",
            "url": "",
            "language": "",
        },
    )

    assert "The text of this article cannot change" in response.content.decode()
    article.refresh_from_db()
    assert not article.text.endswith("More.")


def _form(article, **fields) -> dict:
    return {
        "title": article.title,
        "text": article.text,
        "author": "",
        "url": "",
        "language": "",
        **fields,
    }


def test_a_source_that_is_no_outlet_is_refused_as_an_articles_outlet_on_the_form(
    client, staff_user
):
    article = ArticleFactory(outlet=OutletFactory())
    ministry = SourceFactory(name="Ministry of Defence")
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        _form(article, outlet=ministry.pk),
    )

    assert response.status_code == 200
    assert "“Ministry of Defence” is not a media outlet" in response.content.decode()
    assert Article.objects.get(pk=article.pk).outlet_id == article.outlet_id


def test_reverting_an_article_to_a_past_version_with_no_outlet_of_that_kind_is_refused(
    client, staff_user
):
    """django-simple-history's form to revert to a version: the same rules as the change
    form, refused on the page, never a server error."""
    article = ArticleFactory(outlet=OutletFactory())
    version = article.history.first().history_id
    ministry = SourceFactory(name="Ministry of Defence")
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:articles_article_simple_history", args=[article.pk, version]),
        _form(article, outlet=ministry.pk),
    )

    assert response.status_code == 200
    assert "“Ministry of Defence” is not a media outlet" in response.content.decode()
    assert Article.objects.get(pk=article.pk).outlet_id == article.outlet_id
