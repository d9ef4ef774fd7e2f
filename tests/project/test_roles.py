"""The role rules of `project.roles`, role by role."""

from types import SimpleNamespace

import pytest

from claims.models import ClaimStatus
from project import roles
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLE_USERS = {
    "analyst": {"groups": ["analyst"]},
    "reviewer": {"groups": ["reviewer"]},
    "staff": {"is_staff": True},
    "none": {},
}

EXPECTED = {
    # rule: (analyst, reviewer, staff, no role)
    "can_add_article": (True, True, True, False),
    "can_add_claim": (True, False, True, False),
    "can_add_source": (True, True, True, False),
    "can_grade_source": (False, True, True, False),
    "can_add_link": (True, True, True, False),
    "can_decide_suggestion": (True, False, True, False),
}


@pytest.mark.parametrize("rule", sorted(EXPECTED))
@pytest.mark.parametrize("role_index, role", list(enumerate(ROLE_USERS)))
def test_role_permissions(rule, role_index, role):
    user = UserFactory(**ROLE_USERS[role])
    assert getattr(roles, rule)(user) is EXPECTED[rule][role_index]


@pytest.mark.parametrize("role_index, role", list(enumerate(ROLE_USERS)))
def test_who_may_review_someone_elses_claim(role_index, role):
    user = UserFactory(**ROLE_USERS[role])
    claim = ClaimFactory(status=ClaimStatus.SUBMITTED)
    assert roles.can_review_claim(user, claim) is (False, True, True, False)[role_index]


@pytest.mark.parametrize("role_index, role", list(enumerate(ROLE_USERS)))
def test_who_may_decide_someone_elses_link(role_index, role):
    user = UserFactory(**ROLE_USERS[role])
    expected = (False, True, True, False)[role_index]
    assert roles.can_decide_link(user, SimpleNamespace(created_by_id=user.pk + 1000)) is expected


def test_inactive_staff_has_no_staff_powers():
    user = UserFactory(is_staff=True, is_active=False)
    assert not roles.is_staff(user)


def test_an_inactive_account_holds_no_role():
    """Work it left queued (a job runs as the user who started it) gets no more rights than
    the account has now."""
    user = UserFactory(groups=["analyst", "reviewer"], is_active=False)
    assert not (roles.is_analyst(user) or roles.is_reviewer(user) or roles.can_add_claim(user))


@pytest.mark.parametrize("role_index, role", list(enumerate(ROLE_USERS)))
def test_who_may_change_their_own_work_once_done(role_index, role):
    """An account whose role was taken away (an observer) reads, and changes nothing: not even
    what it recorded, deleted or uploaded while it had one (its withdrawal, a restore, the
    article's details, a proposed link)."""
    from articles.models import Article
    from claims.models import ClaimLink

    user = UserFactory(**ROLE_USERS[role])
    submitted = ClaimFactory(created_by=user, status=ClaimStatus.SUBMITTED)
    deleted = ClaimFactory(created_by=user)
    deleted.deleted_by_id = user.pk
    article = Article(uploaded_by_id=user.pk)
    link = ClaimLink(created_by_id=user.pk, status=roles.UNDECIDED_LINK_STATUS)
    may = (True, True, True, False)[role_index]
    may_as_analyst = (True, False, True, False)[role_index]

    assert roles.can_withdraw_claim(user, submitted) is may_as_analyst
    assert roles.can_restore_claim(user, deleted) is may_as_analyst
    assert roles.can_edit_article(user, article) is may
    assert roles.can_delete_link(user, link) is may
