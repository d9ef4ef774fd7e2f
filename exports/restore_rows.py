"""Rows the restore of a claim set (`exports.restore`) writes or reads in bulk, and the lock
that makes restores take turns."""

import uuid

from django.apps import apps
from django.db import connection

from articles.models import Article
from articles.signals import article_added
from claims.models import Claim, ClaimLink, Tag
from claims.services.claim_inserts import tags_named
from claims.services.tag_names import tag_slug

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


def claims_by_uuid(records: list[dict]) -> dict[str, tuple[int, bool]]:
    """The claims here, deleted ones too, whose uuid is one of `records`': (id, deleted?) by
    uuid. One query."""
    rows = Claim.all_objects.filter(uuid__in=[record["uuid"] for record in records])
    return {
        str(value): (pk, deleted_at is not None)
        for value, pk, deleted_at in rows.values_list("uuid", "pk", "deleted_at")
    }


def deleted_claim_refusal(record: dict, pk: int) -> str:
    return (
        f"{record['_where']}: it is claim {pk} here (its uuid {record['uuid']}), which was "
        "deleted: restore that claim first (it keeps its history), or leave this one out of "
        "the file."
    )


def tags_by_file_name(names) -> dict[str, Tag]:
    """The tags the claims name, by the file's name: the tag stored under that name as the app
    writes tags (`Casualties` is `casualties`, as typed on a page), created where new (one
    statement)."""
    stored_as = {name: tag_slug(name) or name for name in names}
    found = {tag.name: tag for tag in Tag.objects.filter(name__in=set(stored_as.values()))}
    found.update(tags_named(set(stored_as.values()) - set(found)))
    return {name: found[slug] for name, slug in stored_as.items()}


def keep_creation_times(dated: dict, batch: int) -> None:
    """Give the created articles, claims and links noted by the restore (`dated`: per model,
    `(pk, times)` pairs) the creation time they had where they came from. Their history entries
    keep the time of the import, with a reason saying so."""
    for model, rows in dated.items():
        instances = [model(pk=pk, **times) for pk, times in rows]
        model._base_manager.bulk_update(instances, list(rows[0][1]), batch_size=batch)


def announce(article_id: int) -> None:
    """Tell the apps above about an article the restore created (read again, not kept)."""
    article = Article.objects.filter(pk=article_id).first()
    if article is not None:
        article_added.send(sender=Article, article=article)
