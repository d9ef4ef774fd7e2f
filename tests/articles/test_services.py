"""article_create and article_update: normalization, duplicates, outlets, immutable text."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles.ingest.normalize import content_sha256
from articles.models import Article
from articles.services import article_create, article_update, outlet_allowed
from project.errors import Conflict
from tests.factories import ClaimFactory, OutletFactory, SourceFactory

pytestmark = pytest.mark.django_db

BODY = "First synthetic line.\r\n\r\nSecond synthetic line.   \n\n\n\n\nThird."


def test_create_stores_normalized_text(analyst):
    article = article_create(text=BODY, uploaded_by=analyst, title="Synthetic")
    assert article.text == "First synthetic line.\n\nSecond synthetic line.\n\n\nThird."


def test_create_sets_content_sha256_of_normalized_text(analyst):
    article = article_create(text=BODY, uploaded_by=analyst, title="Synthetic")
    assert article.content_sha256 == content_sha256(article.text)


def test_create_records_uploader_and_metadata(analyst):
    outlet = OutletFactory()
    article = article_create(
        text="Body.",
        uploaded_by=analyst,
        title="  A   spaced   title ",
        outlet=outlet,
        author=" Jo Writer ",
        url="https://example.org/a",
        published_on=datetime.date(2024, 3, 1),
        language="en",
    )
    article.refresh_from_db()
    assert (article.title, article.author, article.outlet, article.uploaded_by) == (
        "A spaced title",
        "Jo Writer",
        outlet,
        analyst,
    )


def test_create_without_title_uses_first_line(analyst):
    article = article_create(text="Headline here\nBody text follows.", uploaded_by=analyst)
    assert article.title == "Headline here"


def test_create_without_title_shortens_a_long_first_line(analyst):
    article = article_create(text="word " * 100, uploaded_by=analyst)
    assert len(article.title) <= 120
    assert article.title.endswith("…")


def test_duplicate_text_raises_conflict_with_existing_id(analyst, article):
    with pytest.raises(Conflict) as error:
        article_create(text=article.text, uploaded_by=analyst, title="Again")
    assert error.value.current["id"] == article.pk
    assert Article.objects.count() == 1


def test_text_that_normalizes_to_a_duplicate_is_refused(analyst, article):
    with pytest.raises(Conflict):
        article_create(text=article.text.replace("\n", "\r\n") + "  \n\n", uploaded_by=analyst)
    assert Article.objects.count() == 1


def test_empty_text_is_refused(analyst):
    with pytest.raises(ValidationError) as error:
        article_create(text="", uploaded_by=analyst, title="Nothing")
    assert "text" in error.value.message_dict
    assert not Article.objects.exists()


def test_whitespace_only_text_is_refused(analyst):
    with pytest.raises(ValidationError) as error:
        article_create(text=" \r\n\t \n", uploaded_by=analyst, title="Nothing")
    assert "text" in error.value.message_dict
    assert not Article.objects.exists()


def test_outlet_must_be_a_media_outlet(analyst):
    government = SourceFactory(kind="government")
    with pytest.raises(ValidationError) as error:
        article_create(text="Body.", uploaded_by=analyst, title="T", outlet=government)
    assert "outlet" in error.value.message_dict
    assert not Article.objects.exists()


def test_user_without_role_cannot_create(no_role_user):
    with pytest.raises(PermissionDenied):
        article_create(text="Body.", uploaded_by=no_role_user, title="T")
    assert not Article.objects.exists()


def test_reviewer_can_create(reviewer):
    assert article_create(text="Body.", uploaded_by=reviewer, title="T").pk


def test_update_changes_metadata(article, analyst):
    article_update(article=article, user=analyst, title="New title", language="fr")
    article.refresh_from_db()
    assert (article.title, article.language) == ("New title", "fr")


def test_update_normalizes_new_text_while_no_claims(article, analyst):
    article_update(article=article, user=analyst, text="New body.\r\n")
    article.refresh_from_db()
    assert article.text == "New body."
    assert article.content_sha256 == content_sha256("New body.")


def test_update_text_under_a_claim_raises_validation_error(article, analyst):
    ClaimFactory(article=article)
    original = article.text
    stored = Article.objects.get(pk=article.pk)
    with pytest.raises(ValidationError) as error:
        article_update(article=stored, user=analyst, text="Replacement body.")
    assert "text" in error.value.message_dict
    assert Article.objects.get(pk=article.pk).text == original


def test_update_text_to_empty_is_refused(article, analyst):
    original = article.text
    with pytest.raises(ValidationError):
        article_update(article=article, user=analyst, text="\n \n")
    assert Article.objects.get(pk=article.pk).text == original


def test_update_text_to_another_articles_text_is_a_conflict(article, analyst):
    other = article_create(text="Another synthetic body.", uploaded_by=analyst, title="Other")
    with pytest.raises(Conflict) as error:
        article_update(article=article, user=analyst, text=other.text)
    assert error.value.current["id"] == other.pk


def test_update_outlet_must_be_a_media_outlet(article, analyst):
    with pytest.raises(ValidationError) as error:
        article_update(article=article, user=analyst, outlet=SourceFactory(kind="military"))
    assert "outlet" in error.value.message_dict
    assert Article.objects.get(pk=article.pk).outlet is None


def test_update_by_someone_else_is_refused(article, analyst2):
    with pytest.raises(PermissionDenied):
        article_update(article=article, user=analyst2, title="Hijacked")
    assert Article.objects.get(pk=article.pk).title != "Hijacked"


def test_staff_can_update_any_article(article, staff_user):
    article_update(article=article, user=staff_user, title="Curated")
    assert Article.objects.get(pk=article.pk).title == "Curated"


def test_update_refuses_unknown_fields(article, analyst):
    with pytest.raises(ValidationError):
        article_update(article=article, user=analyst, content_sha256="0" * 64)


def test_an_outlet_is_allowed_only_as_none_or_a_media_outlet():
    assert outlet_allowed(None)
    assert outlet_allowed(OutletFactory())
    assert not outlet_allowed(SourceFactory(kind="government"))
