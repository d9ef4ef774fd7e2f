"""Every write to the links between claims: propose, decide (with the edit lock), withdraw.

Views, the API, admin actions and management commands call these functions; they raise
`ValidationError`, `PermissionDenied` or `Conflict`, and never see a request."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.aggregates import evidence_write
from claims.models import Claim, ClaimLink, ClaimStatus, LinkKind, LinkStatus
from claims.services.edit_lock import refuse_stale
from claims.signals import link_recorded
from project import roles
from project.errors import Conflict
from project.retry import retried_on_conflict

User = AbstractBaseUser


def link_check_version(link: ClaimLink, version: int | None) -> None:
    """Refuse with `Conflict` a decision based on `version` when `link` (as just read) is at
    another: two reviewers deciding at once, the later one is told, not silently overruled."""
    refuse_stale(
        link,
        version,
        missing=_("Send the version of the link you decided on."),
        stale=_(
            "%(editor)s changed this link after you opened it (now version %(now)s, yours "
            "was %(yours)s). Nothing was saved: review their changes and decide again."
        ),
        current={
            "status": link.status,
            "decided_by": link.decided_by.get_username() if link.decided_by else None,
        },
    )


def link_confirm_refusal(claim_a: Claim, claim_b: Claim) -> str:
    """Why a link between these two claims cannot be confirmed ("" when it can): a rejected or
    deleted claim is no evidence, so a contradiction or corroboration resting on it is not
    either. Dismissing such a link stays possible."""
    for claim in (claim_a, claim_b):
        if claim.deleted_at is not None:
            return _(
                "Claim %(claim)s has been deleted, so this link cannot be confirmed; "
                "dismiss it instead."
            ) % {"claim": claim.pk}
        if claim.status == ClaimStatus.REJECTED:
            return _(
                "Claim %(claim)s was rejected by a reviewer, so this link cannot be confirmed; "
                "dismiss it, or wait until the claim is reworked and approved."
            ) % {"claim": claim.pk}
    return ""


@retried_on_conflict
def link_create(
    *, kind: str, claim_a: Claim, claim_b: Claim, user: User, note: str = ""
) -> ClaimLink:
    """Link two claims (in either order) as contradicting or corroborating each other."""
    if not roles.can_add_link(user):
        raise PermissionDenied("Only analysts and reviewers can link claims.")
    if kind not in LinkKind.values:
        raise ValidationError(
            {"kind": f"Choose one of: {', '.join(LinkKind.values)}."}, code="invalid_choice"
        )
    if claim_a.pk == claim_b.pk:
        raise ValidationError({"claim_b": "A claim cannot be linked to itself."}, code="self_link")
    if claim_a.is_deleted or claim_b.is_deleted:
        raise ValidationError("A deleted claim cannot be linked.", code="deleted")
    low, high = sorted((claim_a, claim_b), key=lambda claim: claim.pk)
    link = ClaimLink(kind=kind, claim_a=low, claim_b=high, note=note.strip(), created_by=user)
    # The unique constraint on (claim_a, claim_b, kind) refuses a second link, whether it was
    # made long ago or by another request a moment ago: no need to ask first.
    try:
        with evidence_write():
            link._history_user = user
            link.save(force_insert=True)
            link_recorded.send(sender=ClaimLink, link=link)
    except IntegrityError as error:
        if "unique" not in str(error).lower():
            raise ValidationError(
                "One of these claims no longer exists: reload the page.", code="gone"
            ) from None
        raise ValidationError(
            f"These two claims are already linked as “{kind}”.", code="duplicate_link"
        ) from None
    return link


@retried_on_conflict
def link_set_status(
    *,
    link: ClaimLink,
    status: str,
    user: User,
    version: int | None,
    claim_versions: tuple[int | None, int | None] = (None, None),
) -> ClaimLink:
    """Confirm or dismiss a link (or send it back to proposed), based on its `version` and, where
    given, on the versions of its two claims as the decider read them: a stale one raises
    `Conflict` and changes nothing (a pair is judged on the passages seen together, not on a
    claim moved or rewritten since). Not on links one proposed."""
    if status not in LinkStatus.values:
        raise ValidationError(
            {"status": f"Choose one of: {', '.join(LinkStatus.values)}."}, code="invalid_choice"
        )
    if not roles.can_decide_link(user, link):
        raise PermissionDenied(
            "Only a reviewer other than its author can confirm or dismiss a link."
        )
    with evidence_write():
        # Not joined to the decider: PostgreSQL cannot lock the nullable side of an outer join.
        current = ClaimLink.objects.select_for_update().get(pk=link.pk)
        if version is not None and current.version != version and current.status == status:
            # The same decision sent again (its answer was lost on the way), or taken by
            # someone else already: there is nothing to change.
            return current
        link_check_version(current, version)
        _refuse_claims_changed(current, claim_versions)
        if status == LinkStatus.CONFIRMED:
            # Lock both claims too, so that a rejection or delete under way is waited for.
            claim_a, claim_b = (
                Claim.all_objects.select_for_update()
                .filter(pk__in=[current.claim_a_id, current.claim_b_id])
                .order_by("pk")
            )
            refusal = link_confirm_refusal(claim_a, claim_b)
            if refusal:
                raise ValidationError({"status": ValidationError(refusal, code="not_evidence")})
        current.status = status
        current.decided_by = None if status == LinkStatus.PROPOSED else user
        current.decided_at = None if status == LinkStatus.PROPOSED else timezone.now()
        current.version += 1
        current._history_user = user
        current.save()
    return current


#: What a pair is judged on: a claim's words, where they stand, what it states, who says it and
#: how credible it is. A review (submitted, approved) moves the version but none of these.
JUDGED_FIELDS = ("start", "end", "quote", "statement", "source_id", "credibility")


def _refuse_claims_changed(link: ClaimLink, versions: tuple[int | None, int | None]) -> None:
    """Refuse with `Conflict` a decision on `link` when a claim of it no longer says what its
    decider read: a version moved only by its review (approved meanwhile) is no reason, or a
    reviewer deciding a pair while another approved its claims was refused for nothing; a
    rejected claim is refused by the confirmation's own check."""
    read = dict(zip((link.claim_a_id, link.claim_b_id), versions, strict=True))
    if not any(version is not None for version in read.values()):
        return
    claims = Claim.all_objects.filter(pk__in=read).values_list("pk", "version", *JUDGED_FIELDS)
    for claim_id, now, *judged in claims:
        if (
            read[claim_id] is None
            or read[claim_id] == now
            or _reads_the_same(claim_id, read[claim_id], judged)
        ):
            continue
        raise Conflict(
            _(
                "Claim %(claim)s changed after you opened this pair (its passage, its "
                "statement or its source). Nothing was decided: read the pair again, then "
                "decide."
            )
            % {"claim": claim_id},
            code="claim_changed",
            current={"claim": claim_id, "claim_version": now},
        )


def _reads_the_same(claim_id: int, version: int, judged_now: list) -> bool:
    """Whether the claim at `version` (its history entry) said what it says now."""
    then = (
        Claim.history.filter(id=claim_id, version=version)
        .order_by("-history_id")
        .values_list(*JUDGED_FIELDS)
        .first()
    )
    return then is not None and list(then) == list(judged_now)


def link_delete(*, link: ClaimLink, user: User) -> None:
    """Remove a link: its author while it is still proposed, or staff. The rule is judged on
    the stored link, locked: a reviewer's decision committed after the proposer's page read
    it makes the removal refused, not a confirmed link gone."""
    if not roles.can_delete_link(user, link):
        raise PermissionDenied("Only its author can remove a proposed link.")
    _delete(link.pk, user)


@retried_on_conflict
def _delete(pk: int, user: User) -> None:
    with evidence_write():
        current = ClaimLink.objects.select_for_update().filter(pk=pk).first()
        if current is None:
            return  # removed a moment ago: nothing left to do
        if not roles.can_delete_link(user, current):
            raise PermissionDenied(
                "A reviewer has decided this link since you opened it, so only staff can "
                "remove it now."
            )
        current.delete()
