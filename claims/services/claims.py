"""Every write to claims and their tags: recording, editing, review, soft delete.

Views, the API, admin actions and management commands call these functions, so each rule lives
here once. They raise `ValidationError`, `PermissionDenied` or `Conflict`, and never see a request.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from articles.models import Article
from claims.models import Claim, ClaimStatus, Tag, span_context
from claims.services.edit_lock import refuse_stale
from project import roles
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


# --- Tags --------------------------------------------------------------------------------------


#: The most tags one claim may carry: enough for any real subject, and a bound on what one
#: request can create.
MAX_TAGS_PER_CLAIM = 20


def tags_from_names(names: Iterable[str]) -> list[Tag]:
    """The tags with these names, created where new. Names are slugified (`Troop numbers` →
    `troop-numbers`); more than `MAX_TAGS_PER_CLAIM` different tags are refused."""
    names = list(names)
    if len(set(names)) > MAX_TAGS_PER_CLAIM:
        raise ValidationError(
            {
                "tags": f"A claim may carry at most {MAX_TAGS_PER_CLAIM} tags; "
                f"this one had {len(set(names))}. Keep the ones that matter most."
            },
            code="too_many_tags",
        )
    slugs = []
    for name in names:
        slug = slugify(name, allow_unicode=True)
        if not slug:
            raise ValidationError(
                {"tags": f"“{name}” is not a usable tag: use letters, digits or hyphens."},
                code="invalid_tag",
            )
        if len(slug) > Tag._meta.get_field("name").max_length:
            raise ValidationError({"tags": f"“{name}” is too long for a tag."}, code="invalid_tag")
        if slug not in slugs:
            slugs.append(slug)
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=slugs)}
    missing = [Tag(name=slug) for slug in slugs if slug not in existing]
    if missing:
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {tag.name: tag for tag in Tag.objects.filter(name__in=slugs)}
    return [existing[slug] for slug in slugs]


# --- Claims ------------------------------------------------------------------------------------


def _anchor(claim: Claim) -> None:
    """Set the claim's prefix and suffix from its article text."""
    claim.prefix, claim.suffix = span_context(claim.article.text, claim.start, claim.end)


def _validate_span(claim: Claim) -> None:
    if claim.start is None or claim.end is None or claim.start < 0:
        raise ValidationError({"start": "The start must be 0 or more."}, code="out_of_range")
    claim.clean()


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
) -> Claim:
    """Record a passage of `article` as a draft claim. `start`/`end` are code-point offsets and
    `quote` must equal the text between them."""
    if not roles.can_add_claim(created_by):
        raise PermissionDenied("Only analysts can record claims.")
    claim = Claim(
        article=article,
        start=start,
        end=end,
        quote=quote,
        source=source,
        credibility=credibility,
        statement=one_line(statement),
        created_by=created_by,
    )
    _validate_span(claim)
    _anchor(claim)
    claim.full_clean()
    with transaction.atomic():
        tag_objects = tags_from_names(tags)
        claim._history_user = created_by
        claim.save()
        claim.tags.set(tag_objects)
    return claim


def claim_check_version(claim: Claim, version: int | None) -> None:
    """Refuse with `Conflict` an edit based on `version` when `claim` (as just read) is at
    another: the conflict names who changed it and carries the current values."""
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


def _locked_at_version(claim: Claim, version: int | None) -> Claim:
    """Re-read the claim under a row lock and refuse if the caller worked from a stale version."""
    if version is None:
        claim_check_version(claim, version)
    current = (
        Claim.all_objects.select_for_update()
        .select_related("article", "source", "created_by")
        .get(pk=claim.pk)
    )
    claim_check_version(current, version)
    return current


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
    with transaction.atomic():
        current = _locked_at_version(claim, version)
        if not roles.can_edit_claim(user, current):
            raise PermissionDenied("You can edit only your own draft or rejected claims.")
        tag_names = changes.pop("tags", None)
        before = {field: getattr(current, field) for field in SUBSTANCE_FIELDS}
        for field, value in changes.items():
            setattr(current, field, one_line(value) if field == "statement" else value)
        if span_fields:
            _validate_span(current)
            _anchor(current)
        if any(getattr(current, field) != before[field] for field in SUBSTANCE_FIELDS):
            _reopen(current)
        current.full_clean()
        current.version += 1
        current._history_user = user
        current.save()
        if tag_names is not None:
            current.tags.set(tags_from_names(tag_names))
    return current


def _reopen(claim: Claim) -> None:
    """A claim whose substance changed no longer holds the evaluation it had: an approved one
    goes back to the review queue (its history entry says why), a rejected one being reworked
    forgets the grade judged, and both grades follow the source again."""
    if claim.status == ClaimStatus.APPROVED:
        claim.status = ClaimStatus.SUBMITTED
        claim.reviewed_by = None
        claim.reviewed_at = None
        claim._change_reason = BACK_TO_REVIEW_REASON
    claim.evaluated_reliability = ""


def _transition(claim: Claim, *, allowed_from: set[str], to: str, refusal: str) -> None:
    """Move `claim` to status `to`, or refuse with `refusal` (a whole sentence naming the
    claim's status as `%(status)s`) where its status is not one of `allowed_from`."""
    if claim.status not in allowed_from:
        raise ValidationError(
            {"status": refusal % {"status": claim.get_status_display().lower()}},
            code="invalid_transition",
        )
    claim.status = to
    claim.version += 1


