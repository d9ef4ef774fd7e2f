"""Whether two comparable measures agree, and pairing many measures through their keys."""

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import replace

from suggestions.analysis.dates import YEAR_NOT_GIVEN, same_days
from suggestions.analysis.lexicon import PARTY_ADJECTIVES
from suggestions.analysis.numbers import AT_LEAST, LESS_THAN, MORE_THAN, UP_TO
from suggestions.analysis.records import Measure, Verdict, _figure, written_range

#: A bare figure ("10,000 troops") is taken as stated to within this fraction either way.
POINT_TOLERANCE = 0.05
#: A bound ("up to 60,000", "at least 8,000") states the speaker's figure at its extreme: it is
#: read as that figure with this much room on its open side, so "8,000 vs up to 60,000" and
#: "about 30,000 vs as high as 40,000" disagree while "up to 60,000 vs 57,000" agree.
BOUND_ROOM = 0.10
#: Two different roles are a contradiction of this score (qualitative, so noisier).
ROLE_SCORE = 0.5


def asserted_range(measure: Measure) -> tuple[float, float]:
    """The values a quantity measure asserts, qualifier and tolerance applied."""
    value = measure.value if measure.value is not None else (measure.low or 0.0)
    if measure.qualifier in (UP_TO, LESS_THAN):
        top = measure.high if measure.high is not None else value
        return top * (1 - BOUND_ROOM), top
    if measure.qualifier in (AT_LEAST, MORE_THAN):
        bottom = measure.low if measure.low is not None else value
        return bottom, bottom * (1 + BOUND_ROOM)
    low = measure.low if measure.low is not None else value
    high = measure.high if measure.high is not None else value
    if not measure.qualifier:
        return low * (1 - POINT_TOLERANCE), high * (1 + POINT_TOLERANCE)
    return low, high


def _figure_words(measure: Measure) -> str:
    if measure.kind == "date":
        return measure.describe().split(": ", 1)[-1]
    value = measure.value if measure.value is not None else measure.low
    written = written_range(measure)
    if written and written[0] != written[1]:
        figure = f"{_figure(written[0])}–{_figure(written[1])}"
    else:
        figure = _figure(value or 0.0)
    if measure.unit == "%":
        figure += "%"
    elif measure.currency:
        figure = f"{measure.currency} {figure}"
    return f"{measure.qualifier} {figure}".strip()


def _topic_words(measure: Measure) -> str:
    words = []
    if measure.party:
        words.append(PARTY_ADJECTIVES.get(measure.party, measure.party))
    words.append(measure.subject)
    if measure.period:
        words.append(f"a {measure.period}")
    return " ".join(words)


def _judge_quantities(a: Measure, b: Measure) -> tuple[str, float]:
    a_low, a_high = asserted_range(a)
    b_low, b_high = asserted_range(b)
    if a_high < b_low or b_high < a_low:
        smaller, larger = (a_high, b_low) if a_high < b_low else (b_high, a_low)
        ratio = larger / smaller if smaller > 0 else 10.0
        score = min(1.0, 0.55 + 0.45 * min(1.0, (ratio - 1) / 2))
        return "contradiction", round(score, 3)
    width = max(a_high, b_high) - min(a_low, b_low) or 1.0
    overlap = min(a_high, b_high) - max(a_low, b_low)
    score = 0.5 + 0.4 * max(0.0, overlap / width)
    return "corroboration", round(score, 3)


def _compare_quantities(a: Measure, b: Measure) -> Verdict:
    kind, score = _judge_quantities(a, b)
    # a party named on one side only is not said of the other: leave it out of the note
    topic = _topic_words(a if a.party == b.party else replace(a, party=""))
    if kind == "contradiction":
        return Verdict(kind, f"{_figure_words(a)} vs {_figure_words(b)} {topic}", score)
    return Verdict(kind, f"{_figure_words(a)} and {_figure_words(b)} {topic} agree", score)


