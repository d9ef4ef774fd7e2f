"""Every write to claims and their tags: recording, editing, soft delete (the review
transitions are in `claims.services.review`).

Views, the API, admin actions and management commands call these functions, so each rule lives
here once. They raise `ValidationError`, `PermissionDenied` or `Conflict`, and never see a request.
"""

from collections.abc import Iterable, Mapping, Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.ingest.normalize import content_sha256
from articles.models import Article
from articles.selectors import texts_held
from claims.aggregates import evidence_write
from claims.models import Claim, ClaimStatus, span_context
from claims.services.claim_inserts import tags_named
from claims.services.edit_lock import refuse_stale
from claims.services.tag_names import tag_slugs
from claims.services.writes import (
    insert_claims,
    integrity_error_messages,
    locked_claim,
    record_history,
    replace_tags,
    save_and_record,
    save_claim,
    tag_rows,
    with_tags,
)
from project import roles
from project.errors import ItemsRefused
from project.retry import retried_on_conflict
from sources.models import Source
from sources.services import one_line

User = AbstractBaseUser

#: Fields of a claim an edit may change; anything else is refused.
EDITABLE_CLAIM_FIELDS = frozenset(
    {"statement", "source", "credibility", "tags", "start", "end", "quote"}
)
#: The fields that make a claim what a reviewer judged: an edit of any of them sends an approved
#: claim back to review (tags only file it, and may change).
SUBSTANCE_FIELDS = frozenset({"statement", "source", "credibility", "start", "end", "quote"})
#: The history reason of an approved claim sent back to review by an edit.
BACK_TO_REVIEW_REASON = "Edited after approval: back to review"


# --- Claims ------------------------------------------------------------------------------------


def _anchor(claim: Claim) -> None:
    """Set the claim's prefix and suffix from its article text."""
    claim.prefix, claim.suffix = span_context(claim.article.text, claim.start, claim.end)


def _validate_span(claim: Claim) -> None:
    if claim.start is None or claim.end is None or claim.start < 0:
        raise ValidationError({"start": "The start must be 0 or more."}, code="out_of_range")
    claim.clean()


#: Relations a write checks by the objects it was handed; the database's foreign keys refuse
#: one that vanished meanwhile (asking first would cost a query each).
_RELATIONS = ["article", "source", "created_by", "reviewed_by", "deleted_by"]


def _check_fields(claim: Claim) -> None:
    """Every rule on the claim's own fields (length of the statement, credibility 1–6, status),
    in Python. The table's constraints hold the same rules; asking the database to evaluate each
    one beforehand (`full_clean`'s default) would cost a query per constraint."""
    claim.clean_fields(exclude=_RELATIONS)


def _prepared(item: Mapping, created_by: User) -> tuple[Claim, list[str]]:
    """A new draft claim from `item` (the keyword arguments of `claim_create`) and its tag
    names, every rule checked, nothing written. Raises `ValidationError`."""
    claim = Claim(
        article=item["article"],
        start=item["start"],
        end=item["end"],
        quote=item["quote"],
        source=item["source"],
        credibility=item.get("credibility", Claim._meta.get_field("credibility").default),
        statement=one_line(item.get("statement", "")),
        created_by=created_by,
    )
    _validate_span(claim)
    _anchor(claim)
    _check_fields(claim)
    return claim, tag_slugs(item.get("tags", ()))


def _fingerprint(article: Article) -> str:
    """The fingerprint of the text `article` was read with (hashed again only if it was read
    without its fingerprint)."""
    return article.__dict__.get("content_sha256") or content_sha256(article.text)


def _refuse_moved_texts(claims: Sequence[Claim]) -> None:
    """Inside the write: refuse the claims whose article's text is no longer the text their
    offsets and quote were checked against (edited, or the article deleted, since it was read),
    the articles held so that no edit slips in before the commit. `ItemsRefused` names them by
    their index in `claims`."""
    now = texts_held(claim.article_id for claim in claims)
    refused = {
        index: ValidationError(
            {
                "start": _(
                    "The article's text changed while this claim was being recorded, so its "
                    "offsets may point at other words now. Nothing was saved: reload the "
                    "article and select the passage again."
                )
            },
            code="text_changed",
        )
        for index, claim in enumerate(claims)
        if now.get(claim.article_id) != _fingerprint(claim.article)
    }
    if refused:
        raise ItemsRefused(refused, noun="claims", total=len(claims))


