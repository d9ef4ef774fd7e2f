"""Links between claims through the services: canonical order, no duplicates, who decides
and who may withdraw."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import ClaimLink
from claims.services import (
    claim_delete,
    link_create,
    link_delete,
    link_set_status,
)
from project.errors import Conflict
from tests.factories import (
    ClaimFactory,
    ClaimLinkFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(analyst):
    first = ClaimFactory(created_by=analyst)
    second = ClaimFactory(created_by=analyst)
    return first, second


def test_link_create_refuses_a_self_link(pair, analyst):
    claim, _ = pair
    with pytest.raises(ValidationError) as error:
        link_create(kind="contradicts", claim_a=claim, claim_b=claim, user=analyst)
    assert "claim_b" in error.value.message_dict
    assert not ClaimLink.objects.exists()


def test_link_create_stores_lower_id_first(pair, analyst):
    low, high = pair
    link = link_create(kind="contradicts", claim_a=high, claim_b=low, user=analyst, note="Why")
    assert (link.claim_a_id, link.claim_b_id, link.status) == (low.pk, high.pk, "proposed")


def test_link_create_refuses_a_duplicate(pair, analyst):
    low, high = pair
    link_create(kind="contradicts", claim_a=low, claim_b=high, user=analyst)
    with pytest.raises(ValidationError):
        link_create(kind="contradicts", claim_a=low, claim_b=high, user=analyst)
    assert ClaimLink.objects.count() == 1


def test_link_create_refuses_a_duplicate_given_in_reverse(pair, analyst):
    low, high = pair
    link_create(kind="contradicts", claim_a=low, claim_b=high, user=analyst)
    with pytest.raises(ValidationError):
        link_create(kind="contradicts", claim_a=high, claim_b=low, user=analyst)
    assert ClaimLink.objects.count() == 1


def test_link_of_the_other_kind_for_the_same_pair_is_allowed(pair, analyst):
    low, high = pair
    link_create(kind="contradicts", claim_a=low, claim_b=high, user=analyst)
    link_create(kind="corroborates", claim_a=high, claim_b=low, user=analyst)
    assert ClaimLink.objects.count() == 2


def test_link_create_refuses_unknown_kind(pair, analyst):
    low, high = pair
    with pytest.raises(ValidationError) as error:
        link_create(kind="refutes", claim_a=low, claim_b=high, user=analyst)
    assert "kind" in error.value.message_dict


def test_link_create_refuses_a_deleted_claim(pair, analyst):
    low, high = pair
    deleted = claim_delete(claim=high, user=analyst)
    with pytest.raises(ValidationError):
        link_create(kind="contradicts", claim_a=low, claim_b=deleted, user=analyst)
    assert not ClaimLink.objects.exists()


def test_user_without_role_cannot_link(pair, no_role_user):
    low, high = pair
    with pytest.raises(PermissionDenied):
        link_create(kind="contradicts", claim_a=low, claim_b=high, user=no_role_user)


def test_links_may_cross_articles(pair, analyst):
    low, high = pair
    assert low.article_id != high.article_id
    assert link_create(kind="corroborates", claim_a=low, claim_b=high, user=analyst).pk


def test_reviewer_confirms_a_link(reviewer):
    link = ClaimLinkFactory()
    link_set_status(link=link, status="confirmed", user=reviewer, version=link.version)
    link.refresh_from_db()
    assert (link.status, link.decided_by) == ("confirmed", reviewer)


def test_link_author_cannot_decide_own_link(reviewer):
    link = ClaimLinkFactory(created_by=reviewer)
    with pytest.raises(PermissionDenied):
        link_set_status(link=link, status="confirmed", user=reviewer, version=link.version)
    link.refresh_from_db()
    assert link.status == "proposed"


def test_analyst_cannot_decide_a_link(analyst2):
    link = ClaimLinkFactory()
    with pytest.raises(PermissionDenied):
        link_set_status(link=link, status="dismissed", user=analyst2, version=link.version)


def test_link_back_to_proposed_clears_decision(reviewer):
    link = ClaimLinkFactory()
    link = link_set_status(link=link, status="dismissed", user=reviewer, version=link.version)
    link_set_status(link=link, status="proposed", user=reviewer, version=link.version)
    link.refresh_from_db()
    assert (link.decided_by, link.decided_at) == (None, None)


def test_link_set_status_refuses_unknown_status(reviewer):
    link = ClaimLinkFactory()
    with pytest.raises(ValidationError):
        link_set_status(link=link, status="maybe", user=reviewer, version=link.version)


def test_author_can_delete_own_proposed_link(analyst):
    link = ClaimLinkFactory(created_by=analyst)
    link_delete(link=link, user=analyst)
    assert not ClaimLink.objects.exists()


def test_author_cannot_delete_a_confirmed_link(analyst, reviewer):
    link = ClaimLinkFactory(created_by=analyst)
    link = link_set_status(link=link, status="confirmed", user=reviewer, version=link.version)
    with pytest.raises(PermissionDenied):
        link_delete(link=link, user=analyst)
    assert ClaimLink.objects.exists()


def test_a_removal_read_before_a_reviewer_confirmed_the_link_is_refused(analyst, reviewer):
    """The proposer's page read the link while it was proposed; a reviewer confirmed it before
    the removal arrived. Before, the confirmed link was deleted."""
    opened = ClaimLinkFactory(created_by=analyst)
    link_set_status(
        link=ClaimLink.objects.get(pk=opened.pk),
        status="confirmed",
        user=reviewer,
        version=opened.version,
    )

    with pytest.raises(PermissionDenied, match="A reviewer has decided this link"):
        link_delete(link=opened, user=analyst)

    assert ClaimLink.objects.get(pk=opened.pk).status == "confirmed"


def test_a_link_removed_a_moment_ago_is_removed_once(analyst):
    link = ClaimLinkFactory(created_by=analyst)
    ClaimLink.objects.filter(pk=link.pk).delete()

    link_delete(link=link, user=analyst)

    assert not ClaimLink.objects.exists()


def test_a_decision_on_a_stale_version_is_refused_and_changes_nothing(reviewer, staff_user):
    link = ClaimLinkFactory()
    opened = link.version
    link_set_status(link=link, status="confirmed", user=reviewer, version=opened)

    with pytest.raises(Conflict) as conflict:
        link_set_status(link=link, status="dismissed", user=staff_user, version=opened)

    assert "rita changed this link after you opened it" in str(conflict.value)
    assert conflict.value.current["status"] == "confirmed"
    link.refresh_from_db()
    assert (link.status, link.decided_by, link.version) == ("confirmed", reviewer, opened + 1)


def test_a_decision_without_a_version_is_refused(reviewer):
    link = ClaimLinkFactory()
    with pytest.raises(ValidationError) as error:
        link_set_status(link=link, status="confirmed", user=reviewer, version=None)
    assert "version" in error.value.message_dict
