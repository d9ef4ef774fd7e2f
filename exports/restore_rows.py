"""Rows the restore of a claim set (`exports.restore`) writes or reads in bulk, and the lock
that makes restores take turns."""

import uuid

from django.apps import apps
from django.db import connection

from claims.models import Claim, ClaimLink

#: The PostgreSQL advisory lock that restores take in turn (any fixed number; "Claims").
RESTORE_LOCK = 0x436C61696D73


def one_restore_at_a_time() -> None:
    """Wait for any other restore to finish. Two restores of the same file at once would each
    find nothing of it here yet and both write it; in turn, the second matches what the first
    wrote. On PostgreSQL a transaction-scoped advisory lock; on SQLite every transaction takes
    the write lock when it begins (`SQLITE_OPTIONS`), which already does it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RESTORE_LOCK])


def new_tag_rows(batch: list[tuple]) -> list:
    """The tag rows of a batch of new `(claim, record, tags)`, inserted."""
    through = Claim.tags.through
    rows = [through(claim_id=claim.pk, tag_id=tag.pk) for claim, _, tags in batch for tag in tags]
    return through.objects.bulk_create(rows)


def tag_history(history: list, tag_rows: list) -> None:
    """The tags of each new claim in its first history entry, as django-simple-history
    records them when a claim with tags is saved."""
    entry_of = {entry.id: entry for entry in history}  # a claim's id → its entry
    m2m_history = apps.get_model("claims", f"{Claim.history.model.__name__}_tags")
    m2m_history.objects.bulk_create(
        m2m_history(
            history=entry_of[row.claim_id], id=row.id, claim_id=row.claim_id, tag_id=row.tag_id
        )
        for row in tag_rows
    )


def links_between(ends: list[list[tuple[int, bool]]]) -> set[tuple[int, int, str]]:
    """(claim_a, claim_b, kind) of the links here between the claims of a batch of the file's
    links, given as their two ends' (id here, matched?): only two matched claims (already
    here) can be linked already; one query, none when no link has two."""
    old = [sorted(pk for pk, _ in pair) for pair in ends if all(matched for _, matched in pair)]
    if not old:
        return set()
    return set(
        ClaimLink.objects.filter(
            claim_a_id__in={low for low, _ in old}, claim_b_id__in={high for _, high in old}
        ).values_list("claim_a_id", "claim_b_id", "kind")
    )


def uuids_already_here(batch: list[tuple]) -> list[str]:
    """The refusals of the new claims (or links) of a batch of `(instance, record, tags)` whose
    uuid is already a row's here, live or deleted: the restore keeps the file's uuids, and a
    uuid names one claim or link. One query."""
    model = type(batch[0][0])
    wanted = [instance.uuid for instance, _, _ in batch]
    taken = {
        str(value): pk
        for value, pk in model._base_manager.filter(uuid__in=wanted).values_list("uuid", "pk")
    }
    noun = "claim" if model is Claim else "link"
    refused = []
    for instance, record, _ in batch:
        value = str(uuid.UUID(str(instance.uuid)))
        if value in taken:
            refused.append(
                f"{record['_where']}: its uuid {value} is already that of {noun} {taken[value]} "
                f"here, which is not this {noun} (changed or deleted here since the export, or "
                "the file was edited); a uuid names one claim or link."
            )
    return refused
