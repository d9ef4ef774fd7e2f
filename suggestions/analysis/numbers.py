"""Figures in running text: value or range, qualifier, unit, currency — not yet what is counted.

Figures are found here and valued in `figure_values`; number words ("twelve thousand") go
through text2num, a maintained, offline library (a compiled wheel, no data files), which
refuses malformed runs. quantulum3 was
not used: it classifies units with a trained model we do not need, knows no qualifiers
("up to", "or so") and does not tell counts from years, ages or unit designations, which is
most of the work here.

Not figures: years (dates.py reads them), ordinals ("the 11th Airborne"), ages, phone numbers,
clock times, designations ("T-90", "MGM-140", "Unit 731") and calibres ("170mm").
"""

import re
from dataclasses import dataclass

from suggestions.analysis import lexicon
from suggestions.analysis.figure_values import (
    LARGEST,
    carried_scale,
    fractional_value,
    numeral_value,
    words_value,
)
from suggestions.analysis.overlaps import Spans

ABOUT = "about"
NEARLY = "nearly"
UP_TO = "up to"
AT_LEAST = "at least"
MORE_THAN = "more than"
LESS_THAN = "less than"
#: How far "about" widens a figure either way (and "nearly" below it).
ABOUT_WIDTH = 0.15

_QUALIFIERS = {
    ABOUT: "about|around|approximately|approx\\.|roughly|some|an estimated|estimated|circa|c\\."
    "|close to|in the region of|on the order of|averag(?:es|ed|ing)|an average of|average of",
    NEARLY: "nearly|almost|just under|just shy of|not quite",
    UP_TO: "up to|as many as|as much as|as high as|at most|no more than|a maximum of|maximum of",
    AT_LEAST: "at least|no fewer than|no less than|a minimum of|minimum of",
    MORE_THAN: "more than|over|upwards of|in excess of|just over|well over|above|exceeding",
    LESS_THAN: "less than|fewer than|under|below|well under|not even",
}
_QUALIFIER_BEFORE = re.compile(
    r"(?i)(?<![\w-])(?:"
    + "|".join(f"(?P<{name.replace(' ', '_')}>{words})" for name, words in _QUALIFIERS.items())
    + r")\s+(?:the\s+)?$"
)
_QUALIFIER_AFTER = re.compile(
    r"(?i)\s*(?:(?P<about>or so|or thereabouts|-odd|odd\b)|(?P<at_least>or more\b)"
    r"|(?P<more_than>\+(?!\s*\d)|-plus\b|plus\b(?!\s+\d))|(?P<up_to>or (?:fewer|less)\b))"
)

_CURRENCY_SIGNS = {
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "₴": "UAH",
    "₩": "KRW",
}
_CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "rubles": "RUB",
    "roubles": "RUB",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "yuan": "CNY",
    "won": "KRW",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "rub": "RUB",
    "uah": "UAH",
}
_DURATIONS = {
    "second": "second",
    "minute": "minute",
    "hour": "hour",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "decade": "decade",
    "centurie": "century",
    "century": "century",
}
_DISTANCES = {
    "km": "km",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "miles": "mile",
    "mile": "mile",
    "metres": "m",
    "meters": "m",
    "square kilometres": "km²",
    "square kilometers": "km²",
    "sq km": "km²",
    "square miles": "mile²",
    "tonnes": "t",
    "tons": "t",
    "kg": "kg",
}

