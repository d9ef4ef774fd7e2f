"""Every way an article comes in (each file format, pasted text, the API) stores it without its
title as the first line of its text, and in a language: the one given, or the one detected."""

import pytest
from django.core.files.base import ContentFile

from articles.services import article_create, article_ingest
from tests.articles.conftest import make_docx, make_laid_out_pdf

pytestmark = pytest.mark.django_db

TITLE = "Convoys cross the river"
ENGLISH = (
    "Officials said forty convoys crossed the river at night. Observers from three countries "
    "will arrive on Monday to count the vehicles that remain on the eastern bank."
)
FRENCH = (
    "Les responsables ont déclaré que quarante convois avaient traversé le fleuve pendant la "
    "nuit. Des observateurs de trois pays arriveront lundi pour compter les véhicules."
)

FILES = {
    "story.txt": f"{TITLE}\n\n{ENGLISH}".encode(),
    "story.md": f"# {TITLE}\n\n{ENGLISH}\n".encode(),
    "story.html": (
        f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
        f"<p>{ENGLISH}</p></article></body></html>"
    ).encode(),
    "story.docx": make_docx([TITLE, ENGLISH], title=TITLE),
    "story.pdf": make_laid_out_pdf([ENGLISH], title=TITLE),
}


@pytest.mark.parametrize("filename", FILES)
def test_an_uploaded_file_keeps_its_title_out_of_its_text_and_gets_a_language(
    filename, analyst, media
):
    article = article_ingest(
        file=ContentFile(FILES[filename]), filename=filename, uploaded_by=analyst
    )
    assert article.title == TITLE
    assert article.text == ENGLISH
    assert article.language == "en"


def test_pasted_text_keeps_its_title_out_of_its_text_and_gets_a_language(analyst):
    article = article_create(text=f"{TITLE}\n\n{FRENCH}", title=TITLE, uploaded_by=analyst)
    assert (article.title, article.text, article.language) == (TITLE, FRENCH, "fr")


def test_the_language_given_wins_over_the_one_detected(analyst):
    article = article_create(text=FRENCH, title="T", language="de", uploaded_by=analyst)
    assert article.language == "de"


def test_a_text_too_short_to_tell_gets_no_language(analyst):
    assert article_create(text="Kyiv, 4 March.", uploaded_by=analyst).language == ""


def test_the_api_stores_the_text_without_the_title_line_and_in_its_language(analyst_client):
    response = analyst_client.post(
        "/api/articles/", {"title": TITLE, "text": f"{TITLE}\n\n{ENGLISH}"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert (response.json()["text"], response.json()["language"]) == (ENGLISH, "en")
