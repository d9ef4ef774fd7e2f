"""A plain form is sent once: a second press while the answer is on its way (a double click,
Enter twice on a slow connection) does not send it again (a second export job; "already
exists" for the source just added)."""

import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_second_press_while_the_answer_is_on_its_way_sends_nothing(live_server, page, login):
    UserFactory(username="ada", groups=["analyst"])
    login("ada", PASSWORD)
    posts = []

    def answer(route):
        if route.request.method != "POST":
            route.continue_()
            return
        posts.append(route.request.url)
        # "No content": the browser stays on the page, as while a slow answer is on its way
        # (or after a form that answers with a download).
        route.fulfill(status=204)

    page.route("**/sources/new/", answer)
    page.goto(f"{live_server.url}/sources/new/")
    page.get_by_label("Name").fill("Valley Courier")
    button = page.get_by_role("button", name="Add the source")

    button.click()
    page.wait_for_timeout(300)
    button.click()
    page.wait_for_timeout(300)

    assert len(posts) == 1