@retried_on_conflict
def _insert(prepared: Sequence[tuple[Claim, list[str]]], created_by: User) -> None:
    """One transaction: the tags of every claim resolved at once, the claims inserted with one
    history record each. A refusal by the database (a source merged away meanwhile) is a
    `ValidationError`. Run again on a conflict: the claims are new again (a lost attempt may
    have given them ids)."""
    for claim, _slugs in prepared:
        claim.pk, claim._state.adding = None, True
    try:
        with evidence_write():
            _refuse_moved_texts([claim for claim, _ in prepared])
            insert_claims(
                [claim for claim, _ in prepared],
                [slugs for _, slugs in prepared],
                user=created_by,
            )
    except IntegrityError as error:
        raise ValidationError(integrity_error_messages(error), code="refused") from None


def claim_create(
    *,
    article: Article,
    start: int,
    end: int,
    quote: str,
    source: Source,
    created_by: User,
    credibility: int = Claim._meta.get_field("credibility").default,
    statement: str = "",
    tags: Iterable[str] = (),
    request_key: str | None = None,
) -> Claim:
    """Record a passage of `article` as a draft claim. `start`/`end` are code-point offsets and
    `quote` must equal the text between them. `request_key`: see
    `claims.services.recorded_once`."""
    if not roles.can_add_claim(created_by):
        raise PermissionDenied("Only analysts can record claims.")
    item = {
        "article": article,
        "start": start,
        "end": end,
        "quote": quote,
        "source": source,
        "credibility": credibility,
        "statement": statement,
        "tags": tags,
    }
    prepared = _prepared(item, created_by)
    prepared[0].request_key = request_key
    try:
        _insert([prepared], created_by)
    except ItemsRefused as refusal:
        raise refusal.refused[0] from None
    return prepared[0]


#: The most claims one batch may record.
MAX_CLAIMS_PER_BATCH = 500


def claims_create(
    *,
    items: Sequence[Mapping | ValidationError],
    created_by: User,
    request_keys: Sequence[str] | None = None,
) -> list[Claim]:
    """Record every one of `items` (each the keyword arguments of `claim_create`) as a draft
    claim, all or nothing, in one transaction: one insert of the claims, one of their history.
    Every item is checked first; if any is refused, `ItemsRefused` says which (by index) and
    why (by field), and nothing is recorded. An item its caller could not even read is passed
    as that `ValidationError`, to be reported with the others."""
    if not roles.can_add_claim(created_by):
        raise PermissionDenied("Only analysts can record claims.")
    if not items:
        raise ValidationError(_("Send at least one claim."), code="empty_batch")
    if len(items) > MAX_CLAIMS_PER_BATCH:
        raise ValidationError(
            _(
                "One request may record at most %(limit)d claims; this one had %(count)d. "
                "Send them in several requests."
            )
            % {"limit": MAX_CLAIMS_PER_BATCH, "count": len(items)},
            code="batch_too_large",
        )
    prepared, refused = [], {}
    for index, item in enumerate(items):
        if isinstance(item, ValidationError):
            refused[index] = item
            continue
        try:
            prepared.append(_prepared(item, created_by))
        except ValidationError as error:
            refused[index] = error
    if refused:
        raise ItemsRefused(refused, noun="claims", total=len(items))
    for (claim, _slugs), key in zip(prepared, request_keys or (), strict=False):
        claim.request_key = key
    _insert(prepared, created_by)
    return [claim for claim, _ in prepared]


def claim_check_version(claim: Claim, version: int | None) -> None:
    """Refuse with `Conflict` an edit based on `version` when `claim` (as just read) is at
    another: the conflict names who changed it and carries the current values."""
    if version is not None and claim.version == version:
        return
    refuse_stale(
        claim,
        version,
        missing=_("Send the version of the claim you edited."),
        stale=_(
            "%(editor)s changed this claim after you opened it (now version %(now)s, yours "
            "was %(yours)s). Nothing was saved: review their changes and edit again."
        ),
        current={
            "statement": claim.statement,
            "source": claim.source_id,
            "credibility": claim.credibility,
            "start": claim.start,
            "end": claim.end,
            "quote": claim.quote,
            "status": claim.status,
            "tags": list(claim.tags.values_list("name", flat=True)),
        },
    )


