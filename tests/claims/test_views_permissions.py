"""Who may do what from the pages: every action for each role (analyst, reviewer, staff, a user
with no role). The server refuses with 403 and a sentence; the pages hide what a role cannot use."""

import pytest
from django.urls import reverse

from claims.models import ClaimLink, ClaimStatus, LinkStatus
from sources.models import Source
from tests.factories import ClaimFactory, ClaimLinkFactory, SourceFactory

pytestmark = pytest.mark.django_db

ROLES = ["analyst", "reviewer", "staff_user", "no_role_user"]
MAY_REVIEW = {"analyst": False, "reviewer": True, "staff_user": True, "no_role_user": False}


@pytest.fixture
def submitted(analyst2):
    """A claim by someone other than every role fixture, waiting for review."""
    return ClaimFactory(created_by=analyst2, status=ClaimStatus.SUBMITTED)


@pytest.fixture
def proposed_link(analyst2):
    return ClaimLinkFactory(
        claim_a=ClaimFactory(created_by=analyst2),
        claim_b=ClaimFactory(created_by=analyst2),
        created_by=analyst2,
    )


def _login(client, request, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", ROLES)
def test_review_queue_opens_only_for_reviewers_and_staff(client, request, role):
    _login(client, request, role)

    response = client.get(reverse("claims:review"))

    assert response.status_code == (200 if MAY_REVIEW[role] else 403)
    if not MAY_REVIEW[role]:
        assert "The review queue is for reviewers." in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_approving_a_claim_is_for_reviewers_and_staff(client, request, role, submitted):
    _login(client, request, role)

    response = client.post(
        reverse("claims:review-action", args=[submitted.pk]), {"decision": "approve"}
    )

    submitted.refresh_from_db()
    if MAY_REVIEW[role]:
        assert response.status_code == 302
        assert submitted.status == ClaimStatus.APPROVED
    else:
        assert response.status_code == 403
        assert submitted.status == ClaimStatus.SUBMITTED
        assert "Only reviewers can approve or reject claims." in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_rejecting_a_claim_is_for_reviewers_and_staff(client, request, role, submitted):
    _login(client, request, role)

    response = client.post(
        reverse("claims:review-action", args=[submitted.pk]),
        {"decision": "reject", "note": "The quote says otherwise."},
    )

    submitted.refresh_from_db()
    expected = ClaimStatus.REJECTED if MAY_REVIEW[role] else ClaimStatus.SUBMITTED
    assert submitted.status == expected
    assert response.status_code == (302 if MAY_REVIEW[role] else 403)


@pytest.mark.parametrize("role", ROLES)
def test_bulk_approval_is_for_reviewers_and_staff(client, request, role, analyst2):
    claims = [ClaimFactory(created_by=analyst2, status=ClaimStatus.SUBMITTED) for _ in range(3)]
    _login(client, request, role)

    response = client.post(
        reverse("claims:review-bulk-approve"),
        {"claims": [claim.pk for claim in claims], "confirmed": "on"},
    )

    approved = [c.pk for c in claims if type(c).objects.get(pk=c.pk).status == "approved"]
    assert approved == ([c.pk for c in claims] if MAY_REVIEW[role] else [])
    assert response.status_code == (302 if MAY_REVIEW[role] else 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("decision", [LinkStatus.CONFIRMED, LinkStatus.DISMISSED])
def test_deciding_a_link_is_for_reviewers_and_staff(client, request, role, decision, proposed_link):
    _login(client, request, role)

    response = client.post(
        reverse("claims:link-decide", args=[proposed_link.pk]),
        {"status": decision, "version": proposed_link.version},
    )

    proposed_link.refresh_from_db()
    expected = decision if MAY_REVIEW[role] else LinkStatus.PROPOSED
    assert proposed_link.status == expected
    assert response.status_code == (302 if MAY_REVIEW[role] else 403)


@pytest.mark.parametrize("role", ROLES)
def test_changing_reliability_is_for_reviewers_and_staff(client, request, role):
    source = SourceFactory(reliability="C")
    _login(client, request, role)

    response = client.post(
        reverse("claims:source-reliability", args=[source.pk]), {"reliability": "A"}
    )

    source.refresh_from_db()
    assert source.reliability == ("A" if MAY_REVIEW[role] else "C")
    assert response.status_code == (302 if MAY_REVIEW[role] else 403)


@pytest.mark.parametrize("role", ROLES)
def test_merging_sources_is_for_reviewers_and_staff(client, request, role, analyst2):
    target, duplicate = SourceFactory(name="Ministry of Defence"), SourceFactory(name="MoD")
    ClaimFactory(created_by=analyst2, source=duplicate)
    _login(client, request, role)

    response = client.post(
        reverse("claims:source-merge", args=[target.pk]),
        {"duplicates": [duplicate.pk], "confirmed": "on"},
    )

    assert Source.objects.filter(pk=duplicate.pk).exists() is not MAY_REVIEW[role]
    assert response.status_code == (302 if MAY_REVIEW[role] else 403)


def test_reviewer_approving_own_claim_is_refused_with_a_clear_403(client, reviewer):
    own = ClaimFactory(created_by=reviewer, status=ClaimStatus.SUBMITTED)
    client.force_login(reviewer)

    response = client.post(reverse("claims:review-action", args=[own.pk]), {"decision": "approve"})

    own.refresh_from_db()
    assert response.status_code == 403
    assert own.status == ClaimStatus.SUBMITTED
    assert "You cannot review your own claim." in response.content.decode()


def test_reviewer_approving_own_claim_by_script_gets_json_403(client, reviewer):
    own = ClaimFactory(created_by=reviewer, status=ClaimStatus.SUBMITTED)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:review-action", args=[own.pk]),
        {"decision": "approve"},
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 403
    assert response.json() == {"message": "You cannot review your own claim."}


def test_bulk_approval_including_own_claim_approves_none(client, reviewer, analyst2):
    other = ClaimFactory(created_by=analyst2, status=ClaimStatus.SUBMITTED)
    own = ClaimFactory(created_by=reviewer, status=ClaimStatus.SUBMITTED)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:review-bulk-approve"),
        {"claims": [other.pk, own.pk], "confirmed": "on"},
    )

    other.refresh_from_db()
    assert response.status_code == 403
    assert other.status == ClaimStatus.SUBMITTED
    assert "Nothing was approved." in response.content.decode()


def test_reviewer_cannot_decide_a_link_they_proposed(client, reviewer, analyst2):
    link = ClaimLinkFactory(
        claim_a=ClaimFactory(created_by=analyst2),
        claim_b=ClaimFactory(created_by=analyst2),
        created_by=reviewer,
    )
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:link-decide", args=[link.pk]),
        {"status": "confirmed", "version": link.version},
    )

    assert response.status_code == 403
    assert ClaimLink.objects.get(pk=link.pk).status == LinkStatus.PROPOSED


