"""What the figures and dates of one sentence ask of the whole of it, each found once
(`SentenceFacts`): the parties it names, the clause ends, "that figure", "the number of …",
the window words ("since", "so far"), the events its dates are the dates of, what its sums are
for. Asked anew for every figure, each of these scans of the sentence made reading it quadratic
in its figures: a pasted "$1 $1 $1 …" of 10 KB without a full stop took a minute. Each is now
read once and looked up by position (`bisect`)."""

import bisect
import hashlib
import re
from collections.abc import Sequence
from functools import cached_property

from suggestions.analysis import lexicon
from suggestions.analysis.attribution import Attribution
from suggestions.analysis.dates import DateSpan
from suggestions.analysis.overlaps import Spans
from suggestions.analysis.places import Places

_WINDOW = re.compile(
    r"(?i)\b(?:since|during|over the (?:past|last)|in the (?:past|last)|so far|to date|"
    r"throughout|in total|altogether|cumulative)\b"
)
_CLAUSE_END = re.compile(r"[;:.!?()“”\"–—]|,\s+(?:and|but|while|which|who|when|whereas)\b")
_ANAPHORA = re.compile(
    r"(?i)\b(?:that|this|the|such a|these)\s+(?:\w+\s+)?(?:figure|number|estimate|toll|tally|"
    r"count|total)s?\b"
)
_NUMBER_OF = re.compile(
    r"(?i)\b(?:number|figure|toll|tally|count|total|estimate)s?\s+(?:of\s+)?(?:\w+\s+){0,2}?"
    rf"(?P<noun>{lexicon.SUBJECT_PATTERN.pattern})"
    rf"|(?P<noun2>{lexicon.SUBJECT_PATTERN.pattern})\s+(?:figure|toll|tally|count|total|estimate)s?\b"
)
#: A cheap test that must pass for `_NUMBER_OF` to match (a part every match of the long
#: pattern contains): most sentences have none, and the long pattern tries every counted noun.
_NUMBER_OF_WORD = re.compile(r"(?i)number|figure|toll|tally|count|total|estimate")
#: A date is the date of an event named at most this many characters before or after it.
EVENT_REACH = 110


def _money_subject(text: str, start: int, end: int) -> str:
    """What a sum is for, named anywhere in its sentence: pay, aid or spending."""
    for noun in lexicon.SUBJECT_PATTERN.finditer(text, start, end):
        if lexicon.subject_of(noun.group()) in lexicon.MONEY_SUBJECTS:
            return lexicon.subject_of(noun.group())
    return ""


class _PartyMentions:
    """The parties named in a sentence outside its attributions, in order, found once: the
    party nearest each figure is then looked up, not searched for in the whole sentence."""

    def __init__(self, text: str, start: int, end: int, masked: Sequence[Attribution]):
        spoken = Spans((mask.start, mask.end) for mask in masked)
        named = [
            match
            for match in lexicon.PARTY_PATTERN.finditer(text, start, end)
            if not spoken.overlaps(match.start(), match.end())
        ]
        self._starts = [match.start() for match in named]
        self._ends = [match.end() for match in named]
        self._parties = [lexicon.party_of(match.group()) for match in named]

    def nearest(self, at: int) -> str:
        """The party named nearest `at`; one named after it counts three times as far away."""
        after = bisect.bisect_right(self._ends, at)  # the names before it end by `at`
        best, distance = "", None
        if after:
            best, distance = self._parties[after - 1], at - self._ends[after - 1]
        if after < len(self._starts):
            gap = (self._starts[after] - at) * 3
            if distance is None or gap < distance:
                best = self._parties[after]
        return best


