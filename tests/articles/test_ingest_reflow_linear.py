"""Rebuilding paragraphs takes time in proportion to the text whatever its lines look like
(articles/ingest/reflow.py): a tiny PDF whose text layer is one long run of letters once held a
request for minutes, the line-end hyphen pattern backtracking from every letter.

Nothing here measures speed: each case runs under an alarm of `GUARD_SECONDS`, some thousand
times what the linear code needs and a small fraction of what the quadratic code took (a line
of 60,000 letters: about a minute; of `LONG` letters, about ten)."""

import pytest

from articles.ingest import extract
from articles.ingest.reflow import reflow
from tests.articles.conftest import make_pdf
from tests.guards import finishes_within

GUARD_SECONDS = 5
LONG = 200_000


PATHOLOGICAL_LINES = {
    "letters": "abcdefghij" * (LONG // 10),
    "letters then a digit": "a" * LONG + "1",
    "letters then a space and a hyphenated end": "a" * LONG + " b-",
    "hyphens": "-" * LONG,
    "letter hyphen pairs": "a-" * (LONG // 2),
    "digit, line feeds, letter": "1" + "\r" * LONG + "z",
    "page, line feeds, letter": "Page" + "\r" * LONG + "z",
}


@pytest.mark.parametrize("line", PATHOLOGICAL_LINES.values(), ids=PATHOLOGICAL_LINES.keys())
def test_a_long_pathological_line_is_reflowed_in_linear_time(line):
    pages = [f"Header\n{line}\n1", "Header\nMore text.\n2"]  # its edges looked at, too
    with finishes_within(GUARD_SECONDS):
        result = reflow(pages)
    assert result.dropped == ("Header", "1", "Header", "2")


def test_a_paragraph_of_many_short_lines_is_joined_in_linear_time():
    lines = ["ab"] * (LONG // 2) + ["intelli-", "gence"]
    with finishes_within(GUARD_SECONDS):
        text = reflow(["\n".join(lines)]).text
    assert text.endswith("ab ab intelligence")


def test_a_word_hyphenated_across_many_lines_is_still_joined():
    with finishes_within(GUARD_SECONDS):
        text = reflow(["intelli-\n" * (LONG // 10) + "gence and intelligence"]).text
    assert text == "intelli" * (LONG // 10) + "gence and intelligence"


def test_a_small_pdf_of_one_long_run_of_letters_is_read_in_linear_time():
    data = make_pdf(["abcdefghij" * (LONG // 10)])
    with finishes_within(GUARD_SECONDS):
        extraction = extract(filename="long-word.pdf", data=data)
    assert extraction.text == "abcdefghij" * (LONG // 10)
