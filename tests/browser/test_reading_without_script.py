"""The reading view with JavaScript off: the compact cards' Submit and Delete work as forms."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from claims.models import Claim, ClaimStatus
from tests.factories import PASSWORD, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def no_script_page(browser, live_server):
    UserFactory(username="ada", groups=["analyst"])
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    yield page
    context.close()


def test_submit_and_delete_from_a_compact_card_without_the_script(no_script_page, live_server):
    page = no_script_page
    author = get_user_model().objects.get(username="ada")
    first = ClaimFactory(created_by=author, status=ClaimStatus.DRAFT)
    second = ClaimFactory(created_by=author, status=ClaimStatus.DRAFT, article=first.article)
    page.goto(f"{live_server.url}{first.article.get_absolute_url()}")

    card = page.locator(f"#claim-{first.pk}")
    card.get_by_role("button", name="Submit for review").click()

    expect(page.locator(".messages")).to_contain_text("Submitted for review.")
    first.refresh_from_db()
    assert first.status == ClaimStatus.SUBMITTED
    # Submitted, it is no longer its author's to change here.
    expect(page.locator(f"#claim-{first.pk}").get_by_role("button")).to_have_count(0)

    page.locator(f"#claim-{second.pk}").get_by_role("button", name="Delete").click()

    expect(page.locator(".messages")).to_contain_text("Claim deleted.")
    assert not Claim.objects.filter(pk=second.pk).exists()
    expect(page.locator(f"#claim-{second.pk}")).to_have_count(0)
