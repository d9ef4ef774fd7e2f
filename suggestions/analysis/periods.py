"""The period of a rate ("a day", "per month", "every week", "daily losses of"): what makes
figures counted over different stretches incomparable."""

import re

from suggestions.analysis.numbers import Figure

_PERIOD_AFTER = re.compile(
    r"(?i)\b(?:a|an|per|every|each)\s+(?P<unit>day|week|month|year)\b"
    r"|\b(?P<adverb>daily|weekly|monthly|annually|yearly)\b|\bper annum\b"
)
_PERIOD_BEFORE = re.compile(r"(?i)\b(?P<adverb>daily|weekly|monthly|annual|yearly)\s+\w+\s+of\s+$")
_ADVERB_PERIOD = {
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "annually": "year",
    "annual": "year",
    "yearly": "year",
}


def rate_period(text: str, figure: Figure, start: int, end: int, noun_end: int) -> str:
    """The period of a rate: "a day", "per month", "every week", "daily losses of"."""
    if figure.kind not in ("count", "money", "percent"):
        return ""
    rate = _PERIOD_AFTER.search(text, noun_end, min(end, noun_end + 70))
    if rate:
        adverb = (rate.group("adverb") or "").lower()
        return rate.group("unit") or _ADVERB_PERIOD.get(adverb, "year")
    rate = _PERIOD_BEFORE.search(text, max(start, start + figure.start - 40), start + figure.start)
    return _ADVERB_PERIOD[rate.group("adverb").lower()] if rate else ""
