"""The time zone page offers the zone the browser is set to: one press chooses it, and the
pages then show their times there."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "timezone_id": "Asia/Tokyo"}


def test_the_browsers_zone_is_offered_and_chosen_in_one_press(live_server, page, login):
    UserFactory(username="ada", groups=["analyst"])
    login("ada", PASSWORD)
    page.get_by_role("link", name="Times in UTC").click()

    expect(page.get_by_text("Your browser is set to Asia/Tokyo.")).to_be_visible()
    page.get_by_role("button", name="Choose it").click()
    expect(page.get_by_label("Show times in")).to_have_value("Asia/Tokyo")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("link", name="Times in JST")).to_be_visible()
    # The page's message, not its copy for screen readers (filled a moment after load).
    expect(page.locator(".messages")).to_contain_text("Times are shown in Asia/Tokyo.")
