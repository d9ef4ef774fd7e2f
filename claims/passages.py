"""A quote in its context: the sentence before it and the sentence after it.

Reviewers judge a claim by what surrounds it. Lists do not load whole articles: the selectors
fetch a window of text each side of every quote (`CONTEXT_WINDOW` code points) and
`passage_from_windows` trims each window to sentence boundaries. The claim page, which has the
whole text anyway, uses `passage_in_text`; both give the same result when the sentences fit.
"""

import re
from dataclasses import dataclass

from articles.ingest.sentence_ends import CLOSERS, SENTENCE_TERMINALS, UNSPACED_TERMINALS

#: Code points of text fetched each side of a quote: room for two long sentences.
CONTEXT_WINDOW = 600

# Where one sentence ends and the next begins: terminal punctuation (with any closing quote or
# bracket) followed by white space, or by nothing where Chinese and Japanese write no space,
# or a line break (headings and paragraphs end sentences too).
SENTENCE_BREAK = re.compile(
    f"(?<=[{re.escape(SENTENCE_TERMINALS)}])[{re.escape(CLOSERS)}]*\\s+"
    f"|(?<=[{re.escape(UNSPACED_TERMINALS)}])[{re.escape(CLOSERS)}]*(?=\\S)"
    "|\\s*\\n\\s*"
)


@dataclass(frozen=True)
class Passage:
    """The quote with the sentence before and after it. `clipped_before`/`clipped_after` say
    that the context was cut mid-sentence (a very long sentence), so the page shows an ellipsis."""

    before: str
    quote: str
    after: str
    clipped_before: bool = False
    clipped_after: bool = False


def _breaks(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in SENTENCE_BREAK.finditer(text)]


def passage_from_windows(
    *, before: str, quote: str, after: str, starts_text: bool, ends_text: bool
) -> Passage:
    """Trim `before` and `after` (the text each side of `quote`) to the sentence that precedes
    the quote's own sentence and the one that follows it.

    `starts_text`/`ends_text` say whether the windows reach the start/end of the article; when
    they do not and no sentence boundary was found, the context is marked as clipped.
    """
    joined = before + quote + after
    quote_start, quote_end = len(before), len(before) + len(quote)
    breaks = _breaks(joined)

    starts_before = [end for _, end in breaks if end <= quote_start]
    # The quote's own sentence starts at the last break before it; the one before that, earlier.
    cut_before = starts_before[-2] if len(starts_before) >= 2 else 0
    clipped_before = len(starts_before) < 2 and not starts_text

    ends_after = [start for start, _ in breaks if start >= quote_end]
    cut_after = ends_after[1] if len(ends_after) >= 2 else len(joined)
    clipped_after = len(ends_after) < 2 and not ends_text

    return Passage(
        before=joined[cut_before:quote_start].lstrip(),
        quote=quote,
        after=joined[quote_end:cut_after].rstrip(),
        clipped_before=clipped_before,
        clipped_after=clipped_after,
    )


def passage_in_text(text: str, start: int, end: int) -> Passage:
    """The passage around `text[start:end]` (offsets in code points)."""
    window_start = max(0, start - CONTEXT_WINDOW)
    after = text[end : end + CONTEXT_WINDOW]
    return passage_from_windows(
        before=text[window_start:start],
        quote=text[start:end],
        after=after,
        starts_text=window_start == 0,
        ends_text=end + CONTEXT_WINDOW >= len(text),
    )


def passage_from_annotations(claim, *, prefix: str = "context", annotated=None) -> Passage:
    """The passage of `claim` from the window annotations `<prefix>_before`/`<prefix>_after`
    of `claims.selectors.with_context_windows`, read from `annotated` (the row that carries
    them: the claim itself, or the link whose claims were annotated)."""
    annotated = claim if annotated is None else annotated
    before = getattr(annotated, f"{prefix}_before") or ""
    after = getattr(annotated, f"{prefix}_after") or ""
    return passage_from_windows(
        before=before,
        quote=claim.quote,
        # The window asks for one code point more than it keeps, to learn whether text goes on.
        after=after[:CONTEXT_WINDOW],
        starts_text=claim.start <= CONTEXT_WINDOW,
        ends_text=len(after) <= CONTEXT_WINDOW,
    )
