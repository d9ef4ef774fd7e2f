"""Playwright against Debian's Chromium and Django's live server.

Browser tests are required when REQUIRE_BROWSER=1 (CI); elsewhere they are skipped, with the
reason, only when no Chromium is installed.
"""

import os
import shutil

import pytest

# The live server and the test share the database from Playwright's sync (event-loop) thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _browser_required() -> bool:
    return os.environ.get("REQUIRE_BROWSER", "") not in ("", "0", "false")


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if os.path.exists(CHROMIUM) or _browser_required():
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}; `make test` installs it")
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"REQUIRE_BROWSER is set but Chromium is missing at {CHROMIUM}.")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def login(live_server, page):
    """Log `user` in through the real login form; returns the page."""

    def log_in(username: str, password: str):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        # Wait for the answer to the form (the next page, or the form again with its error):
        # a test that goes on at once may look at the login page before the answer arrives.
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
        return page

    return log_in


@pytest.fixture
def login_in_another_tab(live_server, page):
    """Log `username` in through the login form of a second tab of the same browser (the
    session, and its security token, change for every tab), then close that tab."""

    def log_in(username: str, password: str) -> None:
        tab = page.context.new_page()
        tab.goto(f"{live_server.url}/accounts/login/")
        tab.get_by_label("Username").fill(username)
        tab.get_by_label("Password").fill(password)
        with tab.expect_navigation():
            tab.get_by_role("button", name="Log in").click()
        tab.close()

    return log_in


@pytest.fixture(autouse=True)
def no_content_security_policy_violations(page):
    """Every browser test runs under the site's Content-Security-Policy and fails if the
    browser reports that the policy blocked anything (Chromium says so on the console)."""
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield
    assert blocked == []
