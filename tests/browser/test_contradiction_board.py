"""The contradiction board in a real browser: a decision happens in place, the reviewer keeps
their place on a long board, and a pair resting on a rejected claim offers no Confirm."""

import pytest
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from playwright.sync_api import expect

from claims.models import ClaimLink, LinkStatus
from claims.services import claim_reject, claim_submit
from tests.factories import PASSWORD, ClaimFactory, ClaimLinkFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def board_page(login, live_server):
    """A board of 20 proposed contradictions, opened by a reviewer at 1280×800."""
    author = UserFactory(username="ada", groups=["analyst"])
    UserFactory(username="rui", groups=["reviewer"])
    links = [
        ClaimLinkFactory(
            claim_a=ClaimFactory(created_by=author),
            claim_b=ClaimFactory(created_by=author),
            created_by=author,
        )
        for _ in range(20)
    ]
    page = login("rui", PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}{reverse('claims:board')}")
    return page, links, author


def test_confirming_on_the_board_keeps_the_scroll_position(board_page):
    page, links, _author = board_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A pair far down the page: the board lists the newest first.
    target = links[5]
    row = page.locator(f"#link-{target.pk}")
    row.scroll_into_view_if_needed()
    page.mouse.wheel(0, 120)
    page.wait_for_timeout(200)
    before = page.evaluate("window.scrollY")
    assert before > 400

    row.get_by_role("button", name="Confirm").click()

    expect(row.locator("[data-link-status]")).to_have_text("Confirmed")
    expect(row.locator(".decision-message")).to_have_text(f"Link {target.pk} is now confirmed.")
    after = page.evaluate("window.scrollY")
    assert abs(after - before) <= 5
    assert ClaimLink.objects.get(pk=target.pk).status == LinkStatus.CONFIRMED
    assert errors == []
    # The new form is at the new version: the next decision is not refused as stale.
    row.get_by_role("button", name="Back to proposed").click()
    expect(row.locator("[data-link-status]")).to_have_text("Proposed")
    assert ClaimLink.objects.get(pk=target.pk).status == LinkStatus.PROPOSED


def test_a_pair_with_a_rejected_claim_is_marked_and_offers_no_confirm(board_page, live_server):
    page, links, author = board_page
    reviewer2 = UserFactory(username="rosa", groups=["reviewer"])
    target = links[0]
    claim_submit(claim=target.claim_a, user=author)
    claim_reject(claim=target.claim_a, reviewer=reviewer2, note="Opinion, not a claim.")

    page.reload()
    row = page.locator(f"#link-{target.pk}")

    expect(row.locator("[data-link-refusal]")).to_contain_text("was rejected by a reviewer")
    expect(row.get_by_role("button", name="Confirm")).to_have_count(0)
    expect(row.locator(".status-rejected")).to_have_text("Rejected")


def test_the_heading_counts_the_pairs_left_in_the_status_shown(board_page, live_server):
    page, links, _author = board_page
    page.goto(f"{live_server.url}{reverse('claims:board')}?status=proposed")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("20")
    row = page.locator(f"#link-{links[-1].pk}")

    row.get_by_role("button", name="Dismiss").click()

    # Dismissed, the pair is no longer one of the proposed: the heading says so at once.
    expect(row.locator("[data-link-status]")).to_have_text("Dismissed")
    expect(heading).to_contain_text("19")
    row.get_by_role("button", name="Back to proposed").click()
    expect(row.locator("[data-link-status]")).to_have_text("Proposed")
    expect(heading).to_contain_text("20")
    # Every status at once: a decision moves no count.
    page.goto(f"{live_server.url}{reverse('claims:board')}")
    page.locator(f"#link-{links[-1].pk}").get_by_role("button", name="Confirm").click()
    expect(page.locator(f"#link-{links[-1].pk} [data-link-status]")).to_have_text("Confirmed")
    expect(heading).to_contain_text("20")


def test_a_decision_is_said_by_a_live_region_that_was_there_before_it(board_page):
    page, links, _author = board_page
    target = links[0]
    announcer = page.get_by_role("status").and_(page.locator("#decision-announcer"))
    expect(announcer).to_be_empty()  # in the tree, waiting, before the decision

    page.locator(f"#link-{target.pk}").get_by_role("button", name="Dismiss").click()

    expect(announcer).to_have_text(f"Link {target.pk} is now dismissed.")
    # Only the page's region speaks: the new form's message is shown, not a second region.
    expect(page.locator(f"#link-{target.pk} .decision-message")).not_to_have_attribute(
        "role", "status"
    )


def test_each_decision_button_is_described_by_its_pair(board_page):
    page, links, _author = board_page
    target = links[0]
    row = page.locator(f"#link-{target.pk}")
    pair = (
        f"Link {target.pk}: “{truncatechars(target.claim_a.quote, 60)}” contradicts"
        f" “{truncatechars(target.claim_b.quote, 60)}”"
    )

    for name in ("Confirm", "Dismiss"):
        expect(row.get_by_role("button", name=name)).to_have_accessible_description(pair)


def test_a_failed_decision_gives_the_focus_back_to_its_button(board_page):
    page, links, _author = board_page
    target = links[0]
    page.route(
        "**/links/**",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    dismiss = page.locator(f"#link-{target.pk}").get_by_role("button", name="Dismiss")
    dismiss.focus()
    page.keyboard.press("Enter")

    expect(page.locator("#decision-announcer")).not_to_be_empty()
    expect(dismiss).to_be_focused()
    assert ClaimLink.objects.get(pk=target.pk).status == LinkStatus.PROPOSED


def test_the_lightning_sign_is_read_as_words_not_as_high_voltage(board_page, live_server):
    page, links, _author = board_page
    pair = page.locator(f"#link-{links[0].pk} .pair")
    snapshot = pair.aria_snapshot()
    assert "contradicts" in snapshot and "⚡" not in snapshot

    page.goto(f"{live_server.url}{reverse('claims:list')}")
    badge = page.locator(".contradiction").first
    expect(badge).to_have_text("⚡ contradicted")  # seen
    assert "⚡" not in badge.aria_snapshot()  # not heard
