"""An article's language is stored as a code the browser's word segmenter accepts: given by
name or code on every path (form, API, upload), anything else refused with a message."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.languages import clean_language
from articles.models import Article
from articles.services import article_create, article_update
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("fr", "fr"),
        ("French", "fr"),
        ("français", "fr"),
        ("en_US", "en"),
        ("EN-gb", "en"),
        ("  uk ", "uk"),
        ("", ""),
        ("tlh", "tlh"),
    ],
)
def test_a_language_is_stored_as_its_code(given, stored):
    assert clean_language(given) == stored


@pytest.mark.parametrize("given", ["English (UK)", "en US", "ру", "x-pig-latin", "e", "english1"])
def test_a_text_that_is_no_language_is_refused(given):
    with pytest.raises(ValidationError) as refusal:
        clean_language(given)

    assert "No language is called" in refusal.value.messages[0]


def test_the_services_store_codes_and_refuse_the_rest_on_the_field(analyst):
    article = article_create(text="Some words here.", language="en_US", uploaded_by=analyst)
    assert article.language == "en"

    with pytest.raises(ValidationError) as refusal:
        article_update(article=article, user=analyst, language="English (UK)")

    assert "language" in refusal.value.message_dict
    assert Article.objects.get(pk=article.pk).language == "en"


def test_the_api_refuses_a_language_with_a_400_naming_it(api_client, analyst):
    article = ArticleFactory(uploaded_by=analyst, language="en")
    client = api_client(analyst)
    url = reverse("api:article-detail", args=[article.pk])

    refused = client.patch(url, {"language": "en US"}, format="json")
    taken = client.patch(url, {"language": "Ukrainian"}, format="json")

    assert refused.status_code == 400
    assert "No language is called “en US”" in refused.json()["language"][0]
    assert taken.status_code == 200, taken.json()
    assert Article.objects.get(pk=article.pk).language == "uk"


def test_the_details_form_refuses_a_language_with_a_message(client, analyst):
    article = ArticleFactory(uploaded_by=analyst, language="en")
    client.force_login(analyst)

    response = client.post(
        reverse("articles:edit", args=[article.pk]),
        {"title": article.title, "language": "ру"},
    )

    assert response.status_code == 200
    assert "No language is called “ру”" in response.content.decode()
    assert Article.objects.get(pk=article.pk).language == "en"


def test_the_migration_turns_languages_stored_as_given_into_codes():
    for language in ["en_US", "ру", "fr", "English", ""]:
        ArticleFactory(language="fr")
        Article.objects.filter(pk=Article.objects.latest("pk").pk).update(language=language)
    migration = importlib.import_module("articles.migrations.0006_language_is_a_code")

    migration.store_codes(apps, None)

    stored = sorted(Article.objects.values_list("language", flat=True))
    assert stored == ["", "", "", "en", "fr"]