def claim_submit(*, claim: Claim, user: User) -> Claim:
    """Send a draft (or reworked rejected) claim to the review queue."""
    with transaction.atomic():
        current = Claim.all_objects.select_for_update().get(pk=claim.pk)
        if not roles.can_submit_claim(user, current):
            raise PermissionDenied("You can submit only your own draft or rejected claims.")
        _transition(
            current,
            allowed_from={ClaimStatus.DRAFT, ClaimStatus.REJECTED},
            to=ClaimStatus.SUBMITTED,
            refusal=_("Only draft or rejected claims can be submitted; this one is %(status)s."),
        )
        current.reviewed_by = None
        current.reviewed_at = None
        current.evaluated_reliability = ""
        current._history_user = user
        current.save()
    return current


def _status_error(message: str, *, code: str) -> ValidationError:
    return ValidationError({"status": ValidationError(message, code=code)})


def claim_withdraw(*, claim: Claim, user: User) -> Claim:
    """Take a submitted claim back to draft (its author only), before a reviewer decides: an
    approved or rejected claim stays as decided. The history records the withdrawal."""
    with transaction.atomic():
        current = Claim.all_objects.select_for_update().get(pk=claim.pk)
        if not roles.can_withdraw_claim(user, current):
            raise PermissionDenied(_("Only the author of a claim can withdraw it from review."))
        if current.status == ClaimStatus.APPROVED:
            raise _status_error(
                _("A reviewer has approved this claim, so it can no longer be withdrawn."),
                code="decided",
            )
        if current.status == ClaimStatus.REJECTED:
            raise _status_error(
                _(
                    "A reviewer has rejected this claim, so there is nothing to withdraw: "
                    "edit it and submit it again."
                ),
                code="decided",
            )
        if current.status != ClaimStatus.SUBMITTED:
            raise _status_error(
                _("Only a claim waiting for review can be withdrawn; this one is a draft."),
                code="invalid_transition",
            )
        current.status = ClaimStatus.DRAFT
        current.version += 1
        current._history_user = user
        current._change_reason = "Withdrawn from review by its author"
        current.save()
    return current


def _review(*, claim: Claim, reviewer: User, note: str, to: str, refusal: str) -> Claim:
    with transaction.atomic():
        current = Claim.all_objects.select_for_update().get(pk=claim.pk)
        if roles.is_author(reviewer, current):
            raise PermissionDenied("You cannot review your own claim.")
        if not roles.can_review_claim(reviewer, current):
            raise PermissionDenied("Only reviewers can approve or reject claims.")
        if current.is_deleted:
            raise ValidationError("This claim has been deleted.", code="deleted")
        _transition(current, allowed_from={ClaimStatus.SUBMITTED}, to=to, refusal=refusal)
        current.reviewed_by = reviewer
        current.reviewed_at = timezone.now()
        current.review_note = note.strip()
        # The grade as the reviewer judged it: a later re-rating or merge leaves it alone.
        current.evaluated_reliability = Source.objects.values_list("reliability", flat=True).get(
            pk=current.source_id
        )
        current._history_user = reviewer
        current.save()
    return current


def claim_approve(*, claim: Claim, reviewer: User, note: str = "") -> Claim:
    """Approve a submitted claim. A reviewer may not approve their own claim."""
    return _review(
        claim=claim,
        reviewer=reviewer,
        note=note,
        to=ClaimStatus.APPROVED,
        refusal=_("Only submitted claims can be approved; this one is %(status)s."),
    )


def claim_reject(*, claim: Claim, reviewer: User, note: str) -> Claim:
    """Reject a submitted claim, saying why. A reviewer may not reject their own claim."""
    if not note or not note.strip():
        raise ValidationError(
            {"note": "Say why the claim is rejected, so its author can rework it."},
            code="required",
        )
    return _review(
        claim=claim,
        reviewer=reviewer,
        note=note,
        to=ClaimStatus.REJECTED,
        refusal=_("Only submitted claims can be rejected; this one is %(status)s."),
    )


def claim_delete(*, claim: Claim, user: User) -> Claim:
    """Soft-delete a claim: it leaves every list but stays in history and can be restored."""
    with transaction.atomic():
        current = Claim.all_objects.select_for_update().get(pk=claim.pk)
        if not roles.can_edit_claim(user, current):
            raise PermissionDenied("You can delete only your own draft or rejected claims.")
        current.deleted_at = timezone.now()
        current.deleted_by = user
        current.version += 1
        current._history_user = user
        current.save()
    return current


def claim_restore(*, claim: Claim, user: User) -> Claim:
    """Undo a soft delete."""
    with transaction.atomic():
        current = Claim.all_objects.select_for_update().get(pk=claim.pk)
        if not current.is_deleted:
            return current
        if not roles.can_restore_claim(user, current):
            raise PermissionDenied("Only the person who deleted this claim can restore it.")
        current.deleted_at = None
        current.deleted_by = None
        current.version += 1
        current._history_user = user
        current.save()
    return current


# --- Review queue: bulk decisions --------------------------------------------------------------


def claims_approve_bulk(*, claims: Iterable[Claim], reviewer: User, note: str = "") -> list[Claim]:
    """Approve every one of `claims`, all or nothing: if any cannot be approved (the reviewer's
    own, no longer submitted, deleted) the error is raised and none is approved."""
    claims = list(claims)
    if not claims:
        raise ValidationError("Choose at least one claim to approve.", code="empty_selection")
    approved = []
    with transaction.atomic():
        for claim in claims:
            try:
                approved.append(claim_approve(claim=claim, reviewer=reviewer, note=note))
            except PermissionDenied as error:
                raise PermissionDenied(
                    _("Claim %(id)s: %(reason)s Nothing was approved.")
                    % {"id": claim.pk, "reason": error}
                ) from error
            except ValidationError as error:
                raise ValidationError(
                    _("Claim %(id)s: %(reason)s Nothing was approved.")
                    % {"id": claim.pk, "reason": " ".join(error.messages)},
                    code="not_approvable",
                ) from error
    return approved
