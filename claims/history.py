"""The change history of claims and sources as people read it: who changed what, when.

Built on django-simple-history's records and `diff_against`, in a fixed number of queries
whatever the length of the history: the tag sets of all records, and the names behind source and
user ids, are read once for the whole history.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import dateformat, timezone

from claims.models import Claim, Tag
from sources.models import Source

#: Claim fields shown in the history, in this order; bookkeeping fields (version, timestamps,
#: re-anchoring prefix/suffix) change with every edit and would only hide what matters.
CLAIM_HISTORY_FIELDS = [
    "status",
    "quote",
    "start",
    "end",
    "statement",
    "source",
    "credibility",
    "evaluated_reliability",
    "tags",
    "reviewed_by",
    "review_note",
    "deleted_at",
    "deleted_by",
]
_USER_FIELDS = {"reviewed_by", "deleted_by"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    """One recorded change: when, by whom, what kind, why, and the fields it changed."""

    when: object
    who: str
    action: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


@dataclass(frozen=True)
class ReviewNote:
    when: object
    reviewer: str
    decision: str
    note: str


def _display(value, model_field, names: dict) -> str:
    if value is None or value == "":
        return "—"
    if model_field.name in names:
        return names[model_field.name].get(value, f"#{value}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if hasattr(value, "tzinfo"):
        return dateformat.format(timezone.localtime(value), "j M Y, H:i T")
    return str(value)


def claim_history(claim: Claim) -> tuple[list[HistoryEntry], list[ReviewNote]]:
    """Every recorded change to `claim`, newest first, and the review notes it received."""
    # In the order the changes were written (the entries' ids), not by their times: each app
    # server stamps its own clock, and two whose clocks differ would put a later change first.
    records = list(claim.history.select_related("history_user").order_by("pk"))
    tag_model = Claim.history.model._meta.get_field("historicalclaim_tags").related_model
    tags_by_record: dict[int, set[str]] = defaultdict(set)
    rows = list(
        tag_model.objects.filter(history_id__in=[record.pk for record in records]).values_list(
            "history_id", "tag_id", "tag__name"
        )
    )
    # A tag deleted since (merged into another, or deleted in the admin) is gone; its own
    # history keeps the name it last had.
    gone = {tag_id for _, tag_id, name in rows if name is None}
    last_names = (
        dict(Tag.history.filter(id__in=gone).order_by("pk").values_list("id", "name"))
        if gone
        else {}
    )
    for history_id, tag_id, name in rows:
        tags_by_record[history_id].add(name or last_names.get(tag_id, f"(deleted tag #{tag_id})"))

    source_ids = {record.source_id for record in records}
    user_ids = {getattr(record, f"{name}_id") for record in records for name in _USER_FIELDS}
    # A merged-away source no longer exists; its history still has its name.
    source_names = dict(
        Source.history.filter(id__in=source_ids).order_by("pk").values_list("id", "name")
    )
    user_names = {
        user.pk: user.get_username()
        for user in get_user_model().objects.filter(pk__in=user_ids - {None})
    }
    names = {
        "source": source_names,
        **dict.fromkeys(_USER_FIELDS, user_names),
    }

    scalar_fields = [name for name in CLAIM_HISTORY_FIELDS if name != "tags"]
    entries, notes, previous = [], [], None
    tags_of: dict[int, set[str]] = {}
    for record in records:
        entry = HistoryEntry(
            when=record.history_date,
            who=record.history_user.get_username() if record.history_user else "system",
            action=record.get_history_type_display(),
            reason=record.history_change_reason or "",
        )
        tags_of[record.pk] = tags_by_record[record.pk]
        if previous is not None:
            delta = record.diff_against(previous, included_fields=scalar_fields)
            by_field = {change.field: change for change in delta.changes}
            # Every record carries the claim's tag rows at that moment, except those a bulk
            # update writes with a reason (a source merge): their tags are as before.
            bulk = bool(record.history_change_reason)
            if not tags_of[record.pk] and bulk and (by_field or record.version != previous.version):
                tags_of[record.pk] = tags_of[previous.pk]
            tags_before, tags_now = tags_of[previous.pk], tags_of[record.pk]
            for name in CLAIM_HISTORY_FIELDS:
                if name == "tags" and tags_before != tags_now:
                    entry.changes.append(
                        FieldChange(
                            "Tags",
                            ", ".join(sorted(tags_before)) or "—",
                            ", ".join(sorted(tags_now)) or "—",
                        )
                    )
                elif name in by_field:
                    model_field = Claim._meta.get_field(name)
                    entry.changes.append(
                        FieldChange(
                            str(model_field.verbose_name).capitalize(),
                            _display(by_field[name].old, model_field, names),
                            _display(by_field[name].new, model_field, names),
                        )
                    )
            decided = "status" in by_field and record.status in ("approved", "rejected")
            if decided and record.review_note:
                notes.append(
                    ReviewNote(
                        when=record.history_date,
                        reviewer=names["reviewed_by"].get(record.reviewed_by_id, "someone"),
                        decision=record.get_status_display(),
                        note=record.review_note,
                    )
                )
        entries.append(entry)
        previous = record
    entries.reverse()
    notes.reverse()
    return entries, notes
