"""What a figure written in running text is worth: a numeral with its scale ("1.5 million",
"20 000"), number words ("twelve thousand", through text2num), a fraction of a scale ("half a
million", "a dozen"), and the first figure of a range that takes the second's scale
("10-15,000"). `numbers` finds the figures; this reads them. None for what is worth no count.
"""

import re

from text_to_num import text2num

#: No count, sum or share is larger: a longer run of digits is a code or noise, and one past
#: a float's range reads as infinity, which neither JSON nor `describe` can hold.
LARGEST = 1e15
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}
_FRACTION_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1e6, "billion": 1e9}

_A_ONE = re.compile(r"^a\s+")
_AND = re.compile(r"\s+and\s+")


def numeral_value(match: re.Match[str]) -> float | None:
    digits = match.group("num").replace(",", "").replace(" ", "").replace("\u00a0", "")
    digits = digits.replace("\u202f", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    scale = match.group("scale")
    if scale:
        if scale == "m" and not match.group("cur"):
            return None
        value *= _SCALES[scale.lower()]
    return value if value < LARGEST else None


def words_value(words: str) -> float | None:
    phrase = _A_ONE.sub("one ", words.lower().strip())
    phrase = _AND.sub(" ", phrase).replace("-", " ")
    try:
        value = float(text2num(phrase, "en"))
    except ValueError:
        return None
    return value if value < LARGEST else None


def fractional_value(match: re.Match[str]) -> float:
    """ "half a million" 500,000, "two and a half thousand" 2,500, "a dozen" 12."""
    if match.group("dozens"):
        count = match.group("dozens").lower()
        number = 1.0 if count in ("a", "an") else (words_value(count) or float(count))
        return number * 12
    scale = _FRACTION_SCALES[match.group("fscale").lower()]
    whole = (match.group("whole") or "").lower()
    if not whole:
        return 0.5 * scale
    number = (
        1.0 if whole in ("a", "an") else (float(whole) if whole.isdigit() else words_value(whole))
    )
    return ((number or 0.0) + 0.5) * scale


_BARE_NUMERAL = re.compile(r"(?:US\$|[$€£¥₽₴₩])?\s?\d+(?:\.\d+)?")
_SCALE_WRITTEN = re.compile(
    r"\d(?P<groups>(?:,000)+)|\d\s?(?P<scale>hundred|thousand|million|billion|trillion|mln|mn|bn|tn"
    r"|[kK]|m)$"
)


def carried_scale(first: str, second: str, low: float, high: float) -> float:
    """The first figure of "10-15,000", "2 to 3 million": written bare, it takes the scale of
    the second (10,000, 2 million) when that keeps it below the second."""
    if not _BARE_NUMERAL.fullmatch(first):
        return low
    written = _SCALE_WRITTEN.search(second)
    if not written:
        return low
    if written.group("groups"):
        factor = 1000 ** written.group("groups").count(",")
    else:
        factor = _SCALES[written.group("scale").lower()]
    return low * factor if low * factor < high else low
