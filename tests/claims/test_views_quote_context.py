"""A quote in its context: the sentence before and the sentence after, from the whole text or
from the windows the list pages fetch, with the same result."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims import selectors
from claims.models import Claim
from claims.passages import (
    CONTEXT_WINDOW,
    passage_from_annotations,
    passage_from_windows,
    passage_in_text,
)
from tests.factories import ArticleFactory, ClaimFactory

TEXT = (
    "Dispatch from the valley.\n\n"
    "Officials said on Tuesday that 40 convoys had crossed. Witnesses disputed the figure. "
    "A spokesperson added that observers would arrive soon. The plan was provisional.\n\n"
    "Residents heard engines until dawn."
)


def _span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


def test_passage_is_the_sentence_before_the_quote_sentence_and_the_one_after():
    passage = passage_in_text(TEXT, *_span("observers would arrive"))

    assert passage.before == "Witnesses disputed the figure. A spokesperson added that "
    assert passage.quote == "observers would arrive"
    assert passage.after == " soon. The plan was provisional."
    assert not passage.clipped_before and not passage.clipped_after


def test_quote_that_is_a_whole_sentence_gets_one_sentence_each_side():
    passage = passage_in_text(TEXT, *_span("Witnesses disputed the figure."))

    assert passage.before == "Officials said on Tuesday that 40 convoys had crossed. "
    assert passage.after == " A spokesperson added that observers would arrive soon."


@pytest.mark.parametrize(
    ("text", "quote", "before", "after"),
    [
        # Chinese and Japanese write no space after a full stop.
        (
            "第一句话。第二句话说了很多。引用部分在这里。第四句话。第五句。",
            "引用部分",
            "第二句话说了很多。",
            "在这里。第四句话。",
        ),
        (
            "東京で会議が開かれた。「参加者は百人を超えた。」政府は発表した。最後。",
            "政府",
            "「参加者は百人を超えた。」",
            "は発表した。最後。",
        ),
        # Hindi ends a sentence with the danda, Arabic a question with ؟.
        (
            "पहला वाक्य। दूसरा वाक्य। तीसरा वाक्य यहाँ। चौथा वाक्य। पाँचवाँ।",
            "तीसरा",
            "दूसरा वाक्य। ",
            " वाक्य यहाँ। चौथा वाक्य।",
        ),
        (
            "جملة أولى؟ جملة ثانية؟ الجملة الثالثة هنا. رابعة. خامسة.",
            "الجملة",
            "جملة ثانية؟ ",
            " الثالثة هنا. رابعة.",
        ),
    ],
)
def test_sentences_of_other_scripts_end_where_their_writers_end_them(text, quote, before, after):
    start = text.index(quote)

    passage = passage_in_text(text, start, start + len(quote))

    assert (passage.before, passage.after) == (before, after)


def test_paragraph_breaks_end_sentences():
    passage = passage_in_text(TEXT, *_span("engines"))

    assert passage.before == "The plan was provisional.\n\nResidents heard "
    assert passage.after == " until dawn."


def test_quote_at_the_start_of_the_text_has_no_context_before():
    passage = passage_in_text(TEXT, 0, 8)

    assert passage.before == ""
    assert (
        passage.after
        == " from the valley.\n\nOfficials said on Tuesday that 40 convoys had crossed."
    )
    assert not passage.clipped_before


def test_a_sentence_longer_than_the_window_is_marked_as_clipped():
    text = "word " * 400 + "QUOTE" + " more" * 400
    start = text.index("QUOTE")

    passage = passage_in_text(text, start, start + 5)

    assert passage.clipped_before and passage.clipped_after
    assert len(passage.before) <= CONTEXT_WINDOW


@given(
    text=st.text(alphabet=st.sampled_from("ab .!?\n😀é"), min_size=1, max_size=1600),
    data=st.data(),
)
def test_passage_is_always_the_quote_with_adjacent_text(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))

    passage = passage_in_text(text, start, end)

    assert passage.quote == text[start:end]
    assert text[:start].endswith(passage.before)
    assert text[end:].startswith(passage.after)


@pytest.mark.django_db
def test_windows_fetched_by_the_database_give_the_same_passage_as_the_whole_text(analyst):
    article = ArticleFactory(text=TEXT * 8, uploaded_by=analyst)
    spans = [
        (30, 45),
        (len(TEXT) * 4 + 100, len(TEXT) * 4 + 120),
        (len(TEXT) * 8 - 10, len(TEXT) * 8),
    ]
    claims = [
        ClaimFactory(article=article, start=start, end=end, created_by=analyst)
        for start, end in spans
    ]

    annotated = selectors.with_context_windows(
        Claim.objects.filter(pk__in=[c.pk for c in claims]).order_by("start")
    )

    for claim in annotated:
        assert passage_from_annotations(claim) == passage_in_text(
            article.text, claim.start, claim.end
        )


def test_windows_that_reach_both_ends_of_the_text_are_not_clipped():
    passage = passage_from_windows(
        before="no break here ", quote="quote", after=" none here", starts_text=True, ends_text=True
    )

    assert passage.before == "no break here "
    assert passage.after == " none here"
    assert not passage.clipped_before and not passage.clipped_after
