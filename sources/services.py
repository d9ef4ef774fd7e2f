"""Every write to sources: create, rename, re-grade, merge.

Views, the API, admin actions and management commands call these functions, so each rule lives
here once. They raise `ValidationError`, `PermissionDenied` or `Conflict` (the name was taken,
or the sources merged, a moment ago) and never see a request.
"""

import unicodedata
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from project import roles
from project.errors import Conflict
from project.retry import retried_on_conflict
from sources.models import Source, name_key
from sources.signals import source_kind_changing, source_merging

User = AbstractBaseUser

#: Fields of a source an edit may change.
SOURCE_FIELDS = frozenset({"name", "kind", "reliability", "description"})


def one_line(text: str) -> str:
    """`text` with every run of white space (line breaks included) made one space, in the
    Unicode form every stored text is in (NFC): "café" typed or pasted decomposed is found by
    a search for "café"."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


def source_create(
    *,
    name: str,
    user: User,
    kind: str = Source._meta.get_field("kind").default,
    reliability: str = Source._meta.get_field("reliability").default,
    description: str = "",
) -> Source:
    """Create a source. Its name must be new, ignoring case and spacing."""
    if not roles.can_add_source(user):
        raise PermissionDenied("Only analysts and reviewers can add sources.")
    source = Source(
        name=one_line(name), kind=kind, reliability=reliability, description=description
    )
    source.full_clean()
    return _saved(source, user)


def _name_taken(existing: Source) -> Conflict:
    return Conflict(
        f"A source named “{existing.name}” was added a moment ago: use that one instead.",
        code="duplicate",
        current={"id": existing.pk, "name": existing.name},
    )


def _saved(source: Source, user: User) -> Source:
    """Save a checked source with its history entry. A name that another request took between
    the check and this save is a `Conflict` naming that source."""
    try:
        _save(source, user)
    except IntegrityError:
        existing = source_named(source.name)
        if existing is None:
            raise
        raise _name_taken(existing) from None
    return source


@retried_on_conflict
def _save(source: Source, user: User) -> None:
    # A re-grading moves the tallies of every claim of the source (ADR 0012): run again if
    # the database refuses it for a conflict with another writer.
    with transaction.atomic():
        source._history_user = user
        source.save()


def source_named(name: str) -> Source | None:
    """The source of this name, ignoring case and spacing (the names that count as the same
    source when one is added), or None."""
    return Source.objects.filter(name_key=name_key(name)).first()


def source_get_or_create(*, name: str, user: User, **fields) -> tuple[Source, bool]:
    """The source of this name (ignoring case), created with `fields` if there is none."""
    existing = source_named(name)
    if existing is not None:
        return existing, False
    return source_create(name=name, user=user, **fields), True


def source_update(*, source: Source, user: User, **changes) -> Source:
    """Change a source's name, kind, reliability or description (reviewers and staff)."""
    unknown = set(changes) - SOURCE_FIELDS
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    if not roles.can_grade_source(user):
        raise PermissionDenied("Only reviewers can change a source or its reliability.")
    for field, value in changes.items():
        setattr(source, field, one_line(value) if field == "name" else value)
    source.full_clean()
    if "kind" in changes:
        # Asked even when the kind is unchanged: the admin's form has already set it on
        # `source`, so what was stored is not known here without a query of its own.
        source_kind_changing.send(sender=Source, source=source)
    return _saved(source, user)


def source_merge(*, target: Source, duplicates: Iterable[Source], user: User) -> Source:
    """Move everything that points at `duplicates` (claims, article outlets) onto `target`, then
    delete the duplicates; all or nothing.

    The apps above move their own rows on `source_merging`, each with a history entry (a moved
    claim also gets a new version, so an edit begun before the merge is refused rather than
    silently reverting the source).
    """
    if not roles.can_grade_source(user):
        raise PermissionDenied("Only reviewers can merge sources.")
    duplicate_ids = {source.pk for source in duplicates} - {target.pk}
    if not duplicate_ids:
        raise ValidationError("Choose at least one other source to merge into this one.")
    _merge(target, duplicate_ids, user)
    return target


@retried_on_conflict
def _merge(target: Source, duplicate_ids: set[int], user: User) -> None:
    """The merge's one transaction, run again when the database refuses it for a conflict
    (it moves many claims, and their tallies, in a few statements)."""
    with transaction.atomic():
        # Lock every source of the merge in one order, so that two merges of the same sources
        # (A into B, and B into A) wait for each other instead of deadlocking; then the later
        # one finds what the earlier one deleted gone.
        locked = set(
            Source.objects.select_for_update()
            .filter(pk__in=duplicate_ids | {target.pk})
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if locked != duplicate_ids | {target.pk}:
            raise Conflict(
                "Some of these sources were merged or deleted a moment ago: reload the page "
                "and choose again.",
                code="merged_meanwhile",
            )
        source_merging.send(sender=Source, target=target, duplicate_ids=duplicate_ids, user=user)
        for duplicate in Source.objects.filter(pk__in=duplicate_ids):
            duplicate._change_reason = f"Merged into {target.name} (#{target.pk})"
            duplicate._history_user = user
            try:
                duplicate.delete()
            except ProtectedError as error:
                raise ValidationError(
                    f"“{duplicate.name}” is still in use ({len(error.protected_objects)} "
                    "rows that the merge did not move); nothing was merged."
                ) from error
