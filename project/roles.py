"""Who may do what: the one place the role rules live.

Views, the API, the admin and the services of every app ask these functions, so a rule changes in
one place. Roles are the groups `analyst` and `reviewer`; staff curate everything.

This module sits below every app, so it reads the objects it judges by their attributes
(`created_by_id`, `status`, `deleted_at`, `uploaded_by_id`) and imports none of their models.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

if TYPE_CHECKING:  # for the type hints only: a rule never needs the model classes themselves
    from articles.models import Article
    from claims.models import Claim, ClaimLink
    from discussion.models import Comment
    from jobs.models import Job

ANALYST = "analyst"
REVIEWER = "reviewer"
ROLES = (ANALYST, REVIEWER)

#: Claim statuses (`claims.models.ClaimStatus` values) in which the author may still change a
#: claim: a draft, or a rejected claim being reworked.
AUTHOR_EDITABLE_STATUSES = frozenset({"draft", "rejected"})
#: The link status (`claims.models.LinkStatus.PROPOSED`) in which its proposer may withdraw it.
UNDECIDED_LINK_STATUS = "proposed"

AnyUser = AbstractBaseUser | AnonymousUser


def remember_roles(user: AbstractBaseUser, roles: frozenset[str]) -> None:
    """Tell the rules which role groups (of `ROLES`) `user` is in, read with the user itself
    (the API's token lookup does, in its one query): no query of their own follows."""
    user._corroborate_groups = frozenset(roles) & frozenset(ROLES)


def _groups(user: AnyUser) -> frozenset[str]:
    """The user's group names (at least those of `ROLES`, which are all the rules ask about),
    read once per user object. An account switched off holds none: work it left queued (a job)
    runs with no more rights than its owner now has."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_corroborate_groups", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._corroborate_groups = cached
    return cached


def is_staff(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser))


def is_analyst(user: AnyUser) -> bool:
    return is_staff(user) or ANALYST in _groups(user)


def is_reviewer(user: AnyUser) -> bool:
    return is_staff(user) or REVIEWER in _groups(user)


def is_author(user: AnyUser, work: Claim | ClaimLink) -> bool:
    """Whether `user` recorded this claim or proposed this link: nobody judges their own work."""
    return bool(user.is_authenticated and work.created_by_id == user.pk)


# --- Articles ----------------------------------------------------------------------------------


def can_add_article(user: AnyUser) -> bool:
    return is_analyst(user) or is_reviewer(user)


def can_edit_article(user: AnyUser, article: Article) -> bool:
    """The uploader, while they may still add articles, corrects an article's details; staff
    correct any. (An account whose role was taken away reads, and changes nothing.)"""
    return is_staff(user) or (can_add_article(user) and article.uploaded_by_id == user.pk)


# --- Sources -----------------------------------------------------------------------------------


def can_add_source(user: AnyUser) -> bool:
    return is_analyst(user) or is_reviewer(user)


def can_grade_source(user: AnyUser) -> bool:
    """Changing a source's reliability or merging sources is a reviewer's call."""
    return is_reviewer(user)


def can_curate_tags(user: AnyUser) -> bool:
    """Renaming or merging the tags every claim shares is a reviewer's call, as merging sources
    is."""
    return is_reviewer(user)


# --- Claims ------------------------------------------------------------------------------------


def can_add_claim(user: AnyUser) -> bool:
    return is_analyst(user)


def can_edit_claim(user: AnyUser, claim: Claim) -> bool:
    """Authors edit (and delete) their own drafts and rejected claims; staff edit any."""
    return claim_editable_by(user)(claim)


def claim_editable_by(user: AnyUser) -> Callable[[Claim], bool]:
    """`can_edit_claim(user, ·)`, the user's roles read once: for a page of claims (asked for
    each of 500 claims, the user's roles cost a fifth of the reading view)."""
    if is_staff(user):
        return lambda claim: claim.deleted_at is None
    if not is_analyst(user):
        return lambda claim: False
    author = user.pk
    return lambda claim: (
        claim.deleted_at is None
        and claim.created_by_id == author
        and claim.status in AUTHOR_EDITABLE_STATUSES
    )


def can_submit_claim(user: AnyUser, claim: Claim) -> bool:
    return can_edit_claim(user, claim)


def can_withdraw_claim(user: AnyUser, claim: Claim) -> bool:
    """Its author takes a claim back from the review queue to a draft; nobody else, staff
    included (withdrawing is the author's second thought, not a curation), and only while they
    are an analyst."""
    return is_analyst(user) and claim.deleted_at is None and is_author(user, claim)


def can_restore_claim(user: AnyUser, claim: Claim) -> bool:
    """Whoever deleted a claim may bring it back while they are an analyst; staff may restore
    any."""
    return is_staff(user) or (is_analyst(user) and claim.deleted_by_id == user.pk)


def can_review_claim(user: AnyUser, claim: Claim) -> bool:
    """Reviewers (and staff) approve or reject, never their own claims."""
    return is_reviewer(user) and not is_author(user, claim)


# --- Links -------------------------------------------------------------------------------------


def can_add_link(user: AnyUser) -> bool:
    return is_analyst(user) or is_reviewer(user)


def can_decide_link(user: AnyUser, link: ClaimLink) -> bool:
    """Reviewers confirm or dismiss links that someone else proposed."""
    return is_reviewer(user) and not is_author(user, link)


def can_delete_link(user: AnyUser, link: ClaimLink) -> bool:
    """Its proposer, while they may still propose links, withdraws a link while it is undecided;
    staff delete any."""
    return is_staff(user) or (
        can_add_link(user) and is_author(user, link) and link.status == UNDECIDED_LINK_STATUS
    )


# --- Discussion --------------------------------------------------------------------------------


def can_comment(user: AnyUser, claim: Claim) -> bool:
    """Anyone with a role discusses a claim that is not deleted; a person without a role reads
    the discussion and writes nothing, as everywhere."""
    return (is_analyst(user) or is_reviewer(user)) and claim.deleted_at is None


def can_withdraw_comment(user: AnyUser, comment: Comment) -> bool:
    """Its author withdraws a comment (while they may still comment); staff withdraw any."""
    return is_staff(user) or (
        (is_analyst(user) or is_reviewer(user)) and comment.author_id == user.pk
    )


# --- Suggestions -------------------------------------------------------------------------------


def can_decide_suggestion(user: AnyUser) -> bool:
    """Analysts (and staff) accept or dismiss what the engine suggests: accepting records draft
    claims in their name. Deciding the links it proposes stays a reviewer's call."""
    return is_analyst(user)


# --- Exports -----------------------------------------------------------------------------------


def can_export_claims(user: AnyUser) -> bool:
    """Anyone with a role may take a claim set out (every export is recorded)."""
    return is_analyst(user) or is_reviewer(user)


def can_see_every_export(user: AnyUser) -> bool:
    """Staff see everyone's exports; everyone else sees their own."""
    return is_staff(user)


def can_import_claims(user: AnyUser) -> bool:
    """Importing writes articles, sources, claims and people at once: staff only."""
    return is_staff(user)


# --- Jobs --------------------------------------------------------------------------------------


def can_see_every_job(user: AnyUser) -> bool:
    """Staff see every background job; everyone else sees the jobs they started."""
    return is_staff(user)


def can_see_job(user: AnyUser, job: Job) -> bool:
    return is_staff(user) or bool(user.is_authenticated and job.created_by_id == user.pk)


def can_cancel_job(user: AnyUser, job: Job) -> bool:
    """A person cancels the jobs they started; staff cancel any."""
    return bool(user.is_active) and can_see_job(user, job)


def can_retry_job(user: AnyUser, job: Job) -> bool:
    """Retrying reruns the work as the person who started it, so the same rule as cancelling:
    the kind checks again that they may still do the work."""
    return can_cancel_job(user, job)
