"""Paragraphs rebuilt from a PDF's lines (articles/ingest/reflow.py): properties over any text,
examples, and real PDFs laid out as print is (justified, hyphenated, with running headers)."""

import io
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from articles.ingest import extract
from articles.ingest.reflow import reflow
from tests.articles.conftest import make_laid_out_pdf

# --- Properties ---------------------------------------------------------------------------------

WORDS = st.text(
    alphabet=st.characters(categories=["L", "N", "P"], exclude_characters="-\u00ad"),
    min_size=1,
    max_size=8,
)
HYPHENATED = st.builds(lambda head, tail: f"{head}-{tail}", WORDS, WORDS)
LINES = st.lists(
    st.one_of(
        st.just(""),
        st.lists(st.one_of(WORDS, HYPHENATED, WORDS.map(lambda w: w + "-")), max_size=8).map(
            lambda words: "  ".join(words)
        ),
    ),
    max_size=12,
)
PAGES = st.lists(LINES.map("\n".join), min_size=1, max_size=4)


def _squashed(text: str) -> str:
    """The text's characters without any space, line break or hyphen: what no reflow may
    change."""
    return re.sub(r"[\s\-\u2010\u00ad]", "", text)


@settings(max_examples=300, deadline=None)
@given(PAGES)
def test_reflow_is_idempotent(pages):
    once = reflow(pages).text
    assert reflow([once]).text == once


@settings(max_examples=300, deadline=None)
@given(PAGES)
def test_reflow_never_drops_a_word_other_than_running_headers_and_footers(pages):
    result = reflow(pages)
    remaining = _squashed("\n".join(pages))
    for line in result.dropped:  # each dropped line was a whole line of some page
        assert _squashed(line) in remaining
        remaining = remaining.replace(_squashed(line), "", 1)
    assert sorted(_squashed(result.text)) == sorted(remaining)


@settings(max_examples=200, deadline=None)
@given(st.lists(LINES.map("\n".join), min_size=1, max_size=1))
def test_one_page_loses_nothing(pages):
    assert _squashed(reflow(pages).text) == _squashed(pages[0])


@settings(max_examples=200, deadline=None)
@given(PAGES)
def test_paragraphs_are_single_lines_separated_by_one_blank_line(pages):
    text = reflow(pages).text
    assert "\n\n\n" not in text
    assert all(paragraph and "\n" not in paragraph for paragraph in text.split("\n\n") if text)
    assert "  " not in text
    assert text == text.strip()


# --- Examples -----------------------------------------------------------------------------------


def test_lines_of_a_paragraph_are_joined_and_a_gap_separates_paragraphs():
    page = "The convoy crossed\nthe river at night.\n\nObservers   arrived\n   at dawn."
    assert reflow([page]).text == (
        "The convoy crossed the river at night.\n\nObservers arrived at dawn."
    )


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        # The joined word occurs elsewhere in the text.
        ("the intelli-\ngence was good. Such intelligence", "the intelligence was good."),
        # Parts that are not words of their own: hyphenation.
        ("an unprece-\ndented move", "an unprecedented move"),
        # A capital after the hyphen: a real hyphen.
        ("the North-\nKorean troops", "the North-Korean troops"),
        # Two words of the text joined by a hyphen: a compound.
        ("a well-\nknown fact, well known and well", "a well-known fact"),
        # The hyphenated form occurs elsewhere in the text.
        ("a cease-\nfire; the cease-fire held", "a cease-fire;"),
        # A soft hyphen is always hyphenation.
        ("the assess\u00ad\nment", "the assessment"),
        # A digit after the hyphen: "COVID-19".
        ("COVID-\n19 cases", "COVID-19 cases"),
    ],
)
def test_hyphenation_at_a_line_end_is_undone_only_inside_a_word(lines, joined):
    assert reflow([lines]).text.startswith(joined)


