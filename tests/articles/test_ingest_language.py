"""The language detected from an article's text (articles/ingest/language.py)."""

import pytest

from articles.ingest.language import detect_language

SAMPLES = {
    "en": "Officials said forty convoys crossed the river at night, and observers will arrive.",
    "fr": "Les responsables ont déclaré que quarante convois avaient traversé le fleuve la nuit.",
    "de": "Die Behörden erklärten, dass vierzig Konvois in der Nacht den Fluss überquert hätten.",
    "es": "Los funcionarios dijeron que cuarenta convoyes cruzaron el río durante la noche.",
    "uk": "Посадовці заявили, що сорок колон уночі перетнули річку, а спостерігачі прибудуть.",
    "ru": "Официальные лица заявили, что сорок колонн ночью пересекли реку у границы.",
    "ko": "관계자들은 사십 개의 호송대가 밤에 강을 건넜으며 감시단이 도착할 것이라고 말했다.",
}


@pytest.mark.parametrize(("code", "text"), SAMPLES.items())
def test_the_language_of_a_paragraph_is_detected(code, text):
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "12 345 678", "Hello.", "—— ** ——", "NATO UN EU"])
def test_too_little_text_gives_no_language(text):
    assert detect_language(text) == ""


def test_a_text_of_names_gives_no_language():
    assert detect_language("Kyiv Kharkiv Odesa Lviv Dnipro Kherson Mariupol Bakhmut") == ""


def test_the_corpus_articles_are_english(corpus_articles):
    for path in corpus_articles:
        assert detect_language(path.read_text(encoding="utf-8")) == "en", path.name