@retried_on_conflict
def claim_update(*, claim: Claim, user: User, version: int | None, **changes) -> Claim:
    """Edit a claim based on `version`; a stale version raises `Conflict` and changes nothing."""
    unknown = set(changes) - EDITABLE_CLAIM_FIELDS
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    span_fields = {"start", "end", "quote"} & set(changes)
    if span_fields and span_fields != {"start", "end", "quote"}:
        raise ValidationError(
            {"quote": "To move a claim send start, end and the new quote together."},
            code="partial_span",
        )
    tag_names = changes.pop("tags", None)
    slugs = tag_slugs(tag_names) if tag_names is not None else None
    try:
        with evidence_write():
            if version is None:
                claim_check_version(claim, version)
            current = locked_claim(claim, with_text=bool(span_fields))
            editable = roles.can_edit_claim(user, current)
            if current.version != version and editable and _in_effect(current, changes, slugs):
                # The same edit sent again (its answer was lost on the way): the claim holds it
                # already, nothing of a later version would be overwritten, nothing to save.
                return with_tags(current, tag_rows(current)[1])
            claim_check_version(current, version)
            if not editable:
                raise PermissionDenied("You can edit only your own draft or rejected claims.")
            before = {field: getattr(current, field) for field in SUBSTANCE_FIELDS}
            for field, value in changes.items():
                setattr(current, field, one_line(value) if field == "statement" else value)
            fields = set(changes) | {"version"}
            if span_fields:
                _validate_span(current)
                _anchor(current)
                fields |= {"prefix", "suffix"}
            reason = ""
            if any(getattr(current, field) != before[field] for field in SUBSTANCE_FIELDS):
                reason = _reopen(current)
                fields |= {"status", "reviewed_by", "reviewed_at", "evaluated_reliability"}
            _check_fields(current)
            current.version += 1
            save_claim(current, fields)
            rows, tags = tag_rows(current)
            if slugs is not None:
                named = tags_named(slugs)
                new_rows = replace_tags(current, rows, [named[slug] for slug in slugs])
            else:
                with_tags(current, tags)
                new_rows = {current.pk: rows}
            record_history([current], "~", user=user, tag_rows=new_rows, reason=reason)
    except IntegrityError as error:
        raise ValidationError(integrity_error_messages(error), code="refused") from None
    return current


def _in_effect(claim: Claim, changes: dict, slugs: list[str] | None) -> bool:
    """Whether `claim` already holds every value of `changes` (and the tags `slugs`)."""
    for field, value in changes.items():
        if field == "source":
            if claim.source_id != value.pk:
                return False
        elif getattr(claim, field) != (one_line(value) if field == "statement" else value):
            return False
    if slugs is None:
        return True
    return sorted(slugs) == sorted(claim.tags.values_list("name", flat=True))


def _reopen(claim: Claim) -> str:
    """A claim whose substance changed no longer holds the evaluation it had: an approved one
    goes back to the review queue, a rejected one being reworked forgets the grade judged, and
    both grades follow the source again. The reason its history entry gives, if any."""
    claim.evaluated_reliability = ""
    if claim.status == ClaimStatus.APPROVED:
        claim.status = ClaimStatus.SUBMITTED
        claim.reviewed_by = None
        claim.reviewed_at = None
        return BACK_TO_REVIEW_REASON
    return ""


@retried_on_conflict
def claim_delete(*, claim: Claim, user: User) -> Claim:
    """Soft-delete a claim: it leaves every list but stays in history and can be restored. A
    deletion sent again (its answer lost on the way) changes nothing and is answered as done."""
    with evidence_write():
        current = locked_claim(claim)
        if current.is_deleted:
            if current.deleted_by_id == user.pk:
                return current
            raise ValidationError(
                _("Someone else deleted this claim a moment ago: reload the page."), code="deleted"
            )
        if not roles.can_edit_claim(user, current):
            raise PermissionDenied("You can delete only your own draft or rejected claims.")
        current.deleted_at = timezone.now()
        current.deleted_by = user
        current.version += 1
        save_and_record(current, ["deleted_at", "deleted_by", "version"], user=user)
    return current


@retried_on_conflict
def claim_restore(*, claim: Claim, user: User) -> Claim:
    """Undo a soft delete."""
    with evidence_write():
        current = locked_claim(claim)
        if not current.is_deleted:
            return current
        if not roles.can_restore_claim(user, current):
            raise PermissionDenied("Only the person who deleted this claim can restore it.")
        current.deleted_at = None
        current.deleted_by = None
        current.version += 1
        save_and_record(current, ["deleted_at", "deleted_by", "version"], user=user)
    return current
