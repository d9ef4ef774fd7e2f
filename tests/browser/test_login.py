import pytest
from playwright.sync_api import expect

from articles.services import article_create
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def analyst_with_article():
    user = UserFactory(username="ada", groups=["analyst"])
    article_create(
        title="Convoy sighted on the river road <b>late</b>",
        text="A convoy of 40 trucks was seen on the river road at dusk.",
        uploaded_by=user,
    )
    return user


def test_analyst_logs_in_and_sees_the_article_list(live_server, page, login, analyst_with_article):
    page.goto(f"{live_server.url}/articles/")
    assert "/accounts/login/" in page.url, "anonymous visitors are sent to the login page"

    login("ada", PASSWORD)
    page.goto(f"{live_server.url}/articles/")

    expect(page.get_by_role("heading", name="Articles")).to_be_visible()
    # The title is shown as text, never as markup.
    title = "Convoy sighted on the river road <b>late</b>"
    expect(page.get_by_role("link", name=title)).to_be_visible()
    assert page.locator("table.data b").count() == 0


def test_wrong_password_shows_an_error_and_stays_logged_out(
    live_server, page, login, analyst_with_article
):
    login("ada", "wrong password")

    expect(page.get_by_role("alert")).to_be_visible()
    assert "/accounts/login/" in page.url