@pytest.mark.parametrize("role", ROLES)
def test_claim_page_shows_review_buttons_only_to_those_who_may_review(
    client, request, role, submitted
):
    _login(client, request, role)

    body = client.get(submitted.get_absolute_url()).content.decode()

    assert ('value="approve"' in body) is MAY_REVIEW[role]


def test_claim_page_hides_review_buttons_from_the_reviewer_who_wrote_it(client, reviewer):
    own = ClaimFactory(created_by=reviewer, status=ClaimStatus.SUBMITTED)
    client.force_login(reviewer)

    body = client.get(own.get_absolute_url()).content.decode()

    assert 'value="approve"' not in body
    assert "This is your claim: another reviewer decides." in body


@pytest.mark.parametrize("role", ROLES)
def test_board_shows_link_decisions_only_to_those_who_may_decide(
    client, request, role, proposed_link
):
    _login(client, request, role)

    body = client.get(reverse("claims:board")).content.decode()

    assert ('value="confirmed"' in body) is MAY_REVIEW[role]


@pytest.mark.parametrize("role", ROLES)
def test_source_page_shows_reliability_and_merge_forms_only_to_reviewers(client, request, role):
    source = SourceFactory()
    _login(client, request, role)

    body = client.get(source.get_absolute_url()).content.decode()

    assert (reverse("claims:source-reliability", args=[source.pk]) in body) is MAY_REVIEW[role]
    assert ("Merge duplicates into this source" in body) is MAY_REVIEW[role]


def test_queue_hides_decision_form_on_the_reviewers_own_claim(client, reviewer):
    own = ClaimFactory(created_by=reviewer, status=ClaimStatus.SUBMITTED)
    client.force_login(reviewer)

    body = client.get(reverse("claims:review")).content.decode()

    assert reverse("claims:review-action", args=[own.pk]) not in body
    assert "Your claim: another reviewer decides." in body
