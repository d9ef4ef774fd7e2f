"""A link rests on its two claims: confirming it is refused while one of them is rejected or
deleted (`link_set_status`, `link_confirm_refusal`); dismissing stays possible."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import ClaimLink, LinkStatus
from claims.services import (
    claim_approve,
    claim_delete,
    claim_reject,
    claim_submit,
    link_confirm_refusal,
    link_set_status,
)
from tests.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(analyst, analyst2):
    first = ClaimFactory(created_by=analyst)
    second = ClaimFactory(created_by=analyst)
    link = ClaimLinkFactory(claim_a=first, claim_b=second, created_by=analyst2)
    return first, second, link


def _reject(claim, analyst, reviewer):
    claim_submit(claim=claim, user=analyst)
    claim_reject(claim=claim, reviewer=reviewer, note="Not what the text says.")


def test_confirming_a_link_to_a_rejected_claim_is_refused(pair, analyst, reviewer):
    first, _second, link = pair
    _reject(first, analyst, reviewer)

    with pytest.raises(ValidationError) as refused:
        link_set_status(link=link, status=LinkStatus.CONFIRMED, user=reviewer, version=1)

    assert refused.value.error_dict["status"][0].code == "not_evidence"
    assert f"Claim {first.pk} was rejected" in refused.value.messages[0]
    assert ClaimLink.objects.get(pk=link.pk).status == LinkStatus.PROPOSED


def test_confirming_a_link_to_a_deleted_claim_is_refused(pair, analyst, reviewer):
    _first, second, link = pair
    claim_delete(claim=second, user=analyst)

    with pytest.raises(ValidationError) as refused:
        link_set_status(link=link, status=LinkStatus.CONFIRMED, user=reviewer, version=1)

    assert f"Claim {second.pk} has been deleted" in refused.value.messages[0]
    assert ClaimLink.objects.get(pk=link.pk).status == LinkStatus.PROPOSED


def test_a_link_to_a_rejected_claim_can_still_be_dismissed(pair, analyst, reviewer):
    first, _second, link = pair
    _reject(first, analyst, reviewer)

    dismissed = link_set_status(link=link, status=LinkStatus.DISMISSED, user=reviewer, version=1)

    assert dismissed.status == LinkStatus.DISMISSED


def test_links_between_claims_in_review_or_approved_can_be_confirmed(pair, analyst, reviewer):
    first, second, link = pair
    claim_submit(claim=first, user=analyst)
    claim_submit(claim=second, user=analyst)
    claim_approve(claim=second, reviewer=reviewer)

    confirmed = link_set_status(link=link, status=LinkStatus.CONFIRMED, user=reviewer, version=1)

    assert confirmed.status == LinkStatus.CONFIRMED
    assert link_confirm_refusal(first, second) == ""
