"""Storing what a run of the engine suggests: only what is new. A suggestion made before,
whatever became of it (a dismissal above all), is not made again.

"Made before" is the same key (kind and spans), and for a pair also a pair of the same kind and
measure whose two sides overlap the new one's: once an analyst records the words that matter
inside a suggested sentence, the index holds the claim's span instead of the sentence's, and the
same contradiction came back under the claim's span, twice on the board (or back after its
dismissal).
"""

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from suggestions.models import PAIR_KINDS, Suggestion, overlaps

_SPAN = ("article_id", "start", "end")
_SIDES = [f"{side}_{field}" for side in "ab" for field in _SPAN]


def _side(suggestion, name: str) -> tuple[int, int, int]:
    return tuple(getattr(suggestion, f"{name}_{field}") for field in _SPAN)


def _pairs_made_before(pairs: list[Suggestion]) -> set[str]:
    """The keys of `pairs` whose two sides overlap those of a stored pair of the same kind and
    measure (either way round): one query over the pairs between the same articles."""
    if not pairs:
        return set()
    between = Q()
    for pair in pairs:
        one, other = pair.a_article_id, pair.b_article_id
        between |= Q(a_article_id=one, b_article_id=other) | Q(a_article_id=other, b_article_id=one)
    # The stored pairs by kind, measure and articles, each way round: a new pair is held
    # against the few between its own two articles, not against every one read.
    stored: dict[tuple, list[tuple]] = defaultdict(list)
    for old in Suggestion.objects.filter(between, kind__in=PAIR_KINDS).only(
        "kind", "measure_kind", *_SIDES
    ):
        a, b = _side(old, "a"), _side(old, "b")
        for one, other in ((a, b), (b, a)):
            stored[old.kind, old.measure_kind, one[0], other[0]].append((one, other))
    made = set()
    for pair in pairs:
        a, b = _side(pair, "a"), _side(pair, "b")
        candidates = stored[pair.kind, pair.measure_kind, a[0], b[0]]
        if any(overlaps(a, old_a) and overlaps(b, old_b) for old_a, old_b in candidates):
            made.add(pair.key)
    return made


def store_new(suggestions: list[Suggestion]) -> list[Suggestion]:
    """Create the suggestions not made before (see the module); returns those created."""
    if not suggestions:
        return []
    unique = {suggestion.key: suggestion for suggestion in suggestions}
    known = set(Suggestion.objects.filter(key__in=unique).values_list("key", flat=True))
    known |= _pairs_made_before(
        [s for key, s in unique.items() if key not in known and s.kind in PAIR_KINDS]
    )
    fresh = [suggestion for key, suggestion in unique.items() if key not in known]
    try:
        with transaction.atomic():
            return bulk_create_with_history(fresh, Suggestion)
    except IntegrityError:
        # Another run stored some of the same keys a moment ago: keep the rest, one by one.
        stored = []
        for suggestion in fresh:
            try:
                with transaction.atomic():
                    suggestion.save()
                    stored.append(suggestion)
            except IntegrityError:
                continue
        return stored
