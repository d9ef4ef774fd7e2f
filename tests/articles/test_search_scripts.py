"""Searching in any script and any Unicode form: a word typed decomposed ("café" as e and an
accent, as pasted from some PDFs and file names) finds the composed text every article is
stored in, and a word of Chinese or Japanese, written without spaces, is found on PostgreSQL
too (its full-text parser takes a whole run of such characters for one word)."""

import unicodedata

import pytest
from django.urls import reverse

from articles.models import Article
from articles.selectors import article_search, article_snippets
from articles.services import article_create
from claims.models import Claim
from claims.services import claim_create
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

NFD = "Cafe\u0301 Zu\u0308rich"


def _found(terms: str) -> list[str]:
    return list(article_search(Article.objects.all(), terms).values_list("title", flat=True))


def test_a_word_typed_decomposed_finds_the_article_and_the_claim(analyst, client):
    article = article_create(
        title="Report", text="Talks at the Café Zürich ended.", uploaded_by=analyst
    )
    start = article.text.index("Café")
    ClaimFactory(article=article, start=start, end=start + 11, created_by=analyst)
    client.force_login(analyst)

    claims = client.get(reverse("claims:list"), {"q": NFD}).context["paginator"].count

    assert _found(NFD) == ["Report"]
    assert claims == 1


def test_titles_and_statements_given_decomposed_are_stored_composed(analyst):
    article = article_create(title=NFD, text="Some words of the article.", uploaded_by=analyst)
    claim = ClaimFactory(article=article, start=0, end=4, statement=NFD, created_by=analyst)
    recorded = claim_create(
        article=article,
        start=5,
        end=10,
        quote=article.text[5:10],
        source=claim.source,
        statement=NFD,
        created_by=analyst,
    )

    assert article.title == unicodedata.normalize("NFC", NFD)
    assert Claim.objects.get(pk=recorded.pk).statement == unicodedata.normalize("NFC", NFD)


@pytest.mark.parametrize("word", ["参加者", "東京", "政府"])
def test_a_word_of_a_script_written_without_spaces_is_found(analyst, word):
    article_create(
        title="会議",
        text="東京で会議が開かれた。参加者は百人を超えた。政府は発表した。",
        uploaded_by=analyst,
    )
    article_create(title="Other", text="Nothing in Japanese here at all.", uploaded_by=analyst)

    assert _found(word) == ["会議"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("ÉVACUATION", "évacuation"), ("москва", "МОСКВА"), ("Αθήνα", "ΑΘΉΝΑ"), ("zürich", "ZÜRICH")],
)
def test_a_word_is_found_whatever_its_case_in_any_alphabet(analyst, client, typed, stored):
    article = article_create(
        title=f"Report on {stored}", text=f"Crowds left {stored} at dawn.", uploaded_by=analyst
    )
    start = article.text.index(stored)
    ClaimFactory(article=article, start=start, end=start + len(stored), created_by=analyst)
    article_create(title="Other", text="Nothing of the kind here.", uploaded_by=analyst)
    client.force_login(analyst)

    claims = client.get(reverse("claims:list"), {"q": typed}).context["paginator"].count

    assert _found(typed) == [f"Report on {stored}"]
    assert claims == 1


def test_a_snippet_shows_the_word_found_in_another_case(analyst):
    text = "Opening words. " * 40 + "The convoy reached МОСКВА before noon. " + "More. " * 40
    article = article_create(title="Long", text=text, uploaded_by=analyst)

    snippet = article_snippets([article.pk], "москва")[article.pk]

    assert "МОСКВА" in snippet


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("Курск", "Войска вошли в Курскую область в августе."),
        ("Αθήνα", "Η κυβέρνηση της Αθήνας ανακοίνωσε μέτρα."),
    ],
)
def test_a_word_of_an_inflected_alphabet_finds_its_other_endings(analyst, typed, text):
    # On PostgreSQL the English configuration stems no Cyrillic or Greek: "Курск" found none of
    # the articles that wrote "Курскую" (SQLite, matching substrings, did).
    article_create(title="Отчёт", text=text, uploaded_by=analyst)
    article_create(title="Other", text="Nothing of the kind here at all.", uploaded_by=analyst)

    assert _found(typed) == ["Отчёт"]