class SentenceFacts:
    """What the figures and dates of one sentence ask of the whole of it, each read once.

    Asked anew for every figure, each of these scans of the sentence made reading it
    quadratic in its figures: a pasted "$1 $1 $1 …" of 10 KB without a full stop took a minute.
    """

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        attributions: list[Attribution],
        previous: list[tuple[int, int]],
    ):
        self.text, self.start, self.end = text, start, end
        self.attributions = attributions
        self.previous = previous
        self._windows: dict[tuple[int, int], re.Match[str] | None] = {}

    @cached_property
    def parties(self) -> _PartyMentions:
        """The parties named outside what the sentence attributes to someone by name."""
        asserted = [attribution for attribution in self.attributions if not attribution.hedged]
        return _PartyMentions(self.text, self.start, self.end, asserted)

    @cached_property
    def places(self) -> Places:
        """The places the sentence names ("in Kursk", "near Bakhmut")."""
        return Places(self.text, self.start, self.end)

    @cached_property
    def last_party(self) -> str:
        """The party named last outside all the sentence's attributions (hedges too)."""
        return _PartyMentions(self.text, self.start, self.end, self.attributions).nearest(self.end)

    @cached_property
    def money_subject(self) -> str:
        """What the sentence's sums are for (`_money_subject`)."""
        return _money_subject(self.text, self.start, self.end)

    @cached_property
    def military(self) -> bool:
        """Whether the sentence or the two before it speak of the military."""
        before = " ".join(self.text[a:b] for a, b in self.previous)
        context = before + " " + self.text[self.start : self.end]
        return bool(lexicon.MILITARY_CONTEXT.search(context))

    @cached_property
    def fingerprint(self) -> str:
        """The sentence's text in a few characters: the window of a total it alone states."""
        return hashlib.blake2s(self.text[self.start : self.end].encode(), digest_size=4).hexdigest()

    @cached_property
    def _clause_ends(self) -> tuple[list[int], list[int]]:
        found = [match.span() for match in _CLAUSE_END.finditer(self.text, self.start, self.end)]
        return [start for start, _ in found], [end for _, end in found]

    def clause_end_after(self, at: int) -> int | None:
        """Where the first clause end at or after `at` starts."""
        starts, _ends = self._clause_ends
        index = bisect.bisect_left(starts, at)
        return starts[index] if index < len(starts) else None

    def clause_start_before(self, at: int) -> int:
        """Where the clause around `at` starts: after the last clause end before it."""
        _starts, ends = self._clause_ends
        index = bisect.bisect_right(ends, at)
        return ends[index - 1] if index else self.start

    @cached_property
    def _first_anaphora_end(self) -> int | None:
        first = _ANAPHORA.search(self.text, self.start, self.end)
        return first.end() if first else None

    def anaphora_before(self, at: int) -> bool:
        """Whether "that figure", "the toll"… comes before `at`."""
        return self._first_anaphora_end is not None and self._first_anaphora_end <= at

    @cached_property
    def _counted_nouns(self) -> tuple[list[int], list[str]]:
        """(ends, subjects) of "the number of refugees", "the death toll"… in the sentence."""
        if not _NUMBER_OF_WORD.search(self.text, self.start, self.end):
            return [], []
        found = list(_NUMBER_OF.finditer(self.text, self.start, self.end))
        return [match.end() for match in found], [
            lexicon.subject_of(match.group("noun") or match.group("noun2")) for match in found
        ]

    def counted_noun_before(self, at: int) -> str:
        """The subject of the last "number of …" that ends by `at`, else ""."""
        ends, subjects = self._counted_nouns
        index = bisect.bisect_right(ends, at)
        return subjects[index - 1] if index else ""

    def window_word(self, clause_start: int, stop: int) -> re.Match[str] | None:
        """The first "since", "so far", "in total"… of a clause (its figures share it)."""
        key = (clause_start, stop)
        if key not in self._windows:
            self._windows[key] = _WINDOW.search(self.text, clause_start, stop)
        return self._windows[key]

    @cached_property
    def _events(self) -> list[tuple[str, list[int], list[int]]]:
        """(event, starts, ends) of the words naming each event, in order."""
        found = []
        for event, pattern in lexicon.EVENT_PATTERNS.items():
            spans = [match.span() for match in pattern.finditer(self.text, self.start, self.end)]
            found.append((event, [start for start, _ in spans], [end for _, end in spans]))
        return found

    def event(self, span: DateSpan) -> tuple[str, int]:
        """The event a date is the date of, and where its word starts: the nearest event word
        within `EVENT_REACH` (("", -1) when none is)."""
        best, distance, where = "", None, -1
        for event, starts, ends in self._events:
            gaps = []
            before = bisect.bisect_right(ends, span.start)  # the words ending by the date
            if before:
                gaps.append((span.start - ends[before - 1], starts[before - 1]))
            after = bisect.bisect_left(starts, span.end)  # the first word after it
            if after < len(starts):
                gaps.append((starts[after] - span.end, starts[after]))
            for gap, word_start in gaps:
                if gap <= EVENT_REACH and (distance is None or gap < distance):
                    best, distance, where = event, gap, word_start
        return best, where
