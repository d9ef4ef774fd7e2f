"""Whether a span overlaps any of many spans, asked once per figure or name of a sentence."""

import bisect
import itertools
from collections.abc import Iterable


class Spans:
    """A fixed set of (start, end) spans that answers `overlaps` in logarithmic time: asking
    each of a sentence's figures about each of its spans is quadratic in a sentence of them."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [start for start, _end in ordered]
        #: the furthest end among the spans up to each one, in order of their starts
        self._reach = list(itertools.accumulate((end for _start, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span has `span_start < end and start < span_end`."""
        before_end = bisect.bisect_left(self._starts, end)
        return before_end > 0 and self._reach[before_end - 1] > start
