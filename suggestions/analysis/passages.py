"""Claim suggestions: the sentences or clauses of an article that carry a checkable statement."""

import bisect
import datetime
import re

from suggestions.analysis.measures import read_sentences
from suggestions.analysis.records import Measure, Passage
from suggestions.analysis.sentences import clause_spans

#: A passage scoring below this is not suggested.
MINIMUM_SCORE = 0.4
_SPACES = re.compile(r"\s+")
_EDGE_QUOTES = "\"“”‘’'"


def _statement(quote: str, attribution: str) -> str:
    statement = _SPACES.sub(" ", quote).strip().strip(_EDGE_QUOTES).strip()
    if attribution and attribution not in quote:
        statement = f"According to {attribution}: {statement}"
    if statement and statement[-1] not in ".!?":
        statement += "."
    return statement


def _score(measures: tuple[Measure, ...], attribution: str, hedged: bool) -> float:
    """0.3 for a sentence, more for a figure that can be paired, a named speaker, a hedge."""
    score = 0.3
    if any(measure.key for measure in measures):
        score += 0.3
    elif measures:
        score += 0.15
    if attribution:
        score += 0.25
    elif hedged:
        score += 0.1
    return round(min(score, 1.0), 3)


def find_passages(text: str, *, published: datetime.date | None = None) -> list[Passage]:
    """The passages of `text` worth recording as claims, in the order of the text."""
    passages: list[Passage] = []
    last_named = ""
    for (start, end), measures, attributions in read_sentences(text, published):
        named = next((a.name for a in attributions if a.name), "")
        hedged = any(a.hedged for a in attributions)
        if named.lower() in ("he", "she", "they"):
            named = last_named
        elif named:
            last_named = named
        if not measures and not named and not hedged:
            continue
        # The measures are in order of their starts: each clause's are looked up, not searched
        # for among all the sentence's (quadratic in a sentence of many clauses and figures).
        measure_starts = [measure.start for measure in measures]
        attribution_starts = sorted(attribution.start for attribution in attributions)
        for clause_start, clause_end in clause_spans(text, start, end):
            first = bisect.bisect_left(measure_starts, clause_start)
            last = bisect.bisect_right(measure_starts, clause_end, first)
            inside = tuple(measure for measure in measures[first:last] if measure.end <= clause_end)
            if not inside and (clause_start, clause_end) != (start, end):
                attributed = bisect.bisect_left(attribution_starts, clause_start)
                has_attribution = (
                    attributed < len(attribution_starts)
                    and attribution_starts[attributed] < clause_end
                )
                if not has_attribution:
                    continue
            score = _score(inside, named, hedged)
            if score < MINIMUM_SCORE:
                continue
            quote = text[clause_start:clause_end]
            passages.append(
                Passage(
                    start=clause_start,
                    end=clause_end,
                    quote=quote,
                    statement=_statement(quote, named),
                    measures=inside,
                    attribution=named,
                    score=score,
                )
            )
    return passages
