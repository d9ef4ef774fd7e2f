"""The review transitions of a claim: submit to the queue, withdraw from it, approve or reject
(one at a time or several at once).

Like every claim service they raise `ValidationError`, `PermissionDenied` or `Conflict`, and
never see a request.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.aggregates import evidence_write
from claims.models import Claim, ClaimStatus
from claims.services.edit_lock import refuse_stale
from claims.services.writes import locked_claim, save_and_record
from project import roles
from project.errors import Conflict
from project.retry import retried_on_conflict

User = AbstractBaseUser


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


@retried_on_conflict
def claim_submit(*, claim: Claim, user: User) -> Claim:
    """Send a draft (or reworked rejected) claim to the review queue."""
    with evidence_write():
        current = locked_claim(claim)
        if current.status == ClaimStatus.SUBMITTED and roles.is_author(user, current):
            return current  # sent again, its answer lost on the way: nothing to change
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
        save_and_record(
            current,
            ["status", "version", "reviewed_by", "reviewed_at", "evaluated_reliability"],
            user=user,
        )
    return current


def _status_error(message: str, *, code: str) -> ValidationError:
    return ValidationError({"status": ValidationError(message, code=code)})


@retried_on_conflict
def claim_withdraw(*, claim: Claim, user: User) -> Claim:
    """Take a submitted claim back to draft (its author only), before a reviewer decides: an
    approved or rejected claim stays as decided. The history records the withdrawal."""
    with evidence_write():
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


@retried_on_conflict
def _review(
    *, claim: Claim, reviewer: User, note: str, to: str, refusal: str, version: int | None
) -> Claim:
    with evidence_write():
        current = locked_claim(claim)
        if roles.is_author(reviewer, current):
            raise PermissionDenied("You cannot review your own claim.")
        if not roles.can_review_claim(reviewer, current):
            raise PermissionDenied("Only reviewers can approve or reject claims.")
        if current.is_deleted:
            raise ValidationError("This claim has been deleted.", code="deleted")
        if (current.status, current.reviewed_by_id, current.review_note) == (
            to,
            reviewer.pk,
            note.strip(),
        ):
            return current  # the same decision sent again, its answer lost: nothing to change
        if version is not None and current.status == ClaimStatus.SUBMITTED:
            # A decision covers the claim its reviewer read: not one its author rewrote, or
            # a merge re-attributed, since (a claim decided meanwhile is refused for that).
            refuse_stale(
                current,
                version,
                missing="",
                stale=_(
                    "%(editor)s changed this claim after you opened it (now version %(now)s, "
                    "yours was %(yours)s). Nothing was decided: read it again, then decide."
                ),
                current={"status": current.status, "statement": current.statement},
            )
        if current.status in (ClaimStatus.APPROVED, ClaimStatus.REJECTED) and current.reviewed_by:
            # Two reviewers on one claim: the second is told who decided, as for a link.
            raise Conflict(
                _(
                    "%(who)s %(decided)s this claim meanwhile, on %(when)s. Nothing was "
                    "decided: read it again."
                )
                % {
                    "who": current.reviewed_by.get_username(),
                    "decided": current.get_status_display().lower(),
                    "when": timezone.localtime(current.reviewed_at).strftime("%d %b %Y, %H:%M %Z"),
                },
                code="already_decided",
                current={
                    "status": current.status,
                    "reviewed_by": current.reviewed_by.get_username(),
                },
            )
        _transition(current, allowed_from={ClaimStatus.SUBMITTED}, to=to, refusal=refusal)
        current.reviewed_by = reviewer
        current.reviewed_at = timezone.now()
        current.review_note = note.strip()
        # The grade as the reviewer judged it: a later re-rating or merge leaves it alone.
        current.evaluated_reliability = current.source.reliability
        save_and_record(
            current,
            [
                "status",
                "version",
                "reviewed_by",
                "reviewed_at",
                "review_note",
                "evaluated_reliability",
            ],
            user=reviewer,
        )
    return current


def claim_approve(
    *, claim: Claim, reviewer: User, note: str = "", version: int | None = None
) -> Claim:
    """Approve a submitted claim, as it was at `version` where given (else as it is). A
    reviewer may not approve their own claim."""
    return _review(
        claim=claim,
        reviewer=reviewer,
        note=note,
        version=version,
        to=ClaimStatus.APPROVED,
        refusal=_("Only submitted claims can be approved; this one is %(status)s."),
    )


def claim_reject(*, claim: Claim, reviewer: User, note: str, version: int | None = None) -> Claim:
    """Reject a submitted claim, as it was at `version` where given, saying why. A reviewer
    may not reject their own claim."""
    if not note or not note.strip():
        raise ValidationError(
            {"note": "Say why the claim is rejected, so its author can rework it."},
            code="required",
        )
    return _review(
        claim=claim,
        reviewer=reviewer,
        note=note,
        version=version,
        to=ClaimStatus.REJECTED,
        refusal=_("Only submitted claims can be rejected; this one is %(status)s."),
    )


@retried_on_conflict
def claims_approve_bulk(
    *,
    claims: Iterable[Claim],
    reviewer: User,
    note: str = "",
    versions: dict[int, int] | None = None,
) -> list[Claim]:
    """Approve every one of `claims` (each as it was at its version in `versions`, where
    given), all or nothing: if any cannot be approved (the reviewer's own, no longer submitted,
    deleted, changed since) the error is raised and none is approved."""
    claims = list(claims)
    if not claims:
        raise ValidationError("Choose at least one claim to approve.", code="empty_selection")
    approved = []
    with evidence_write():
        for claim in claims:
            try:
                version = (versions or {}).get(claim.pk)
                approved.append(
                    claim_approve(claim=claim, reviewer=reviewer, note=note, version=version)
                )
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
