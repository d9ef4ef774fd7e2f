"""The highlighter keeps the text exactly and shows every claim, overlapping or nested."""

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from claims.highlight import (
    Span,
    highlight,
    highlight_paragraphs,
    paragraphs,
    paragraphs_touching,
    segments,
)

TAG = re.compile(r"<[^>]+>")


def spans_for(length: int):
    pair = st.tuples(st.integers(0, max(0, length - 1)), st.integers(1, max(1, length)))
    return st.lists(pair.filter(lambda p: p[0] < p[1] <= length), max_size=12).map(
        lambda pairs: [Span(n + 1, start, end, "draft") for n, (start, end) in enumerate(pairs)]
    )


texts = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=80)
#: Texts with many line breaks (single, double, triple), emoji and astral characters.
paragraphed = (
    st.lists(
        st.one_of(
            st.sampled_from(["\n", "\n\n", "\n\n\n", " ", "🚛", "🇺🇦", "𝒳", "e\u0301"]),
            st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
        ),
        min_size=1,
        max_size=30,
    )
    .map("".join)
    .filter(bool)
)
PARAGRAPH = re.compile(
    r'<p data-paragraph="(\d+)" data-start="(\d+)" data-end="(\d+)" dir="auto">(.*?)</p>', re.S
)


@given(data=st.data(), text=texts)
def test_rendered_text_content_is_the_article_text(data, text):
    spans = data.draw(spans_for(len(text)))

    rendered = str(highlight(text, spans))

    assert html.unescape(TAG.sub("", rendered)) == text


@given(data=st.data(), text=paragraphed)
def test_paragraphs_keep_the_text_and_their_offsets_exact(data, text):
    spans = data.draw(spans_for(len(text)))

    rendered = str(highlight(text, spans))

    assert html.unescape(TAG.sub("", rendered)) == text
    found = PARAGRAPH.findall(rendered)
    assert [(int(i), int(a), int(b)) for i, a, b, _ in found] == [
        (p.index, p.start, p.end) for p in paragraphs(text)
    ]
    for _, start, end, inner in found:
        content = html.unescape(TAG.sub("", inner))
        assert content == text[int(start) : int(end)]
        assert content and "\n\n" not in content
    # Outside the paragraphs there are only the blank lines between them.
    between = html.unescape(TAG.sub("", PARAGRAPH.sub("", rendered)))
    assert set(between) <= {"\n"}


@given(data=st.data(), text=paragraphed)
def test_a_patched_paragraph_is_the_same_as_in_the_whole_text(data, text):
    spans = data.draw(spans_for(len(text)))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))

    touched = paragraphs_touching(text, [(start, end)])
    # Only the claims overlapping the touched paragraphs are needed to draw them.
    nearby = [s for s in spans if any(s.start < p.end and p.start < s.end for p in touched)]

    patched = highlight_paragraphs(text, nearby, touched)

    whole = str(highlight(text, spans))
    for index, paragraph in patched.items():
        assert f'<p data-paragraph="{index}"' in paragraph
        assert str(paragraph) in whole
    assert set(patched) == {p.index for p in paragraphs(text) if start <= p.end and p.start <= end}


def test_marks_never_cross_a_paragraph():
    text = "First paragraph ends.\n\nSecond begins here."

    rendered = str(highlight(text, [Span(1, 6, 30)]))

    assert rendered.count('data-claims="1"') == 2
    assert (
        '<mark class="hl depth-1" data-claims="1" aria-description="claim 1">'
        "paragraph ends.</mark></p>"
    ) in rendered
    assert '<p data-paragraph="1" data-start="23" data-end="42" dir="auto"><mark' in rendered


@given(data=st.data(), text=texts)
def test_every_segment_lists_exactly_the_claims_covering_it(data, text):
    spans = data.draw(spans_for(len(text)))

    pieces = segments(len(text), spans)

    assert [(p.start, p.end) for p in pieces] == list(
        zip([p.start for p in pieces], [p.start for p in pieces[1:]] + [len(text)], strict=True)
    )
    for piece in pieces:
        expected = {s.claim_id for s in spans if s.start <= piece.start and piece.end <= s.end}
        assert {s.claim_id for s in piece.spans} == expected


def test_nested_claims_both_stay_visible():
    text = "The ministry said 4,000 troops crossed."
    outer = Span(1, 4, 38, "approved")
    inner = Span(2, 18, 30, "draft", contradicted=True)

    rendered = str(highlight(text, [outer, inner]))

    assert (
        '<mark class="hl depth-1 st-approved" data-claims="1"'
        ' aria-description="claim 1, approved">ministry said </mark>'
    ) in rendered
    assert (
        '<mark class="hl depth-2 st-draft contra" data-claims="1 2"'
        ' aria-description="claim 2, draft">4,000 troops</mark>'
    ) in rendered
    assert rendered.endswith(
        '<mark class="hl depth-1 st-approved" data-claims="1"> crossed</mark>.</p>'
    )


def test_only_the_first_mark_of_a_claim_names_it_for_screen_readers():
    text = "Troops crossed.\n\nThey stayed. Others left."
    rendered = str(highlight(text, [Span(7, 0, 29, "submitted"), Span(8, 17, 24, "draft")]))

    # Claim 7 runs across two paragraphs and under claim 8: named once, where it starts.
    assert rendered.count('aria-description="claim 7, submitted"') == 1
    assert rendered.count("aria-description=") == 2
    assert 'aria-description="claim 8, draft">They st' in rendered


def test_markup_in_the_text_is_escaped():
    rendered = str(highlight("<b>bold</b> & <script>x</script>", [Span(1, 0, 11)]))

    assert "<b>" not in rendered and "<script>" not in rendered
    assert "&lt;b&gt;bold&lt;/b&gt;" in rendered
