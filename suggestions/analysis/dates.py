"""Dates and periods in running text, resolved against the article's publication date.

Hand-written rules rather than dateparser: dateparser reads a date you already isolated, it does
not find dates in running text with their offsets (its `search_dates` is slow and guesses at
bare numbers), and the phrasings news reports use are few ("back in July", "in August 2024",
"on October 18", "mid-October", "since 2022", "(1950-53)").

A date whose year the text does not give ("back in July") takes its year from the publication
date; without one it keeps month and day only: its ordinals are those of year 1 and its
qualifier is "year not given", and comparisons then look at month and day alone.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from suggestions.analysis.numbers import COUNTED_AFTER

YEAR_NOT_GIVEN = "year not given"
#: The year a date given without one is stored in when no publication date places it: a leap
#: year, so that "29 February" is kept (yearless dates are compared by month and day alone).
NO_YEAR = 4

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
_MONTH = (
    r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?=\s*\d))"
)
_PREP = (
    r"(?i:(?:back|earlier|later|as early as|as late as|until|since)\s+)?"
    r"(?i:in|on|since|by|until|till|from|during|through|throughout|before|after|of|last|this|"
    r"next)\s+"
)
_PART = r"(?:(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of)[-\s]+)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_NOT_NUMBER = r"(?![\w%]|[,.]\d|\s*(?:per ?cent|percent)\b)"

#: Every pattern starts at a word start: the lookbehind lets the engine skip the middle of
#: words at once (twice as fast on long articles).
_START = r"(?<![\w-])"
_PATTERNS = [
    re.compile(
        rf"{_START}(?:{_PREP})?{_PART}?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?{_NOT_NUMBER}(?!:)"
    ),
    re.compile(
        rf"{_START}(?:{_PREP})?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"
        rf"{_NOT_NUMBER}"
    ),
    re.compile(rf"{_START}(?:{_PREP})?{_PART}?{_MONTH},?\s+{_YEAR}{_NOT_NUMBER}"),
    re.compile(rf"{_START}(?P<prep>{_PREP})?{_PART}?{_MONTH}(?!\s*\d)"),
    re.compile(rf"{_START}(?:{_PREP})?{_YEAR}\s*[-–/]\s*(?P<year2>(?:1[89]|20)?\d\d){_NOT_NUMBER}"),
    re.compile(
        rf"{_START}(?:{_PREP}(?:the\s+)?)?(?:{_PART})?(?<![\w$€£-]){_YEAR}{_NOT_NUMBER}(?!-)"
    ),
]
#: Seasons (northern hemisphere) as their months; winter spans two years and is left out.
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_SEASON = re.compile(
    rf"{_START}(?:(?P<prep>{_PREP})(?:the\s+)?)?(?P<season>(?i:spring|summer|autumn|fall))\b"
    rf"(?:\s+(?:of\s+)?{_YEAR}{_NOT_NUMBER})?"
)
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_RELATIVE = re.compile(
    r"\b(?P<word>(?i:yesterday|today))\b"
    r"|\b(?P<which>last|this|next|past)\s+(?P<unit>week|month|year)\b"
    r"|\b(?:on|last|this past)\s+"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


@dataclass(frozen=True)
class DateSpan:
    """A date or period read from the text: first and last day as ordinals."""

    start: int
    end: int
    low: int
    high: int
    unit: str  # "day" | "part of month" | "month" | "year" | "week"
    year_given: bool


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


#: Words before a month that place it before the article ("since January", "back in May",
#: "last June"), or after it ("next March").
_PAST = re.compile(r"\b(?:since|back|earlier|last|as early as)\b", re.IGNORECASE)
_FUTURE = re.compile(r"\bnext\b", re.IGNORECASE)


def _resolve_year(month: int, published: datetime.date | None, prep: str | None = "") -> int | None:
    if published is None:
        return None
    if _PAST.search(prep or ""):  # the latest such month up to the article's
        return published.year - (month > published.month)
    if _FUTURE.search(prep or ""):  # the first such month after it
        return published.year + (month <= published.month)
    # Otherwise the latest one not more than a month ahead: written in December, "on
    # 5 January" is the coming one.
    if (month - published.month) % 12 <= 1:
        return published.year + (month < published.month)
    return published.year - (month > published.month)


def _month_span(year: int, month: int, part: str | None) -> tuple[int, int, str]:
    first, last = 1, _last_day(year, month)
    unit = "month"
    if part:
        unit = "part of month"
        if part in ("early", "the beginning of", "the start of"):
            last = 10
        elif part in ("mid", "the middle of"):
            first, last = 11, 20
        else:
            first = 21
    low = datetime.date(year, month, first).toordinal()
    return low, datetime.date(year, month, last).toordinal(), unit


def _season(match: re.Match[str], published: datetime.date | None) -> DateSpan | None:
    season = match.group("season").lower()
    if season in ("spring", "fall") and not (match.group("prep") or match.group("year")):
        return None  # "spring" and "fall" alone are too often verbs or nouns
    first, last = SEASONS[season]
    year = int(match.group("year")) if match.group("year") else None
    given = year is not None or published is not None
    if year is None:
        year = _resolve_year(first, published, match.group("prep")) or NO_YEAR
    low = datetime.date(year, first, 1).toordinal()
    high = datetime.date(year, last, _last_day(year, last)).toordinal()
    return DateSpan(match.start(), match.end(), low, high, "season", given)


def _from_match(match: re.Match[str], published: datetime.date | None) -> DateSpan | None:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if groups.get("year2"):
        second = groups["year2"]
        last_year = int(second) if len(second) == 4 else int(str(year)[:2] + second)
        if not year or last_year <= year or last_year - year > 100:
            return None
        low = datetime.date(year, 1, 1).toordinal()
        high = datetime.date(last_year, 12, 31).toordinal()
        return DateSpan(match.start(), match.end(), low, high, "year", True)
    if not groups.get("month"):
        if year is None:
            return None
        bare = match.group().strip() == groups["year"]
        if bare and COUNTED_AFTER.match(match.string, match.end()):
            return None  # "2000 troops" is a count, not a year
        low, high = datetime.date(year, 1, 1).toordinal(), datetime.date(year, 12, 31).toordinal()
        return DateSpan(match.start(), match.end(), low, high, "year", True)
    month = MONTHS[groups["month"].lower().rstrip(".")]
    if "prep" in groups and not (groups["prep"] or groups["part"]):
        return None  # a bare month name ("May", "March") is too often a verb or a name
    given = year is not None
    if year is None:
        year = _resolve_year(month, published, groups.get("prep"))
    if year is None:
        year = NO_YEAR
    if groups.get("day"):
        day = int(groups["day"])
        if (month, day) == (2, 29) and not given:
            year -= year % 4  # the latest 29 February: a leap year's
            while not calendar.isleap(year):
                year -= 4
        if not 1 <= day <= _last_day(year, month):
            return None
        ordinal = datetime.date(year, month, day).toordinal()
        return DateSpan(
            match.start(), match.end(), ordinal, ordinal, "day", given or bool(published)
        )
    low, high, unit = _month_span(year, month, groups.get("part"))
    return DateSpan(match.start(), match.end(), low, high, unit, given or bool(published))


def _relative(match: re.Match[str], published: datetime.date) -> DateSpan | None:
    if match.group("word"):
        yesterday = match.group("word").lower() == "yesterday"
        day = published - datetime.timedelta(days=1 if yesterday else 0)
        return DateSpan(match.start(), match.end(), day.toordinal(), day.toordinal(), "day", True)
    if match.group("weekday"):
        back = (published.weekday() - _WEEKDAYS[match.group("weekday").lower()]) % 7 or 7
        day = published - datetime.timedelta(days=back)
        return DateSpan(match.start(), match.end(), day.toordinal(), day.toordinal(), "day", True)
    shift = {"last": -1, "past": -1, "this": 0, "next": 1}[match.group("which")]
    unit = match.group("unit")
    if unit == "year":
        year = published.year + shift
        low, high = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    elif unit == "month":
        index = published.year * 12 + published.month - 1 + shift
        year, month = divmod(index, 12)
        low = datetime.date(year, month + 1, 1)
        high = datetime.date(year, month + 1, _last_day(year, month + 1))
    else:
        low = (
            published
            - datetime.timedelta(days=published.weekday())
            + datetime.timedelta(weeks=shift)
        )
        high = low + datetime.timedelta(days=6)
    return DateSpan(match.start(), match.end(), low.toordinal(), high.toordinal(), unit, True)


def dates_in(text: str, published: datetime.date | None = None) -> list[DateSpan]:
    """Every date or period in `text`, non-overlapping, in order of position."""
    readings = [(pattern, _from_match) for pattern in _PATTERNS] + [(_SEASON, _season)]
    if published is not None:
        readings.append((_RELATIVE, _relative))
    candidates: list[DateSpan] = []
    for pattern, read in readings:
        for match in pattern.finditer(text):
            try:
                span = read(match, published)
            except (ValueError, OverflowError):
                # A date past either end of the calendar ("next year" in an article dated
                # 9999, "yesterday" in one dated 1 January of year 1) is no date to compare.
                continue
            if span:
                candidates.append(span)
    candidates.sort(key=lambda span: (span.start, -(span.end - span.start)))
    chosen: list[DateSpan] = []
    for span in candidates:
        if chosen and span.start < chosen[-1].end:
            continue
        chosen.append(span)
    return chosen


def same_days(low: int, high: int, year_given: bool) -> tuple[int, int] | None:
    """(first, last) day of the year as month*100+day, for comparing with a yearless date."""
    first, last = datetime.date.fromordinal(low), datetime.date.fromordinal(high)
    if year_given and (last - first).days >= 364:
        return None
    if first.year != last.year:
        return None
    return first.month * 100 + first.day, last.month * 100 + last.day
