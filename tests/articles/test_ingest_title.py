"""The title and the first line of an article's text (articles/ingest/title.py)."""

import pytest

from articles.ingest.title import title_and_text, title_guess, without_title_line

BODY = "Officials said forty convoys crossed at night."


@pytest.mark.parametrize(
    "first_line",
    [
        "Convoys cross the river",
        "  convoys   CROSS the river ",  # spacing and case aside
        "# Convoys cross the river",  # a Markdown heading
        "## Convoys cross the river ##",
    ],
)
def test_a_first_line_that_is_the_title_leaves_the_text(first_line):
    text = f"{first_line}\n\n{BODY}"
    assert without_title_line(text, "Convoys cross the river") == BODY


def test_only_the_first_line_goes():
    text = f"Convoys\n\n{BODY}\n\nConvoys"
    assert without_title_line(text, "Convoys") == f"{BODY}\n\nConvoys"


def test_a_first_line_other_than_the_title_stays():
    text = f"Convoys cross the river\n\n{BODY}"
    assert without_title_line(text, "Convoys cross a river") == text


def test_a_text_of_nothing_but_its_title_stays_whole():
    assert without_title_line("Convoys", "Convoys") == "Convoys"


def test_a_guessed_title_leaves_the_text_only_when_it_reads_as_a_heading():
    heading = f"Convoys cross the river\n{BODY}"
    sentence = f"{BODY}\nObservers will arrive."
    assert title_and_text(heading, "") == ("Convoys cross the river", BODY)
    assert title_and_text(sentence, "") == (BODY, sentence)


@pytest.mark.parametrize(
    "first",
    [
        "東京で会議が開かれた。",
        "参加者は百人を超えた！",
        "दिल्ली में आज एक बैठक हुई।",
        "هل عقد اجتماع في طوكيو اليوم؟",
    ],
)
def test_a_guessed_title_ending_a_sentence_of_any_script_stays_in_the_text(first):
    text = f"{first}\n{BODY}"
    assert title_and_text(text, "") == (first, text)


def test_a_long_first_line_is_cut_for_the_title_and_stays_in_the_text():
    text = "word " * 60 + "\n\nMore."
    title, kept = title_and_text(text.strip(), "")
    assert title == title_guess(text) and title.endswith("…") and len(title) == 120
    assert kept == text.strip()


def test_a_given_title_is_put_on_one_line_and_wins():
    assert title_and_text(f"A heading\n\n{BODY}", "  Given \n title ") == (
        "Given title",
        f"A heading\n\n{BODY}",
    )