_NUMERAL = (
    r"(?:(?P<cur>US\$|[$€£¥₽₴₩])\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:,\s000)+(?![\d,])"
    r"|[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>hundred|thousand|million|billion|trillion|mln|mn|bn|tn|[kK]|m(?!\w)))?"
    r"(?![\w])"
)
_ONES = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    "|fifteen|sixteen|seventeen|eighteen|nineteen"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUMBER_WORD = rf"(?:{_ONES}|{_TENS}|hundred|thousand|million|billion)"
_WORDS = (
    rf"(?P<words>(?:\ba\s+(?=(?:hundred|thousand|million|billion)\b))?"
    rf"\b{_NUMBER_WORD}(?:(?:\s+and\s+|[\s-]+){_NUMBER_WORD})*\b)"
)
_VAGUE = {
    "tens of thousands": (10_000, 100_000),
    "hundreds of thousands": (100_000, 1_000_000),
    "tens of millions": (10_000_000, 100_000_000),
    "hundreds of millions": (1e8, 1e9),
    "several thousand": (3_000, 9_000),
    "a few thousand": (2_000, 5_000),
    "some thousands": (1_000, 10_000),
    "thousands": (1_000, 10_000),
    "several hundred": (300, 900),
    "a couple of hundred": (200, 300),
    "a couple hundred": (200, 300),
    "a couple of thousand": (2_000, 3_000),
    "a couple thousand": (2_000, 3_000),
    "a few hundred": (200, 500),
    "hundreds": (100, 1_000),
    "dozens": (24, 100),
    "several dozen": (36, 108),
    "millions": (1e6, 1e7),
    "several million": (3e6, 9e6),
}
_VAGUE_PATTERN = (
    r"(?P<vague>(?i:"
    + "|".join(re.escape(phrase) for phrase in sorted(_VAGUE, key=len, reverse=True))
    + r"))\b"
)
#: "half a million", "two and a half million", "1.5 dozen" is not read; "a dozen", "two dozen".
_FRACTIONAL = (
    rf"(?P<fractional>(?i:(?:(?P<whole>\d+|{_ONES}|{_TENS}|an?)\s+and\s+a\s+half|half\s+an?|a\s+half)"
    r"\s+(?P<fscale>dozen|hundred|thousand|million|billion)"
    rf"|(?P<dozens>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d)\s+dozen)\b)"
)
_FIGURE = re.compile(rf"(?<![\w.,])(?:{_FRACTIONAL}|{_NUMERAL}|(?i:{_WORDS})|{_VAGUE_PATTERN})")
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|and|or)\s*")
_NOT_BEFORE = re.compile(
    r"(?:[A-Za-z]-?|[#№/\\]|\d[.:]|\b(?:No|no|Nos|Unit|Brigade|Division|Regiment|Battalion|"
    r"Corps|Squadron|Flight|Route|Highway|Resolution|Article|Section|Chapter|Type|Model|Mk|"
    r"Block|page|Block|Level|Phase|Stage|Gen|room|Room|Apartment|Suite)\s?)$"
)
_NOT_AFTER = re.compile(
    r"(?i)(?:st|nd|rd|th)\b|[-\s]years?[-\s]old\b|-month-old|\s?(?:mm|cm|calibre|caliber)\b"
    r"|:\d|\s?(?:a\.m\.|p\.m\.|am|pm)\b|[./]\d|-(?!(?:strong|plus|odd)\b)[A-Za-z]"
)
_AGE_BEFORE = re.compile(r"(?i)\b(?:aged|age|ages)\s+$")
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,5}(?!\d)")
_PERCENT_AFTER = re.compile(r"(?i)\s?(?:%|per ?cent\b|percent\b|percentage points?\b)")
_CURRENCY_AFTER = re.compile(
    r"(?i)\s+(?P<code>"
    + "|".join(sorted((re.escape(word) for word in _CURRENCY_WORDS), key=len, reverse=True))
    + r")\b"
)
_UNIT_AFTER = re.compile(
    r"(?i)(?:\s+|-)(?P<unit>"
    + "|".join(sorted((re.escape(word) for word in _DISTANCES), key=len, reverse=True))
    + r"|(?P<duration>second|minute|hour|day|week|month|year|decade|centur(?:y|ie))s?)\b"
)
#: What a small number word must be followed by to be read as a figure.
COUNTED_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:"
    + lexicon.SUBJECT_PATTERN.pattern
    + r"|(?:[A-Z]\w+ )?[A-Z]\w+(?:ans|ese|ns|is)\b|men\b|people\b)",
    re.IGNORECASE,
)
_DATE_PREPOSITION = re.compile(
    r"(?i)\b(?:in|since|by|until|till|from|during|of|before|after|early|mid|late|the)[\s-]+$"
)
_SMALL_WORDS = frozenset(
    [
        "a",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "zero",
        "ten",
        "eleven",
        "twelve",
    ]
)


