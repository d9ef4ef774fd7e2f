"""A source's reliability over time, as people read it: who re-graded it, when, from what."""

from dataclasses import dataclass
from itertools import pairwise

from sources.models import Source


@dataclass(frozen=True)
class ReliabilityChange:
    when: object
    who: str
    old: str
    new: str


def reliability_changes(source: Source) -> list[ReliabilityChange]:
    """Each change of the source's reliability, newest first (one query)."""
    records = list(source.history.select_related("history_user").order_by("pk"))
    changes = []
    for previous, record in pairwise(records):
        if previous.reliability != record.reliability:
            changes.append(
                ReliabilityChange(
                    when=record.history_date,
                    who=record.history_user.get_username() if record.history_user else "system",
                    old=previous.reliability,
                    new=record.reliability,
                )
            )
    changes.reverse()
    return changes
