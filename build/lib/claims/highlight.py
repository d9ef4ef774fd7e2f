"""Render an article's text with its claims highlighted, exactly as stored.

The text is cut at every claim boundary; each piece is wrapped in a `<mark>` naming the claims
that cover it, so overlapping and nested claims all stay visible. The rendered text content is
the article text itself, character for character, which is what lets the browser turn a
selection back into offsets.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from django.utils.html import format_html, format_html_join
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


def _mark(text: str, segment: Segment) -> SafeString:
    if not segment.spans:
        return format_html("{}", text)
    # Colour by the innermost claim (the last to start); a contradiction anywhere shows.
    innermost = max(segment.spans, key=lambda span: (span.start, -span.end))
    classes = ["hl", f"depth-{min(len(segment.spans), 3)}"]
    if innermost.status:
        classes.append(f"st-{innermost.status}")
    if any(span.contradicted for span in segment.spans):
        classes.append("contra")
    return format_html(
        '<mark class="{}" data-claims="{}">{}</mark>',
        " ".join(classes),
        " ".join(str(span.claim_id) for span in segment.spans),
        text,
    )


def highlight(text: str, spans: Sequence[Span]) -> SafeString:
    """The text as escaped HTML with `<mark>` elements around every claimed passage."""
    return format_html_join(
        "", "{}", ((_mark(text[seg.start : seg.end], seg),) for seg in segments(len(text), spans))
    )
