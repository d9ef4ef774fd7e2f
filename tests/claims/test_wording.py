"""Messages written out in full (issue 12, point 7): no message is put together from a verb
("Claim 42 rejectd."), a "(s)" or a status value; each is a whole sentence, through gettext.
The pages (review decisions, bulk approval), the admin actions and the services' refusals."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from claims import services
from claims.models import ClaimLink, ClaimStatus, LinkStatus
from project.errors import Conflict
from tests.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _submitted(author):
    return services.claim_submit(claim=ClaimFactory(created_by=author), user=author)


@pytest.mark.parametrize(
    ("decision", "note", "expected"),
    [("reject", "Not in the text.", "rejected"), ("approve", "", "approved")],
)
def test_a_review_decision_says_what_was_decided_in_full(
    client, reviewer, analyst, decision, note, expected
):
    claim = _submitted(analyst)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:review-action", args=[claim.pk]), {"decision": decision, "note": note}
    )
    as_json = client.post(
        reverse("claims:review-action", args=[_submitted(analyst).pk]),
        {"decision": decision, "note": note},
        headers={"Accept": "application/json"},
    )

    assert _messages(response) == [f"Claim {claim.pk} {expected}."]
    assert as_json.json()["message"].endswith(f" {expected}.")


def test_bulk_approval_of_one_claim_says_claim_not_claims(client, reviewer, analyst):
    claim = _submitted(analyst)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:review-bulk-approve"), {"claims": [claim.pk], "confirmed": "on"}
    )

    assert _messages(response) == ["1 claim approved."]


def test_admin_actions_report_in_whole_sentences(client, staff_user, analyst, reviewer):
    claims = [_submitted(analyst) for _ in range(2)]
    approved_one = ClaimFactory(status=ClaimStatus.APPROVED, reviewed_by=reviewer)
    links = [ClaimLinkFactory(created_by=analyst) for _ in range(2)]
    client.force_login(staff_user)
    changelist = reverse("admin:claims_claim_changelist")

    approving = client.post(
        changelist,
        {"action": "approve_selected", "_selected_action": [c.pk for c in [*claims, approved_one]]},
        follow=True,
    )
    confirming = client.post(
        reverse("admin:claims_claimlink_changelist"),
        {"action": "confirm_selected", "_selected_action": [links[0].pk]},
        follow=True,
    )

    assert _messages(approving) == [
        "2 claims approved.",
        "1 selected claim was not submitted and was left alone.",
    ]
    assert _messages(confirming) == ["1 link confirmed."]
    assert ClaimLink.objects.get(pk=links[0].pk).status == LinkStatus.CONFIRMED


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("submit", "Only draft or rejected claims can be submitted; this one is approved."),
    ],
)
def test_a_refused_transition_names_the_status_in_words(
    analyst, reviewer, staff_user, action, expected
):
    # Reviewed by someone else: the same reviewer deciding again is answered, not refused.
    claim = ClaimFactory(created_by=analyst, status=ClaimStatus.APPROVED, reviewed_by=staff_user)
    calls = {
        "submit": lambda: services.claim_submit(claim=claim, user=staff_user),
        "approve": lambda: services.claim_approve(claim=claim, reviewer=reviewer),
        "reject": lambda: services.claim_reject(claim=claim, reviewer=reviewer, note="No."),
    }

    with pytest.raises(ValidationError) as refused:
        calls[action]()

    assert refused.value.message_dict["status"] == [expected]


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_a_claim_decided_by_another_reviewer_meanwhile_says_who(
    analyst, reviewer, staff_user, action
):
    # It said "Only submitted claims can be approved; this one is approved" (a 400) and named
    # nobody; a link decided meanwhile was a 409 naming its reviewer.
    claim = ClaimFactory(
        created_by=analyst,
        status=ClaimStatus.APPROVED,
        reviewed_by=staff_user,
        reviewed_at=timezone.now(),
    )
    decide = {"approve": services.claim_approve, "reject": services.claim_reject}[action]

    with pytest.raises(Conflict) as refused:
        decide(claim=claim, reviewer=reviewer, note="No.")

    assert refused.value.message.startswith(
        f"{staff_user.get_username()} approved this claim meanwhile, on "
    )
    assert refused.value.current["reviewed_by"] == staff_user.get_username()
