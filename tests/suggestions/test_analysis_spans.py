"""Every span the analysis hands out is an exact code-point slice of the text it was given, and
no text makes it raise (suggestions/analysis: sentences, measures, passages)."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from suggestions.analysis import find_passages, measures_in
from suggestions.analysis.sentences import clause_spans, sentence_spans

#: Emoji, combining marks, astral characters and quotes before the figures move every offset
#: that a UTF-16 or byte count would get wrong.
PREFIXES = st.lists(
    st.sampled_from(["👩‍👩‍👧", "🇺🇦", "e\u0301", "\U0001d400", "“", "”", " ", "\n", "ß", "a"]),
    max_size=8,
).map("".join)
PIECES = st.sampled_from(
    [
        "According to Mr. Blinken, Russia will send up to 60,000 troops.",
        "Officials estimate some 4,500 soldiers arrived back in July.",
        "“It is over,” said Ms. Chevreuil.",
        "That casualty figure reached as high as 40,000 in October 2024.",
        "North Korean troops are providing logistical support.",
        "After 400 days of the siege, 250,000 dead or injured.",
        "€1,500 per worker per month; tens of thousands of recruits.",
        "The 11th Airborne moved on 18 October.",
    ]
)
SENTENCES = st.lists(st.tuples(PREFIXES, PIECES), max_size=6).map(
    lambda parts: " ".join(prefix + piece for prefix, piece in parts)
)
ANY_TEXT = st.text(max_size=400)


def assert_exact_slices(text: str, published=None) -> None:
    for start, end in sentence_spans(text):
        assert 0 <= start < end <= len(text)
        for clause_start, clause_end in clause_spans(text, start, end):
            assert start <= clause_start < clause_end <= end
    for measure in measures_in(text, published=published):
        assert text[measure.start : measure.end] == measure.text
    for passage in find_passages(text, published=published):
        assert text[passage.start : passage.end] == passage.quote
        assert passage.quote.strip() == passage.quote
        assert 0 <= passage.score <= 1
        for measure in passage.measures:
            assert passage.start <= measure.start < measure.end <= passage.end
            assert text[measure.start : measure.end] == measure.text


@settings(max_examples=150, deadline=None)
@given(SENTENCES, st.none() | st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31)))
def test_spans_are_exact_slices_after_emoji_and_combining_marks(text, published):
    assert_exact_slices(text, published)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_arbitrary_text_never_raises_and_spans_stay_exact(text):
    assert_exact_slices(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="0123456789,.-–% $€£kKm toandbetweenorso", max_size=60))
def test_number_soup_never_raises(text):
    assert_exact_slices(text, datetime.date(2024, 11, 2))


@settings(max_examples=60, deadline=None)
@given(PREFIXES, PIECES, st.integers(min_value=0, max_value=5000))
def test_measures_of_a_quote_shift_by_the_offset(prefix, piece, offset):
    text = prefix + piece
    plain = measures_in(text)
    shifted = measures_in(text, offset=offset)
    assert [(m.start + offset, m.end + offset) for m in plain] == [
        (m.start, m.end) for m in shifted
    ]


def test_an_emoji_before_a_figure_keeps_code_point_offsets():
    text = "👩‍👩‍👧 🇺🇦 Officials say up to 60,000 troops."
    (measure,) = measures_in(text)
    assert measure.start == text.index("up to")
    assert measure.text == "up to 60,000"
