"""The API docs page (Swagger UI) works under the Content-Security-Policy: it loads its script
from its own address, not inline, and lists the endpoints."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_api_docs_list_the_endpoints(login, live_server):
    UserFactory(username="ada", groups=["analyst"])
    page = login("ada", PASSWORD)

    response = page.goto(f"{live_server.url}/api/docs/")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_text("/api/claims/").first).to_be_visible()
