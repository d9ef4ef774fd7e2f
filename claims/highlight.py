"""Render an article's text with its claims highlighted, exactly as stored.

The text is cut at every claim boundary; each piece is wrapped in a `<mark>` naming the claims
that cover it, so overlapping and nested claims all stay visible. Each paragraph (text between
blank lines) is a `<p data-paragraph="i">`, so screen readers and the keyboard can move through
them and the script can replace one paragraph after a change; the blank lines between them stay
in the markup, in a hidden `<span class="para-break">`. The rendered text content is therefore
the article text itself, character for character, which is what lets the browser turn a
selection back into offsets.
"""

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Span:
    """The part of a claim the highlighter needs."""

    claim_id: int
    start: int
    end: int
    status: str = ""
    contradicted: bool = False


@dataclass(frozen=True)
class Paragraph:
    """`text[start:end]` is paragraph `index`; the blank lines after it belong to none."""

    index: int
    start: int
    end: int


#: Blank lines separate paragraphs; a single line break stays inside its paragraph.
PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of `text`, in order; the breaks between them belong to none."""
    result, start = [], 0
    for match in [*PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        if end > start:
            result.append(Paragraph(len(result), start, end))
        if match:
            start = match.end()
    return result


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    spans: tuple[Span, ...]


def segments(length: int, spans: Iterable[Span]) -> list[Segment]:
    """Cut `[0, length)` at every span boundary; each segment lists the spans covering it.

    Segments are contiguous and cover the whole range, so their texts joined give the text back.
    """
    spans = [span for span in spans if 0 <= span.start < span.end <= length]
    cuts = sorted({0, length, *(s.start for s in spans), *(s.end for s in spans)})
    starting: dict[int, list[Span]] = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)
    open_spans: list[Span] = []
    result = []
    for left, right in pairwise(cuts):
        open_spans = [span for span in open_spans if span.end > left]
        open_spans.extend(starting.get(left, []))
        covering = tuple(sorted(open_spans, key=lambda s: (s.start, -s.end, s.claim_id)))
        result.append(Segment(left, right, covering))
    return result


def _mark(text: str, segment: Segment) -> str:
    if not segment.spans:
        return escape(text)
    # Colour by the innermost claim (the last to start); a contradiction anywhere shows.
    innermost = max(segment.spans, key=lambda span: (span.start, -span.end))
    classes = f"hl depth-{min(len(segment.spans), 3)}"
    if innermost.status:
        classes += f" st-{escape(innermost.status)}"
    if any(span.contradicted for span in segment.spans):
        classes += " contra"
    claims = " ".join(str(int(span.claim_id)) for span in segment.spans)
    described = _description(segment)
    return f'<mark class="{classes}" data-claims="{claims}"{described}>{escape(text)}</mark>'


def _description(segment: Segment) -> str:
    """` aria-description="claim 41, draft"` on the first mark of each claim starting in
    `segment`, for screen readers (colours and underlines tell the eye). An attribute, never
    text: the text content must stay the article's, character for character."""
    starting = [
        f"claim {int(span.claim_id)}, {span.status}"
        if span.status
        else f"claim {int(span.claim_id)}"
        for span in segment.spans
        if span.start == segment.start
    ]
    return f' aria-description="{escape("; ".join(starting))}"' if starting else ""


def _paragraph(text: str, paragraph: Paragraph, pieces: list[Segment], starts: list[int]):
    """`<p>` for `paragraph`, its segments clipped to it (a claim may run across paragraphs)."""
    first = max(0, bisect.bisect_right(starts, paragraph.start) - 1)
    marks = []
    for segment in pieces[first:]:
        if segment.start >= paragraph.end:
            break
        left, right = max(segment.start, paragraph.start), min(segment.end, paragraph.end)
        marks.append(_mark(text[left:right], Segment(left, right, segment.spans)))
    return SafeString(
        f'<p data-paragraph="{paragraph.index}" data-start="{paragraph.start}" '
        f'data-end="{paragraph.end}" dir="auto">{"".join(marks)}</p>'
    )


def _break(text: str) -> str:
    return f'<span class="para-break" aria-hidden="true">{escape(text)}</span>'


def highlight(text: str, spans: Sequence[Span]) -> SafeString:
    """The text as escaped HTML: a `<p>` per paragraph, a `<mark>` around every claimed passage.
    Written with the standard library's `html.escape` (what Django's `escape` calls) and plain
    strings: Django's `format_html` per piece took a third of the reading view of 500 claims."""
    pieces = segments(len(text), spans)
    starts = [segment.start for segment in pieces]
    parts, position = [], 0
    for paragraph in paragraphs(text):
        if paragraph.start > position:
            parts.append(_break(text[position : paragraph.start]))
        parts.append(_paragraph(text, paragraph, pieces, starts))
        position = paragraph.end
    if position < len(text):
        parts.append(_break(text[position:]))
    return SafeString("".join(parts))


def paragraphs_touching(text: str, ranges: Iterable[tuple[int, int]]) -> list[Paragraph]:
    """The paragraphs of `text` touching one of the code-point `ranges` (ends included)."""
    ranges = list(ranges)
    return [
        paragraph
        for paragraph in paragraphs(text)
        if any(start <= paragraph.end and paragraph.start <= end for start, end in ranges)
    ]


def highlight_paragraphs(
    text: str, spans: Sequence[Span], touched: Sequence[Paragraph]
) -> dict[int, SafeString]:
    """The `<p>` of each paragraph in `touched`, by paragraph index: what the page replaces
    after a change to claims within them. `spans` needs only the claims overlapping them."""
    if not touched:
        return {}
    pieces = segments(len(text), spans)
    starts = [segment.start for segment in pieces]
    return {p.index: _paragraph(text, p, pieces, starts) for p in touched}
