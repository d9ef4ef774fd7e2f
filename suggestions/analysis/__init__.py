"""PLACEHOLDER of the analysis engine (branch i14engine owns this package): figures such as
"8,000 troops" and "up to 60,000 troops", enough to build the product against the contract.
Replaced wholesale when i14engine is merged."""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

ANALYZER_VERSION = "placeholder-0"

_QUALIFIERS = ("about", "at least", "up to", "more than", "less than", "some")
_FIGURE = re.compile(
    r"(?:(?P<qualifier>about|at least|up to|more than|less than|some) )?"
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+) (?P<subject>[a-z]+)"
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


@dataclass(frozen=True)
class Measure:
    kind: str
    subject: str
    key: str
    low: float | None
    high: float | None
    qualifier: str
    unit: str
    period: str
    currency: str
    start: int
    end: int
    text: str

    def describe(self) -> str:
        figure = f"{self.low:,.0f}"
        return " ".join(part for part in (self.qualifier, figure, self.subject) if part)


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    quote: str
    statement: str
    measures: tuple[Measure, ...]
    attribution: str
    score: float


@dataclass(frozen=True)
class Verdict:
    kind: str
    reason: str
    score: float


def measures_in(
    text: str, *, published: datetime.date | None = None, offset: int = 0
) -> list[Measure]:
    found = []
    for match in _FIGURE.finditer(text):
        value = float(match["number"].replace(",", ""))
        qualifier = match["qualifier"] or ""
        low, high = value, value
        found.append(
            Measure(
                kind="quantity",
                subject=match["subject"],
                key=f"quantity|{match['subject']}",
                low=low,
                high=high,
                qualifier=qualifier,
                unit="people",
                period="",
                currency="",
                start=offset + match.start(),
                end=offset + match.end(),
                text=match.group(0),
            )
        )
    return found


def find_passages(text: str, *, published: datetime.date | None = None) -> list[Passage]:
    passages = []
    for match in _SENTENCE.finditer(text):
        quote = match.group(0).strip()
        if not quote:
            continue
        start = match.start() + match.group(0).index(quote)
        measures = tuple(measures_in(quote, published=published, offset=start))
        if measures:
            attribution = ""
            said = re.search(r"[Aa]ccording to ([A-Z][\w ]+?)[,.]", quote)
            if said:
                attribution = said.group(1)
            passages.append(
                Passage(
                    start=start,
                    end=start + len(quote),
                    quote=quote,
                    statement=measures[0].describe(),
                    measures=measures,
                    attribution=attribution,
                    score=0.5,
                )
            )
    return passages


def compare(a: Measure, b: Measure) -> Verdict | None:
    if a.key != b.key:
        return None
    if a.low <= b.high and b.low <= a.high:
        return Verdict("corroboration", f"{a.describe()} and {b.describe()}", 0.5)
    return Verdict("contradiction", f"{a.describe()} vs {b.describe()}", 0.8)


def match_source(name: str, candidates: Iterable[tuple[int, str]]) -> tuple[int, float] | None:
    wanted = name.strip().lower()
    if not wanted:
        return None
    for source_id, candidate in candidates:
        if candidate.strip().lower() == wanted:
            return source_id, 1.0
    return None
