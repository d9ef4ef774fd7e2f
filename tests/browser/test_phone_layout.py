"""At phone size (390 × 844) the reading view stacks the claims under the text instead of
squeezing the text to a sliver, and the navigation wraps instead of running off the screen."""

import pytest

from tests.factories import PASSWORD, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(login, page):
    page.set_viewport_size(PHONE)
    UserFactory(username="ada", groups=["analyst", "reviewer"])
    return login("ada", PASSWORD)


def test_the_reading_view_stacks_the_claims_under_the_text(phone, live_server):
    claim = ClaimFactory()

    phone.goto(f"{live_server.url}/articles/{claim.article_id}/")

    text = phone.locator("#article-text").bounding_box()
    panel = phone.locator("#claim-panel").bounding_box()
    assert text["width"] > 300  # not one character wide
    assert panel["y"] >= text["y"] + text["height"]  # under the text, not beside it
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_every_navigation_link_fits_on_a_phone(phone, live_server):
    phone.goto(f"{live_server.url}/claims/")

    for link in phone.locator("nav[aria-label=Main] a").all():
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], link.inner_text()


def test_the_reading_view_marks_articles_as_the_current_section(phone, live_server):
    claim = ClaimFactory()

    phone.goto(f"{live_server.url}/articles/{claim.article_id}/")

    current = phone.locator("nav[aria-label=Main] a[aria-current=page]")
    assert current.all_inner_texts() == ["Articles"]
