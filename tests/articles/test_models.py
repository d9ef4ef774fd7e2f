"""Article: database constraints and the model-level guard on its text."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.ingest.normalize import content_sha256
from articles.models import Article
from claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_save_sets_content_sha256_from_text(analyst):
    article = Article.objects.create(title="T", text="Some synthetic text.", uploaded_by=analyst)
    assert article.content_sha256 == content_sha256("Some synthetic text.")


def test_save_recomputes_content_sha256_when_text_changes(article):
    article.text = "A different synthetic body."
    article.save()
    article.refresh_from_db()
    assert article.content_sha256 == content_sha256("A different synthetic body.")


def test_same_text_twice_violates_unique_content_sha256(article, analyst):
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(title="Copy", text=article.text, uploaded_by=analyst)
    assert Article.objects.count() == 1


def test_empty_text_violates_constraint(analyst):
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(title="Empty", text="", uploaded_by=analyst)
    assert not Article.objects.exists()


def test_empty_title_violates_constraint(analyst):
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(title="", text="Body of text.", uploaded_by=analyst)
    assert not Article.objects.exists()


def test_short_content_sha256_violates_constraint(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(content_sha256="abc")
    article.refresh_from_db()
    assert len(article.content_sha256) == 64


def test_text_may_change_while_no_claim_points_into_it(article):
    article.text = "Rewritten synthetic body."
    article.save()
    article.refresh_from_db()
    assert article.text == "Rewritten synthetic body."


def test_saving_new_text_under_a_claim_raises_validation_error(article):
    ClaimFactory(article=article)
    stored = Article.objects.get(pk=article.pk)
    original = stored.text
    stored.text = original + " And one more sentence."
    with pytest.raises(ValidationError) as error:
        stored.save()
    assert "text" in error.value.message_dict
    assert Article.objects.get(pk=article.pk).text == original


def test_saving_new_text_under_a_soft_deleted_claim_is_refused(article):
    claim = ClaimFactory(article=article)
    Claim.all_objects.filter(pk=claim.pk).update(deleted_at="2024-01-01T00:00:00Z")
    stored = Article.objects.get(pk=article.pk)
    stored.text = "Something else entirely."
    with pytest.raises(ValidationError):
        stored.save()


def test_full_clean_reports_text_change_under_a_claim(article):
    ClaimFactory(article=article)
    stored = Article.objects.get(pk=article.pk)
    stored.text = "Something else entirely."
    with pytest.raises(ValidationError) as error:
        stored.full_clean()
    assert "text" in error.value.message_dict


def test_text_change_under_a_claim_is_refused_when_text_was_deferred(article):
    ClaimFactory(article=article)
    original = article.text
    stored = Article.objects.defer("text").get(pk=article.pk)
    stored.text = "Something else entirely."
    with pytest.raises(ValidationError):
        stored.save()
    assert Article.objects.get(pk=article.pk).text == original


def test_text_change_under_a_claim_is_refused_for_an_unloaded_instance(article):
    ClaimFactory(article=article)
    original = article.text
    replacement = Article(
        pk=article.pk,
        title=article.title,
        text="Something else entirely.",
        uploaded_by=article.uploaded_by,
        created_at=article.created_at,
    )
    with pytest.raises(ValidationError):
        replacement.save()
    assert Article.objects.get(pk=article.pk).text == original


def test_metadata_may_change_under_a_claim(article):
    ClaimFactory(article=article)
    stored = Article.objects.get(pk=article.pk)
    stored.title = "A better title"
    stored.save()
    assert Article.objects.get(pk=article.pk).title == "A better title"


def test_factory_articles_have_distinct_text():
    first, second = ArticleFactory(), ArticleFactory()
    assert first.text != second.text
    assert first.content_sha256 != second.content_sha256
