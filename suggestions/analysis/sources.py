"""Matching an attribution as written ("Mr. Blinken") to the source registry, fuzzily."""

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, utils

#: Below this a name is not taken for a source.
THRESHOLD = 0.8
_HONORIFICS = re.compile(
    r"(?i)^(?:the|mr|mrs|ms|dr|prof|gen|general|lt|col|sgt|adm|president|minister|secretary)"
    r"\.?\s+"
)


def _clean(name: str) -> str:
    previous = None
    name = name.strip()
    while previous != name:
        previous, name = name, _HONORIFICS.sub("", name)
    return utils.default_process(name)


def match_source(name: str, candidates: Iterable[tuple[int, str]]) -> tuple[int, float] | None:
    """The best (source id, score 0..1) for `name` among (id, name or alias), or None."""
    wanted = _clean(name)
    if not wanted:
        return None
    best: tuple[int, float] | None = None
    for source_id, candidate in candidates:
        cleaned = _clean(candidate)
        if not cleaned:
            continue
        score = (
            max(
                fuzz.ratio(wanted, cleaned),
                fuzz.token_sort_ratio(wanted, cleaned),
                # "Blinken" for "Antony Blinken": every word of the shorter name in the longer one
                fuzz.token_set_ratio(wanted, cleaned) * (0.95 if len(wanted.split()) == 1 else 1),
            )
            / 100
        )
        if best is None or score > best[1]:
            best = (source_id, round(score, 3))
    if best is None or best[1] < THRESHOLD:
        return None
    return best
