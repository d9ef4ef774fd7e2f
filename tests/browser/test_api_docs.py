"""The API docs page (Swagger UI) works under the Content-Security-Policy: it loads its script
from its own address, not inline, and lists the endpoints."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import AXE, FAILING_IMPACTS, RUN_AXE
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_api_docs_list_the_endpoints(login, live_server):
    UserFactory(username="ada", groups=["analyst"])
    page = login("ada", PASSWORD)

    response = page.goto(f"{live_server.url}/api/docs/")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_text("/api/claims/").first).to_be_visible()


def test_the_api_docs_pass_axe_but_for_swagger_uis_own_nesting(login, live_server, page):
    """The page a script writer reads: its language, and colours at AA contrast (audit E14).
    Left to Swagger UI: each operation's summary is a button holding other controls."""
    UserFactory(username="ada", groups=["analyst"])
    page.add_init_script(AXE)
    login("ada", PASSWORD)
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock")

    violations = page.evaluate(RUN_AXE)

    assert [
        (violation["id"], violation["targets"][:3])
        for violation in violations
        if violation["impact"] in FAILING_IMPACTS and violation["id"] != "nested-interactive"
    ] == []
