"""Curating the tags claims carry: renaming one, merging several into one.

Either changes what claims say about themselves, so it is done as a change to each claim: its
tag rows are rewritten (deleted and inserted, so that the link tallies' triggers, which watch
inserts and deletes, follow), each claim it touches gets a history record saying what happened
and a new version (an edit begun before, which would send the old tag name back, is refused as
any stale edit is), and the evidence's generation is replaced once. Deleted claims are curated
too: their history names the tag, and they may be restored. A claim's status does not change:
tags classify a claim, they are not what a reviewer judged (`SUBSTANCE_FIELDS`).
"""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from claims.aggregates import evidence_changed, evidence_write
from claims.models import Claim, Tag
from claims.services.tag_names import tag_slug
from claims.services.writes import ClaimTag, record_history
from project import roles
from project.errors import Conflict
from project.retry import retried_on_conflict

User = AbstractBaseUser

#: Claims whose history records are written per statement: bounds the memory of a merge of a
#: tag that a hundred thousand claims carry.
_BATCH = 2_000


def _refuse_unless_curator(user: User) -> None:
    if not roles.can_curate_tags(user):
        raise PermissionDenied("Only reviewers can rename or merge tags.")


def tag_rename(*, tag: Tag, name: str, user: User) -> Tag:
    """Give `tag` the name `name` (as tags are stored: "Troop numbers" → "troop-numbers").
    Every claim carrying it gets a history record and a new version. A name another tag has is
    refused: merge the two instead."""
    _refuse_unless_curator(user)
    slug = tag_slug(name)
    if not slug:
        raise ValidationError(
            {"name": f"“{name}” is not a usable tag: use letters, digits or hyphens."},
            code="invalid_tag",
        )
    if len(slug) > Tag._meta.get_field("name").max_length:
        raise ValidationError({"name": f"“{name}” is too long for a tag."}, code="invalid_tag")
    return _rename(tag.pk, slug, user)


@retried_on_conflict
def _rename(tag_id: int, slug: str, user: User) -> Tag:
    with evidence_write():
        tag = _locked([tag_id])[tag_id]
        if tag.name == slug:
            return tag
        if Tag.objects.filter(name=slug).exclude(pk=tag_id).exists():
            raise ValidationError(
                {
                    "name": f"A tag “{slug}” exists already: merge “{tag.name}” into it "
                    "instead, so that their claims carry one tag."
                },
                code="tag_name_taken",
            )
        old = tag.name
        tag.name = slug
        tag._change_reason = f"Renamed from “{old}”"
        tag._history_user = user
        try:
            with transaction.atomic():
                tag.save(update_fields=["name"])
        except IntegrityError as error:  # the name was taken a moment ago
            raise Conflict(
                f"A tag “{slug}” was created a moment ago: merge “{old}” into it instead.",
                code="tag_name_taken",
            ) from error
        claim_ids = _carrying([tag_id])
        _record(claim_ids, user=user, reason=f"Tag “{old}” renamed “{slug}”")
        return tag


def tag_merge(*, target: Tag, duplicates: Iterable[Tag], user: User) -> Tag:
    """Fold `duplicates` into `target`: every claim carrying one of them carries `target`
    instead (once), with a history record and a new version; then the duplicates are deleted.
    All or nothing."""
    _refuse_unless_curator(user)
    duplicate_ids = {tag.pk for tag in duplicates} - {target.pk}
    if not duplicate_ids:
        raise ValidationError(
            {"tags": "Choose at least one other tag to merge into this one."}, code="no_tags"
        )
    return _merge(target.pk, duplicate_ids, user)


@retried_on_conflict
def _merge(target_id: int, duplicate_ids: set[int], user: User) -> Tag:
    with evidence_write():
        tags = _locked(duplicate_ids | {target_id})
        target = tags[target_id]
        claim_ids = _carrying(duplicate_ids)
        having_target = set(
            ClaimTag.objects.filter(claim_id__in=claim_ids, tag_id=target_id).values_list(
                "claim_id", flat=True
            )
        )
        ClaimTag.objects.filter(tag_id__in=duplicate_ids).delete()
        ClaimTag.objects.bulk_create(
            [
                ClaimTag(claim_id=pk, tag_id=target_id)
                for pk in claim_ids
                if pk not in having_target
            ],
            batch_size=_BATCH,
        )
        names = ", ".join(
            f"“{tags[pk].name}”" for pk in sorted(duplicate_ids, key=lambda k: tags[k].name)
        )
        _record(claim_ids, user=user, reason=f"Tags {names} merged into “{target.name}”")
        for pk in sorted(duplicate_ids):
            duplicate = tags[pk]
            duplicate._change_reason = f"Merged into “{target.name}” (#{target.pk})"
            duplicate._history_user = user
            duplicate.delete()
        evidence_changed()
        return target


def _locked(tag_ids: set[int] | list[int]) -> dict[int, Tag]:
    """The tags, locked in one order (two merges of the same tags wait for each other rather
    than deadlock); a `Conflict` if one was merged away or deleted meanwhile."""
    tags = {
        tag.pk: tag for tag in Tag.objects.select_for_update().filter(pk__in=tag_ids).order_by("pk")
    }
    if set(tags) != set(tag_ids):
        raise Conflict(
            "Some of these tags were merged or deleted a moment ago: reload the page and "
            "choose again.",
            code="merged_meanwhile",
        )
    return tags


def _carrying(tag_ids: Iterable[int]) -> list[int]:
    """The claims (deleted ones too) carrying any of `tag_ids`, in id order."""
    return sorted(
        set(ClaimTag.objects.filter(tag_id__in=list(tag_ids)).values_list("claim_id", flat=True))
    )


def _record(claim_ids: list[int], *, user: User, reason: str) -> None:
    """A new version and a history record ("~", `reason`) for each claim, with its tags as they
    now are, `_BATCH` claims a statement."""
    for start in range(0, len(claim_ids), _BATCH):
        batch = claim_ids[start : start + _BATCH]
        Claim.all_objects.filter(pk__in=batch).update(version=F("version") + 1)
        claims = list(Claim.all_objects.filter(pk__in=batch).order_by("pk"))
        rows: dict[int, list[tuple[int, int]]] = {pk: [] for pk in batch}
        for row_id, claim_id, tag_id in ClaimTag.objects.filter(claim_id__in=batch).values_list(
            "id", "claim_id", "tag_id"
        ):
            rows[claim_id].append((row_id, tag_id))
        record_history(claims, "~", user=user, tag_rows=rows, reason=reason)
    if claim_ids:
        evidence_changed()