def test_running_headers_footers_and_page_numbers_are_dropped():
    body = ["The convoy crossed.", "Observers arrived.", "The bridge fell."]
    pages = [
        f"The Daily Example\nWorld news\n{text}\n\nPage {n} of 3"
        for n, text in enumerate(body, start=1)
    ]
    result = reflow(pages)
    assert result.text == "\n\n".join(body)
    assert result.dropped.count("The Daily Example") == 3
    assert "Page 2 of 3" in result.dropped


def test_a_bare_page_number_is_dropped_even_where_it_does_not_repeat():
    pages = ["First page text.", "2\nSecond page text.", "Third page text.\n3"]
    assert reflow(pages).text == "First page text.\n\nSecond page text.\n\nThird page text."


def test_a_single_page_keeps_a_number_on_its_own_line():
    assert reflow(["12\n\nDivisions moved."]).text == "12\n\nDivisions moved."


def test_pages_of_nothing_but_a_repeated_line_are_kept():
    assert reflow(["A line of text."] * 3).text == "\n\n".join(["A line of text."] * 3)


def test_a_paragraph_cut_by_a_page_break_goes_on_on_the_next_page():
    pages = [
        "Header\nThe convoy crossed the\nHeader line two",
        "Header\nriver at night.\nHeader line two",
        "Header\nThe count was\nHeader line two",
        "Header\nForty trucks.\nHeader line two",
    ]
    assert reflow(pages).text == (
        # Lower case goes on; so does a page that ends in the middle of a sentence.
        "The convoy crossed the river at night.\n\nThe count was Forty trucks."
    )


# --- Real PDFs ----------------------------------------------------------------------------------

PARAGRAPHS = [
    f"Report {n}: observers say the troops arrived in the occupied territories during the last "
    "week of October, according to several officials who spoke on condition of anonymity about "
    "the intelligence assessments. North-Korean units were seen near the border, and a "
    f"well-known analyst called the deployment unprecedented in {n} ways."
    for n in ("one", "two", "three", "four", "five", "six")
]
CUTS = {
    "intelligence": "intelli-gence",
    "assessments.": "assess-ments.",
    "unprecedented": "unprece-dented",
    "occupied": "occu-pied",
    "territories": "terri-tories",
    "North-Korean": "North-Korean",
    "well-known": "well-known",
}


#: Line widths (mm) that cut different words at line ends: "assess-ments." (73), "unprece-
#: dented" and a cut across a page break (94), "North-Korean", "well-known", "occu-pied" (97).
WIDTHS = [73, 94, 97]


@pytest.fixture(params=WIDTHS)
def printed_pdf(request) -> bytes:
    return make_laid_out_pdf(
        PARAGRAPHS,
        header="The Daily Example - World news",
        page_numbers=True,
        hyphenate=CUTS,
        lines_per_page=10,
        width=request.param,
    )


def test_a_printed_pdf_becomes_its_paragraphs(printed_pdf):
    text = extract(filename="printed.pdf", data=printed_pdf).text
    assert text == "\n\n".join(PARAGRAPHS)


def test_the_pdf_was_laid_out_as_print_is(printed_pdf):
    """The example is a real test: without the reflow, its text has what the reflow removes."""

    raw = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(printed_pdf)).pages)
    assert raw.count("The Daily Example") > 2
    assert "Page 3" in raw
    assert re.search(r"\w-\n\w", raw)  # a word cut at a line's end
    assert raw.count("\n") > 20


def test_justification_spaces_in_a_pdf_become_one_space():
    data = make_laid_out_pdf(PARAGRAPHS[:2], justify_with_spaces=True, width=73)

    assert "  " in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert extract(filename="spaced.pdf", data=data).text == "\n\n".join(PARAGRAPHS[:2])


def test_a_pdf_of_one_long_paragraph_keeps_it_whole():
    vocabulary = "convoy river bridge night observers count trucks border report officials"
    shuffle = random.Random(13).choice
    words = " ".join(shuffle(vocabulary.split()) for _ in range(400)) + "."
    assert extract(filename="long.pdf", data=make_laid_out_pdf([words])).text == words
