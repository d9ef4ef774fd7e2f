"""The place a figure is counted in ("2,000 troops in Kursk"): counts of two different places
are not one fact, so they are never compared (audit R10).

A small pattern over the sentence, nothing more (no gazetteer, no model): a capitalized name
after in / at / near / from / outside / around that is not a month, a day or a party. A party
("in Russia", "from North Korea") is read as whose figure it is (`lexicon.PARTIES`), and two
parties are already kept apart; a name the pattern misses leaves the figure without a place,
compared as before.
"""

import bisect
import re

from suggestions.analysis import lexicon
from suggestions.analysis.dates import MONTHS

_PLACE = re.compile(
    r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Ff]rom|[Oo]utside|[Aa]round|[Ii]nside)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})"
)
#: What follows a place's own name without changing the place: "Kursk Oblast" is "Kursk".
_GENERIC = re.compile(
    r"(?:['’]s|\s+(?:Oblast|Region|Province|Governorate|District|City|Krai|Republic|County))+$"
)
_NOT_PLACES = frozenset(
    [name.title() for name in MONTHS]
    + ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    + ["The", "This", "That", "These", "Those", "Its", "Their", "His", "Her", "Our", "Some"]
    + ["Spring", "Summer", "Autumn", "Winter", "Total", "All", "Least", "Most", "Around", "About"]
)

#: A word that makes a name an organisation's, not a place's ("analysts at the Harwell
#: Institute"): where a speaker works is not where a figure is counted.
# fmt: off
_ORGANISATIONS = frozenset([
    "Institute", "University", "Ministry", "Agency", "Office", "Council", "Committee", "Center",
    "Centre", "Foundation", "Department", "Service", "Bureau", "Commission", "Times", "Post",
    "Journal", "News", "Press", "School", "Academy", "Group", "Company", "Corporation", "Bank",
    "Fund", "Organisation", "Organization", "Embassy", "Parliament", "Congress", "Senate", "Court",
    "Army", "Navy", "Forces", "Command", "Headquarters", "Observatory", "Monitor", "Project",
    "Initiative",
])
# fmt: on


def _place(name: str) -> str:
    """The place a matched name stands for, or "" when it names no place."""
    name = _GENERIC.sub("", name)
    words = name.split(" ")
    if (
        not name
        or words[0] in _NOT_PLACES
        or _ORGANISATIONS.intersection(words)
        or lexicon.party_of(words[0])
        or lexicon.party_of(name)
    ):
        return ""
    return name


class Places:
    """The places one sentence names, in order, found once and looked up by position."""

    def __init__(self, text: str, start: int, end: int):
        found = []
        for match in _PLACE.finditer(text, start, end):
            place = _place(match.group("name"))
            if place:
                found.append((match.start(), match.end(), place))
        self._starts = [start for start, _end, _place in found]
        self._ends = [end for _start, end, _place in found]
        self._names = [place for _start, _end, place in found]

    def near(self, at: int, begins: int, stop: int) -> str:
        """The place of a figure at `at` in the stretch [begins, stop): the first named after
        it, else the last named before it."""
        after = bisect.bisect_left(self._starts, at)
        if after < len(self._starts) and self._starts[after] < stop:
            return self._names[after]
        before = bisect.bisect_right(self._ends, at)
        if before and self._starts[before - 1] >= begins:
            return self._names[before - 1]
        return ""