@dataclass(frozen=True)
class Figure:
    """A figure read from text: bounds after the qualifier, and what kind of figure it is."""

    start: int
    end: int
    value: float  # the figure as written (the lower end of a written range)
    low: float | None
    high: float | None
    qualifier: str
    unit: str  # "" (a count), "%", a currency code, a duration unit or a distance unit
    currency: str
    kind: str  # "count" | "percent" | "money" | "duration" | "distance"
    vague: bool = False


_FOUR_DIGITS = re.compile(r"\d{4}")
_RANGE_OPENER = re.compile(r"(?i)\b(between|from)\s+(?:[$€£]\s?)?$")
_OF_AFTER = re.compile(r"\s+of\b")
#: The two terms of a ratio ("one in five", "1 in 5 soldiers", "two out of every three"): a
#: share of a group, not a count of it, so neither term is read as a figure. Not "12 in 24
#: hours" (a rate) nor "5,000 in 2023" (a date).
_RATIO_TERM = (
    r"(?:\d{1,3}(?:,\d{3})*(?![\d,])|zero|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|hundred|thousand)"
)
_RATIO_AFTER = re.compile(
    rf"(?i)\s+(?:in|out\s+of)\s+(?:every\s+)?{_RATIO_TERM}\b"
    r"(?!\s+(?:second|minute|hour|day|week|month|year)s?\b)"
)
_RATIO_BEFORE = re.compile(rf"(?i)\b{_RATIO_TERM}\s+(?:in|out\s+of)\s+(?:every\s+)?$")


def _raw_figures(
    text: str, masked: list[tuple[int, int]]
) -> list[tuple[int, int, float, float, str]]:
    """(start, end, value, high of a vague amount or 0, note) of every figure not masked.

    The note is the currency code of a sign before the figure, "small" for a small number word
    ("two", "a") that needs a counted noun after it to be a figure, or "".
    """
    found = []
    # Asked of every figure: each figure against each date and phone number is quadratic.
    hidden = Spans(masked)
    for match in _FIGURE.finditer(text):
        start, end = match.span()
        if hidden.overlaps(start, end):
            continue
        currency = ""
        if match.group("vague"):
            low, high = _VAGUE[match.group("vague").lower()]
            found.append((start, end, float(low), float(high), ""))
            continue
        if match.group("fractional"):
            value = fractional_value(match)
            if value < LARGEST:
                found.append((start, end, value, 0.0, ""))
            continue
        if match.group("words"):
            words = match.group("words")
            value = words_value(words)
            if value is None:
                continue
            found.append((start, end, value, 0.0, "small" if words.lower() in _SMALL_WORDS else ""))
            continue
        value = numeral_value(match)
        if value is None:
            continue
        before = text[max(0, start - 12) : start]
        if _NOT_BEFORE.search(before) or _AGE_BEFORE.search(before):
            continue
        if _NOT_AFTER.match(text, end):
            continue
        digits = match.group("num")
        plain = (
            not match.group("scale") and not match.group("cur") and _FOUR_DIGITS.fullmatch(digits)
        )
        if plain and 1800 <= int(digits) <= 2100 and not _PERCENT_AFTER.match(text, end):
            after_preposition = _DATE_PREPOSITION.search(before)
            if after_preposition or not COUNTED_AFTER.match(text, end):
                continue  # a year ("in 2022"): dates.py reads it; "2000 troops" is a count
        if match.group("cur"):
            currency = _CURRENCY_SIGNS[match.group("cur")]
        found.append((start, end, value, 0.0, currency))
    return found


