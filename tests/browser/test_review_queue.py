"""The review queue from the keyboard, in a real browser: move, approve, reject with a note, and
what the claim says when the server refuses a decision or cannot be reached."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from claims import services
from claims.models import Claim, ClaimStatus
from tests.factories import PASSWORD, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue():
    author = UserFactory(username="ada", groups=["analyst"])
    return [ClaimFactory(created_by=author, status=ClaimStatus.SUBMITTED) for _ in range(3)]


def test_the_queue_loads_without_a_script_error(login, live_server, queue):
    UserFactory(username="rui", groups=["reviewer"])
    page = login("rui", PASSWORD)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{live_server.url}/review/")
    page.keyboard.press("j")

    assert errors == []
    expect(page.locator(".review-item").first).to_be_focused()


@pytest.fixture
def reviewing(login, live_server, queue):
    UserFactory(username="rui", groups=["reviewer"])
    page = login("rui", PASSWORD)
    page.goto(f"{live_server.url}/review/")
    return page


def test_keyboard_moves_between_claims_and_approves_the_current_one(reviewing, queue):
    page = reviewing
    first, second, third = queue

    page.keyboard.press("j")
    expect(page.locator(f"#claim-{first.pk}")).to_be_focused()
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"#claim-{second.pk}")).to_be_focused()

    page.keyboard.press("a")

    expect(page.locator(f"#claim-{third.pk}")).to_be_focused()
    expect(page.locator(f"#claim-{second.pk}")).to_contain_text(f"Claim {second.pk} approved.")
    expect(page.locator("#review-announcer")).to_contain_text("approved")
    expect(page.locator("h1 .count")).to_have_text("2")  # of 3 waiting
    assert Claim.objects.get(pk=second.pk).status == ClaimStatus.APPROVED
    assert Claim.objects.get(pk=first.pk).status == ClaimStatus.SUBMITTED


def test_r_opens_the_note_and_ctrl_enter_rejects_with_it(reviewing, queue):
    page = reviewing
    first = queue[0]

    page.keyboard.press("j")
    expect(page.locator(f"#claim-{first.pk}")).to_be_focused()
    page.keyboard.press("r")
    expect(page.locator(f"#note-{first.pk}")).to_be_focused()
    page.keyboard.type("The text says fourteen.")
    page.keyboard.press("Control+Enter")

    expect(page.locator(f"#claim-{queue[1].pk}")).to_be_focused()
    first.refresh_from_db()
    assert (first.status, first.review_note) == (ClaimStatus.REJECTED, "The text says fourteen.")


def test_rejecting_without_a_note_shows_why_and_keeps_the_claim(reviewing, queue):
    page = reviewing
    first = queue[0]

    page.keyboard.press("j")
    page.locator(f"#claim-{first.pk}").get_by_role("button", name="Reject").click()

    expect(page.locator(f"#review-error-{first.pk}")).to_contain_text("Say why")
    expect(page.locator(f"#note-{first.pk}")).to_be_focused()
    assert Claim.objects.get(pk=first.pk).status == ClaimStatus.SUBMITTED


def test_a_refused_note_is_marked_invalid(reviewing, queue):
    page = reviewing
    first = queue[0]
    note = page.locator(f"#note-{first.pk}")
    page.keyboard.press("j")
    page.locator(f"#claim-{first.pk}").get_by_role("button", name="Reject").click()

    expect(note).to_be_focused()
    expect(note).to_have_attribute("aria-invalid", "true")

    note.fill("The text says fourteen.")
    note.press("Control+Enter")
    expect(page.locator(f"#claim-{first.pk} p.status-rejected")).to_be_visible()
    assert Claim.objects.get(pk=first.pk).status == ClaimStatus.REJECTED


def test_a_rejection_refused_for_another_reason_leaves_the_note_alone(reviewing, queue):
    # Another reviewer approved the claim meanwhile: the rejection is refused for that, and its
    # good note was marked invalid and took the focus.
    page = reviewing
    first = queue[0]
    other = UserFactory(username="rosa", groups=["reviewer"])
    services.claim_approve(claim=Claim.objects.get(pk=first.pk), reviewer=other)
    note = page.locator(f"#note-{first.pk}")
    note.fill("The text says fourteen.")

    page.locator(f"#claim-{first.pk}").get_by_role("button", name="Reject").click()

    expect(page.locator(f"#claim-{first.pk} .form-errors")).to_be_visible()
    expect(note).not_to_have_attribute("aria-invalid", "true")


def test_x_ticks_claims_for_bulk_approval_after_a_confirmation(reviewing, queue):
    page = reviewing

    for claim in queue[:2]:
        page.keyboard.press("j")
        expect(page.locator(f"#claim-{claim.pk}")).to_be_focused()
        page.keyboard.press("x")
    page.get_by_role("button", name="Approve the ticked claims…").click()
    expect(page.get_by_role("heading", name="Approve 2 claims?")).to_be_visible()
    assert Claim.objects.filter(status=ClaimStatus.APPROVED).count() == 0

    page.get_by_role("button", name="Approve 2 claims").click()

    # The flash message (the page also says it in its status region, after the load).
    expect(page.locator(".message-success")).to_have_text("2 claims approved.")
    assert set(Claim.objects.filter(status=ClaimStatus.APPROVED)) == set(queue[:2])


def test_a_claim_decided_elsewhere_shows_the_server_s_reason_and_stays(reviewing, queue):
    page = reviewing
    first = queue[0]
    # Another reviewer approves it after this page loaded.
    services.claim_approve(claim=first, reviewer=UserFactory(username="eve", groups=["reviewer"]))

    page.keyboard.press("j")
    page.keyboard.press("a")

    error = page.locator(f"#review-error-{first.pk}")
    # It names who decided, as a link decided meanwhile does.
    expect(error).to_have_text(
        re.compile(
            r"^eve approved this claim meanwhile, on .+\. Nothing was decided: read it again\.$"
        )
    )
    expect(page.locator(f"#claim-{first.pk}")).not_to_have_class(re.compile("reviewed"))
    expect(page.locator(f"#claim-{first.pk}").get_by_role("button", name="Approve")).to_be_visible()


def test_an_unreachable_server_is_said_so_and_the_claim_stays(reviewing, queue):
    page = reviewing
    first = queue[0]
    page.route(f"**{reverse('claims:review-action', args=[first.pk])}", lambda route: route.abort())

    page.keyboard.press("j")
    # On a loaded machine an A pressed at once reached no claim yet.
    expect(page.locator(f"#claim-{first.pk}")).to_be_focused()
    page.keyboard.press("a")

    expect(page.locator(f"#review-error-{first.pk}")).to_have_text(
        "The server could not be reached. Check the connection and try again."
    )
    expect(page.locator(f"#claim-{first.pk}")).to_be_focused()
    assert Claim.objects.get(pk=first.pk).status == ClaimStatus.SUBMITTED


def test_deciding_the_pages_last_claim_with_its_button_keeps_the_focus_on_that_claim(
    login, live_server
):
    """Its form, which held the focus, is replaced by the outcome: the focus went to <body>."""
    claim = ClaimFactory(
        created_by=UserFactory(username="ada", groups=["analyst"]),
        status=ClaimStatus.SUBMITTED,
    )
    UserFactory(username="rui", groups=["reviewer"])
    page = login("rui", PASSWORD)
    page.goto(f"{live_server.url}/review/")
    page.locator(f"#claim-{claim.pk}").get_by_role("button", name="Approve").focus()

    page.keyboard.press("Enter")

    expect(page.locator(f"#claim-{claim.pk}")).to_contain_text(f"Claim {claim.pk} approved.")
    expect(page.locator(f"#claim-{claim.pk}")).to_be_focused()


def test_a_decision_after_the_session_ended_says_so_and_keeps_the_note(reviewing, queue):
    page = reviewing
    first = queue[0]
    page.context.clear_cookies(name="sessionid")  # logged out in another tab, or expired
    page.locator(f"#note-{first.pk}").fill("The text says fourteen.")

    page.locator(f"#claim-{first.pk}").get_by_role("button", name="Reject").click()

    expect(page.locator(f"#review-error-{first.pk}")).to_contain_text("Your session has ended")
    expect(page.locator(f"#note-{first.pk}")).to_have_value("The text says fourteen.")
    assert Claim.objects.get(pk=first.pk).status == ClaimStatus.SUBMITTED


def test_a_decision_after_logging_in_again_in_another_tab_is_recorded(
    reviewing, queue, login_in_another_tab
):
    page = reviewing
    first = queue[0]
    login_in_another_tab("rui", PASSWORD)

    page.locator(f"#claim-{first.pk}").get_by_role("button", name="Approve").click()

    expect(page.locator(f"#claim-{first.pk}")).to_contain_text(f"Claim {first.pk} approved.")
    assert Claim.objects.get(pk=first.pk).status == ClaimStatus.APPROVED


def test_on_a_phone_the_approval_of_ticked_claims_stays_in_view(reviewing, queue):
    page = reviewing
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.url)

    page.locator(f"#claim-{queue[-1].pk}").scroll_into_view_if_needed()
    page.mouse.wheel(0, 3000)

    expect(page.locator("#bulk-approve")).to_be_in_viewport()