def _date_ranges(a: Measure, b: Measure) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The two dates' ranges as compared: days, or month and day when a year is not given."""
    if a.low is None or b.low is None:
        return None
    a_range = (int(a.low), int(a.high if a.high is not None else a.low))
    b_range = (int(b.low), int(b.high if b.high is not None else b.low))
    if YEAR_NOT_GIVEN in (a.qualifier, b.qualifier):
        a_days = same_days(*a_range, a.qualifier != YEAR_NOT_GIVEN)
        b_days = same_days(*b_range, b.qualifier != YEAR_NOT_GIVEN)
        if a_days is None or b_days is None:
            return None
        a_range, b_range = a_days, b_days
    return a_range, b_range


def _judge_dates(a: Measure, b: Measure) -> tuple[str, float] | None:
    ranges = _date_ranges(a, b)
    if ranges is None:
        return None
    (a_first, a_last), (b_first, b_last) = ranges
    if a_last < b_first or b_last < a_first:
        return "contradiction", 0.8
    return "corroboration", 0.6


def _compare_dates(a: Measure, b: Measure) -> Verdict | None:
    judged = _judge_dates(a, b)
    if judged is None:
        return None
    kind, score = judged
    topic = a.subject
    if kind == "contradiction":
        return Verdict(kind, f"{topic}: {_figure_words(a)} vs {_figure_words(b)}", score)
    return Verdict(kind, f"{topic}: {_figure_words(a)} and {_figure_words(b)} agree", score)


def _comparable(a: Measure, b: Measure) -> bool:
    if not a.key or a.key != b.key:
        return False
    # Russian casualties say nothing about North Korean ones, nor troops in Kursk about
    # troops in Belgorod
    if a.place and b.place and a.place != b.place:
        return False
    return not (a.party and b.party and a.party != b.party)


def compare(a: Measure, b: Measure) -> Verdict | None:
    """Contradiction or corroboration of two measures of one key; None if not comparable."""
    if not _comparable(a, b):
        return None
    if a.kind == "date":
        return _compare_dates(a, b)
    if a.kind == "role":
        return _compare_roles(a, b)
    return _compare_quantities(a, b)


def judge(a: Measure, b: Measure) -> tuple[str, float] | None:
    """`compare(a, b)`'s kind and score, without writing its reason: the cheap way to rank many
    candidate pairs before asking `compare` for the verdicts of the few kept."""
    if not _comparable(a, b):
        return None
    if a.kind == "date":
        return _judge_dates(a, b)
    if a.kind == "role":
        return None if a.qualifier == b.qualifier else ("contradiction", ROLE_SCORE)
    return _judge_quantities(a, b)


def _compare_roles(a: Measure, b: Measure) -> Verdict | None:
    """Different roles for one party's troops contradict; the same role is not worth a note."""
    if a.qualifier == b.qualifier:
        return None
    topic = f"{PARTY_ADJECTIVES.get(a.party or b.party, a.party or b.party)} troops".strip()
    return Verdict("contradiction", f"role of {topic}: “{a.text}” vs “{b.text}”", ROLE_SCORE)


def pair_up(
    items: Iterable[tuple[Hashable, Measure]],
) -> list[tuple[Hashable, Measure, Hashable, Measure, Verdict]]:
    """Every comparable pair among `items` ((owner, measure)), found through a key index.

    Only measures of equal key meet, so n measures spread over many keys cost far fewer than
    n² comparisons. Two measures of one owner (one passage) are never paired.
    """
    index: dict[str, list[tuple[Hashable, Measure]]] = defaultdict(list)
    for owner, measure in items:
        if measure.key:
            index[measure.key].append((owner, measure))
    pairs = []
    for bucket in index.values():
        for position, (owner_a, measure_a) in enumerate(bucket):
            for owner_b, measure_b in bucket[position + 1 :]:
                if owner_a == owner_b:
                    continue
                verdict = compare(measure_a, measure_b)
                if verdict is not None:
                    pairs.append((owner_a, measure_a, owner_b, measure_b, verdict))
    return pairs