def _qualifier(match: re.Match[str] | None) -> str:
    """The normalized qualifier a qualifier pattern matched ("as many as" → "up to")."""
    if not match:
        return ""
    for name, value in match.groupdict().items():
        if value:
            return name.replace("_", " ")
    return ""


def _bounds(qualifier: str, low: float, high: float) -> tuple[float | None, float | None]:
    if qualifier == ABOUT:
        return low * (1 - ABOUT_WIDTH), high * (1 + ABOUT_WIDTH)
    if qualifier == NEARLY:
        return low * (1 - ABOUT_WIDTH), high
    if qualifier in (UP_TO, LESS_THAN):
        return 0.0, high
    if qualifier in (AT_LEAST, MORE_THAN):
        return low, None
    return low, high


def figures_in(text: str, masked: list[tuple[int, int]] = ()) -> list[Figure]:
    """Every figure in `text` outside the `masked` spans (dates), ranges joined."""
    masked = list(masked) + [match.span() for match in _PHONE.finditer(text)]
    raw = _raw_figures(text, masked)
    figures: list[Figure] = []
    index = 0
    while index < len(raw):
        start, end, low, vague_high, note = raw[index]
        vague = vague_high > 0
        high = vague_high if vague else low
        currency = note if note not in ("", "small") else ""
        # A range: "15,000 to 18,000", "4-5", "between 15,000 and 18,000", "16 or 17".
        if index + 1 < len(raw) and not vague:
            next_start, next_end, next_low, next_vague, next_note = raw[index + 1]
            join = _RANGE_JOIN.fullmatch(text, end, next_start)
            opener = _RANGE_OPENER.search(text[max(0, start - 9) : start])
            word = join.group().strip() if join else ""
            scale_of_next = next_low / low if low else 0
            if (
                join
                and not next_vague
                and next_low > low
                and (word != "and" or opener)
                and (word != "or" or scale_of_next <= 2)
            ):
                # "15 to 18,000" means 15,000: the second figure's scale carries over.
                low = carried_scale(text[start:end], text[next_start:next_end], low, next_low)
                end, high = next_end, next_low
                currency = currency or (next_note if next_note != "small" else "")
                index += 1
                if opener:
                    start -= len(opener.group())
        index += 1
        if _RATIO_AFTER.match(text, end) or _RATIO_BEFORE.search(text[max(0, start - 25) : start]):
            continue
        counted = COUNTED_AFTER.match(text, end) and not _OF_AFTER.match(text, end)
        if note == "small" and not _UNIT_AFTER.match(text, end) and not counted:
            continue  # "one of the first", "the two services": a word, not a figure
        before = text[max(0, start - 30) : start]
        qualifier_match = _QUALIFIER_BEFORE.search(before)
        qualifier = _qualifier(qualifier_match)
        if qualifier_match:
            start -= len(qualifier_match.group())
        after = _QUALIFIER_AFTER.match(text, end)
        if after and not qualifier:
            qualifier = _qualifier(after)
            end = after.end()
        kind, unit = "count", ""
        percent = _PERCENT_AFTER.match(text, end)
        money = _CURRENCY_AFTER.match(text, end)
        measure_unit = _UNIT_AFTER.match(text, end)
        if percent:
            kind, unit = "percent", "%"
            end = percent.end()
        elif currency or money:
            kind = "money"
            if money:
                currency = _CURRENCY_WORDS[money.group("code").lower()]
                end = money.end()
            unit = currency
        elif measure_unit:
            word = measure_unit.group("unit").lower()
            if measure_unit.group("duration"):
                kind, unit = "duration", _DURATIONS[measure_unit.group("duration").lower()]
            else:
                kind, unit = "distance", _DISTANCES[word]
            end = measure_unit.end()
        bound_low, bound_high = _bounds(qualifier, low, high)
        figures.append(
            Figure(start, end, low, bound_low, bound_high, qualifier, unit, currency, kind, vague)
        )
    return figures
