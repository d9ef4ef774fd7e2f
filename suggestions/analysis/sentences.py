"""Sentence and clause splitting that keeps exact code-point offsets into the text."""

import re

#: Words that end with a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "adm",
        "gov",
        "sen",
        "rep",
        "pres",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "approx",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "rev",
        "hon",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
    ]
)

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n")
_NEXT_STARTS = re.compile(r"\s*[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ]")
_CLAUSE_BREAK = re.compile(
    r";\s+|\s+[–—]\s+|:\s+(?=[\"“A-Z])|\.{2,}\s*|…\s*"
    r"|,\s+(?=(?:and|but|while|whereas|although|though|which|so)\s)"
)
#: A passage longer than this is cut into clauses when it has clause breaks.
LONG_SENTENCE = 260


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


_LAST_WORD = re.compile(r"([A-Za-z.]+)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    word = _LAST_WORD.search(text[max(0, dot - 12) : dot])
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    return token in ABBREVIATIONS or len(token) == 1


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed; newlines always end a sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group() != "\n":
            if text[match.start()] == "." and _is_abbreviation(text, match.start()):
                continue
            if not _NEXT_STARTS.match(text, end):
                continue
        span = _trimmed(text, start, end)
        if span:
            spans.append(span)
        start = end
    span = _trimmed(text, start, len(text))
    if span:
        spans.append(span)
    return spans


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A long sentence cut at semicolons, dashes and colons; a short one whole."""
    if end - start <= LONG_SENTENCE:
        return [(start, end)]
    spans = []
    cursor = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        span = _trimmed(text, cursor, match.start())
        if span:
            spans.append(span)
        cursor = match.end()
    span = _trimmed(text, cursor, end)
    if span:
        spans.append(span)
    return spans
