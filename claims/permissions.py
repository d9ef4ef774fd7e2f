"""Who may do what: the one place the role rules live.

Views, the API, the admin and the services all ask these functions, so a rule changes in one place.
Roles are the groups `analyst` and `reviewer`; staff curate everything.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from articles.models import Article
from claims.models import Claim, ClaimStatus

ANALYST = "analyst"
REVIEWER = "reviewer"
ROLES = (ANALYST, REVIEWER)

AnyUser = AbstractBaseUser | AnonymousUser


def _groups(user: AnyUser) -> frozenset[str]:
    """The user's group names, read once per user object."""
    if not user.is_authenticated:
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


def can_add_article(user: AnyUser) -> bool:
    return is_analyst(user) or is_reviewer(user)


def can_edit_article(user: AnyUser, article: Article) -> bool:
    """The uploader corrects an article's details; staff correct any."""
    return is_staff(user) or (user.is_authenticated and article.uploaded_by_id == user.pk)


def can_add_claim(user: AnyUser) -> bool:
    return is_analyst(user)


def can_edit_claim(user: AnyUser, claim: Claim) -> bool:
    """Authors edit their own drafts (and rejected claims, to rework them); staff edit any."""
    if claim.is_deleted:
        return False
    if is_staff(user):
        return True
    return (
        is_analyst(user)
        and claim.created_by_id == user.pk
        and claim.status in (ClaimStatus.DRAFT, ClaimStatus.REJECTED)
    )


def can_submit_claim(user: AnyUser, claim: Claim) -> bool:
    return can_edit_claim(user, claim)


def can_review_claim(user: AnyUser, claim: Claim) -> bool:
    """Reviewers (and staff) approve or reject, never their own claims."""
    return is_reviewer(user) and claim.created_by_id != user.pk


def can_add_source(user: AnyUser) -> bool:
    return is_analyst(user) or is_reviewer(user)


def can_grade_source(user: AnyUser) -> bool:
    """Changing a source's reliability or merging sources is a reviewer's call."""
    return is_reviewer(user)


def can_add_link(user: AnyUser) -> bool:
    return is_analyst(user) or is_reviewer(user)


def can_decide_link(user: AnyUser, *, created_by_id: int) -> bool:
    """Reviewers confirm or dismiss links that someone else proposed."""
    return is_reviewer(user) and created_by_id != user.pk


def can_export_claims(user: AnyUser) -> bool:
    """Anyone with a role may take a claim set out (every export is recorded)."""
    return is_analyst(user) or is_reviewer(user)


def can_import_claims(user: AnyUser) -> bool:
    """Importing writes articles, sources, claims and people at once: staff only."""
    return is_staff(user)
