"""A claim discussed from the keyboard: a reviewer asks its author a question on the claim's
page, and the navigation leads the author to it, new to her."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_question_posted_with_ctrl_enter_reaches_the_author(live_server, page, login):
    author = UserFactory(username="ada", groups=["analyst"])
    UserFactory(username="rui", groups=["reviewer"])
    claim = ClaimFactory(created_by=author)
    login("rui", PASSWORD)
    page.goto(f"{live_server.url}{claim.get_absolute_url()}")

    box = page.get_by_label("Your comment")
    box.focus()
    page.keyboard.type("@ada which day is this count from?")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("The ministry's is from the 4th.")
    page.keyboard.press("Control+Enter")

    comment = page.locator(".comment").first
    expect(comment).to_contain_text("which day is this count from?")
    expect(comment.locator(".mention")).to_have_text("@ada")
    expect(page).to_have_url(re.compile(rf"{claim.get_absolute_url()}#comment-\d+$"))
    expect(page.get_by_role("heading", name="Discussion 1")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    login("ada", PASSWORD)
    # The navigation says one comment is new to her, and leads to it.
    page.get_by_role("link", name="Discussion 1 new for you", exact=True).click()
    expect(page.get_by_role("link", name="For you", exact=True)).to_have_attribute(
        "aria-current", "true"
    )
    expect(page.locator(".discussion-entry")).to_have_count(1)
    expect(page.locator(".discussion-entry .status-new")).to_have_text("New for you")
    # Shown, it is seen: the count is gone.
    expect(page.get_by_role("link", name="Discussion", exact=True)).to_be_visible()
    page.locator(".discussion-entry").get_by_role("link", name=f"claim {claim.pk}").click()
    expect(page.locator(".comment").first).to_be_in_viewport()
