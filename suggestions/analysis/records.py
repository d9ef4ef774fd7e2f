"""The values the analysis hands out: measures, passages and verdicts (docs/briefs contract)."""

import datetime
from dataclasses import dataclass

from suggestions.analysis.lexicon import PARTY_ADJECTIVES
from suggestions.analysis.numbers import ABOUT, ABOUT_WIDTH, NEARLY

#: Measures whose key is empty are shown but never paired (no subject, or a figure that is
#: only meaningful inside its own article, such as a total "during that timeframe").
UNPAIRED = ""


def _figure(value: float) -> str:
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale and (value / scale) * 100 == int((value / scale) * 100):
            return f"{_figure(value / scale)} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def written_range(measure: "Measure") -> tuple[float, float] | None:
    """The range as written ("about 11,000-12,000" → 11,000, 12,000), qualifier undone."""
    if measure.value is None or measure.low is None or measure.high is None:
        return None
    high = measure.high
    if measure.qualifier == ABOUT:
        high = round(high / (1 + ABOUT_WIDTH), 6)
    elif measure.qualifier not in ("", NEARLY):
        return None
    return measure.value, high


@dataclass(frozen=True)
class Measure:
    """One checkable figure or date in a text, normalized."""

    kind: str  # "quantity" | "date"
    subject: str  # what is counted ("troops", "casualties") or which event ("incursion start")
    key: str  # measures with equal non-empty keys are comparable
    low: float | None  # quantities: lower bound; dates: ordinal of the first day
    high: float | None  # upper bound (== low for a point value; None = open-ended)
    qualifier: str  # "" | "about" | "nearly" | "at least" | "up to" | "more than" | "less than"
    unit: str  # "people", "EUR", "%", "day", "month" (dates: their precision) …
    period: str  # rate period: "" | "day" | "week" | "month" | "year"
    currency: str  # ISO 4217 code or ""
    start: int  # code-point offsets into the text passed in
    end: int
    text: str  # the text[start:end] it was read from
    party: str = ""  # whose figure: "North Korea", "Russia" … or "" when the text does not say
    value: float | None = None  # the figure as written (quantities), before the qualifier
    place: str = ""  # where it is counted: "Kursk", or "" when its sentence names no place

    def describe(self) -> str:
        """The measure as an analyst would write it: "up to 60,000 troops", "August 2024"."""
        if self.kind == "date":
            return self._describe_date()
        if self.kind == "role":
            whose = PARTY_ADJECTIVES.get(self.party, self.party)
            return f"{self.qualifier} role of {whose} {self.subject}".replace("  ", " ")
        written = written_range(self)
        if written and written[0] != written[1]:
            figure = f"{_figure(written[0])}–{_figure(written[1])}"
        elif self.value is not None and self.low != self.high and self.qualifier:
            figure = _figure(self.value)
        elif self.low is not None and self.high is not None and self.low != self.high:
            figure = f"{_figure(self.low)}–{_figure(self.high)}"
        elif self.value is not None:
            figure = _figure(self.value)
        else:
            figure = _figure(self.low if self.low is not None else 0)
        if self.unit == "%":
            figure += "%"
        elif self.currency:
            figure = f"{self.currency} {figure}"
        words = [self.qualifier, figure]
        if self.party and self.subject:
            words.append(PARTY_ADJECTIVES.get(self.party, self.party))
        if self.subject and self.subject != "duration":
            words.append(self.subject)
        elif self.unit not in ("%", "people", "") and not self.currency:
            words.append(self.unit + ("s" if self.unit.isalpha() else ""))
        if self.period:
            words.append(f"a {self.period}")
        return " ".join(word for word in words if word)

    def _describe_date(self) -> str:
        if self.low is None:
            return self.text
        first = datetime.date.fromordinal(int(self.low))
        last = datetime.date.fromordinal(int(self.high if self.high is not None else self.low))
        year = "" if self.qualifier == "year not given" else f" {first.year}"
        if self.unit == "day":
            label = f"{first.day} {first:%B}{year}"
        elif self.unit == "month":
            label = f"{first:%B}{year}"
        elif self.unit == "part of month":
            part = {1: "early ", 11: "mid-"}.get(first.day, "late ")
            label = f"{part}{first:%B}{year}"
        elif self.unit == "season":
            season = {3: "spring", 6: "summer", 9: "autumn"}.get(first.month, "season")
            label = f"{season}{year}"
        elif self.unit == "year" and first.year == last.year:
            label = f"{first.year}"
        else:
            label = f"{first.year}–{last.year}" if self.unit == "year" else f"{first}–{last}"
        return f"{self.subject}: {label}" if self.subject else label


@dataclass(frozen=True)
class Passage:
    """A claim suggestion: a sentence or clause carrying a checkable statement."""

    start: int
    end: int
    quote: str
    statement: str
    measures: tuple[Measure, ...]
    attribution: str
    score: float


@dataclass(frozen=True)
class Verdict:
    """What two comparable measures say about each other."""

    kind: str  # "contradiction" | "corroboration"
    reason: str
    score: float
