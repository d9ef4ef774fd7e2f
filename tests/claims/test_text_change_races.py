"""A claim and an edit of its article's text at the same moment: one of the two is refused,
never both saved with the claim pointing at other words (DESIGN.md: the text is immutable once
a claim points into it)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from articles.models import Article
from articles.services import article_update
from claims.models import Claim
from claims.services import claims_create
from project.errors import ItemsRefused
from tests.claims.conftest import record
from tests.concurrency import while_held
from tests.factories import ArticleFactory

NEW_TEXT_START = "A sentence the uploader added at the top moves every offset. "


def _item(article, source, start: int, end: int) -> dict:
    return {
        "article": article,
        "start": start,
        "end": end,
        "quote": article.text[start:end],
        "source": source,
    }


@pytest.mark.django_db
def test_a_claim_on_a_text_edited_since_it_was_read_is_refused(article, analyst, source):
    as_read = Article.objects.get(pk=article.pk)
    article_update(
        article=Article.objects.get(pk=article.pk),
        user=analyst,
        text=NEW_TEXT_START + article.text,
    )

    with pytest.raises(ValidationError) as refusal:
        record(as_read, analyst, source, 10, 40)

    assert "text changed" in " ".join(refusal.value.message_dict["start"])
    assert not Claim.all_objects.exists()


@pytest.mark.django_db
def test_a_batch_names_the_claim_whose_text_was_edited_and_records_none(article, analyst, source):
    elsewhere = ArticleFactory(uploaded_by=analyst)
    as_read = Article.objects.get(pk=article.pk)
    article_update(article=article, user=analyst, text=NEW_TEXT_START + article.text)

    with pytest.raises(ItemsRefused) as refusal:
        claims_create(
            items=[_item(elsewhere, source, 0, 20), _item(as_read, source, 10, 40)],
            created_by=analyst,
        )

    assert list(refusal.value.refused) == [1]
    assert not Claim.all_objects.exists()


@pytest.mark.django_db
def test_an_edit_of_a_text_someone_else_edited_meanwhile_is_refused(article, analyst):
    as_read = Article.objects.get(pk=article.pk)
    article_update(article=article, user=analyst, text=NEW_TEXT_START + article.text)

    with pytest.raises(ValidationError) as refusal:
        article_update(article=as_read, user=analyst, text="Another text altogether. " * 4)

    assert "Someone else changed" in " ".join(refusal.value.message_dict["text"])
    assert Article.objects.get(pk=article.pk).text.startswith(NEW_TEXT_START)


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one write transaction at a time (transaction_mode IMMEDIATE)",
)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_an_edit_waits_for_a_claim_being_recorded_and_is_then_refused(article, analyst, source):
    _, editing, waited = while_held(
        lambda: record(Article.objects.get(pk=article.pk), analyst, source, 10, 40),
        lambda: article_update(
            article=Article.objects.get(pk=article.pk),
            user=analyst,
            text=NEW_TEXT_START + article.text,
        ),
    )

    assert waited, editing
    assert isinstance(editing.get("error"), ValidationError), editing
    stored = Claim.objects.get()
    assert Article.objects.get(pk=article.pk).text[stored.start : stored.end] == stored.quote


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_claim_waits_for_an_edit_of_its_text_and_is_then_refused(article, analyst, source):
    as_read = Article.objects.get(pk=article.pk)
    _, claiming, waited = while_held(
        lambda: article_update(
            article=Article.objects.get(pk=article.pk),
            user=analyst,
            text=NEW_TEXT_START + article.text,
        ),
        lambda: record(as_read, analyst, source, 10, 40),
    )

    assert waited, claiming
    assert isinstance(claiming.get("error"), ValidationError), claiming
    assert not Claim.all_objects.exists()
