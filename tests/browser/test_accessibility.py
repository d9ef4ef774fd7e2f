"""axe-core on every page of the URL walk, as an analyst, as a reviewer and, for the admin, as
staff; the login pages and the error pages too. Fails on any serious or critical violation, and
on the page-structure rules WCAG asks of every page here (a main landmark, one h1, a title).

axe-core is vendored in tests/browser/vendor/axe-core (nothing is downloaded at test time). It is
added to each page as an init script (Playwright's `add_init_script`), which the browser does not
submit to the page's Content-Security-Policy, so the pages are checked exactly as users get them:
the CSP stays on (no `bypass_csp`), and an inline style the policy blocks is blocked here too.
"""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.template.loader import render_to_string

from claims.demo.loader import load_demo
from claims.models import Claim, ClaimLink, ClaimStatus, Tag
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import ClaimFactory, UserFactory
from tests.test_urls_require_login import ALL_URLS

pytestmark = pytest.mark.django_db(transaction=True)

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
PASSWORD = "a11y-walk-password"
FAILING_IMPACTS = {"serious", "critical"}
#: Rules that fail whatever impact axe gives them: every page has a main landmark, an h1
#: and a title (WCAG 1.3.1, 2.4.2; axe rates the first two "moderate").
ALWAYS_FAILING = {"landmark-one-main", "page-has-heading-one", "document-title"}
#: Walked URLs that are not pages: POST-only actions, downloads, fragments, JSON and JavaScript.
NOT_PAGES = re.compile(
    r"/(logout|create|revoke|delete|restore|submit|withdraw|dismiss|cancel|retry|decision|approve"
    r"|reliability|rename|original|to-file|seen"
    r"|download|annotations|jsi18n|autocomplete|csp-report)/$|^/admin/r/|^/admin/1$|\(|/merge/$"
    r"|^/claims/1/review/$|^/discussion/claims/1/comments/$"
)
#: Violations inside widgets Django ships and styles itself, left to Django (each is a
#: (rule, part of the element's selector) pair): the list of chosen values of its vendored
#: select2 (an autocomplete field for many values) holds its search box outside a list item.
UPSTREAM = {("list", ".select2-selection--multiple")}
#: The admin pages walked: every changelist and change page, and each other kind of page once
#: (they share Django's templates; walking every model's add and history pages would double
#: the test's time and find nothing new).
ADMIN_REPEATS = re.compile(
    r"^/admin/login/$|^/admin/\w+/\w+/1/$|^/admin/(?!claims/claim/)\w+/\w+/(1/history/|add/)$"
)
RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')),
  }));
}"""


def _pages() -> list[str]:
    return [url for url in ALL_URLS if not url.startswith("/api/") and not NOT_PAGES.search(url)]


def _with_real_ids(url: str) -> str:
    """The walked URL with each placeholder 1 replaced by the id of an object that exists."""
    admin = re.match(r"^/admin/(\w+)/(\w+)/1/", url)
    if admin:
        model = apps.get_model(admin.group(1), admin.group(2))
        first = model._default_manager.order_by("pk").first()
        return url.replace("/1/", f"/{first.pk if first else 1}/", 1)
    ids = {
        "articles": Claim.objects.order_by("pk").values_list("article_id", flat=True).first(),
        "claims": Claim.objects.filter(status=ClaimStatus.SUBMITTED).order_by("pk").first().pk,
        "sources": Claim.objects.order_by("pk").values_list("source_id", flat=True).first(),
        "links": ClaimLink.objects.order_by("pk").first().pk,
        "tags": Tag.objects.order_by("pk").values_list("pk", flat=True).first(),
    }
    prefix = url.strip("/").split("/")[0]
    return url.replace("/1/", f"/{ids[prefix]}/", 1) if prefix in ids else url


def _context(browser):
    """A context whose every page carries axe-core (added before the page's own scripts)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(script=AXE)
    return context


def _check(page, url: str, found: list[str]) -> None:
    for violation in page.evaluate(RUN_AXE):
        if violation["impact"] in FAILING_IMPACTS or violation["id"] in ALWAYS_FAILING:
            targets = [
                target
                for target in violation["targets"]
                if not any(violation["id"] == rule and part in target for rule, part in UPSTREAM)
            ]
            if not targets:
                continue
            found.append(
                f"{url}: {violation['id']} ({violation['impact']}) {violation['help']}: "
                + "; ".join(targets[:5])
            )


def _walk(page, base: str, urls: list[str], found: list[str]) -> int:
    checked = 0
    for url in urls:
        response = page.goto(base + url)
        content_type = response.headers.get("content-type", "") if response else ""
        if not content_type.startswith("text/html") or not page.locator("body *").count():
            continue
        _check(page, url, found)
        checked += 1
    return checked


def _log_in(page, base: str, username: str, found: list[str]) -> None:
    page.goto(f"{base}/accounts/login/")
    _check(page, "/accounts/login/", found)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda address: "/login/" not in address)


def _show(page, base: str, path: str, html: str) -> None:
    """Open `html` as if the server had answered it at `path` (for pages no URL provokes)."""
    page.route(
        base + path,
        lambda route: route.fulfill(status=500, content_type="text/html", body=html),
    )
    page.goto(base + path)


def _walk_the_site(page, base: str, username: str, found: list[str]) -> int:
    site = [url for url in _pages() if not url.startswith("/admin/")]
    site += ["/articles/999999/", "/claims/999999/"]  # the 404 page
    _log_in(page, base, username, found)
    checked = _walk(page, base, [_with_real_ids(url) for url in site], found)
    if username == "reviewer":
        for name, html in (
            ("400", render_to_string("bad_request.html", {"message": "Too large."})),
            ("500", render_to_string("500.html")),
        ):
            _show(page, base, f"/error-{name}/", html)
            _check(page, f"{name} page", found)
            checked += 1
    return checked


def _walk_the_admin(page, base: str, found: list[str]) -> int:
    page.goto(f"{base}/admin/login/")
    _check(page, "/admin/login/", found)
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda address: "/login/" not in address)
    admin = [
        _with_real_ids(url)
        for url in _pages()
        if url.startswith("/admin/") and not ADMIN_REPEATS.match(url)
    ]
    return _walk(page, base, admin, found)


#: Each walk checks at least this many pages (a walk that found no pages would pass).
FEWEST_CHECKED = {"analyst": 30, "reviewer": 30, "admin": 20}


# One walk a test: the test processes share the three (one walk of all took minutes alone).
@pytest.mark.parametrize("walker", ["analyst", "reviewer", "admin"])
def test_no_page_has_a_serious_accessibility_violation(browser, live_server, walker):
    load_demo(password=PASSWORD)
    found: list[str] = []
    context = _context(browser)
    page = context.new_page()

    if walker == "admin":
        checked = _walk_the_admin(page, live_server.url, found)
    else:
        checked = _walk_the_site(page, live_server.url, walker, found)
    context.close()

    print(f"axe checked {checked} pages as {walker}")
    assert checked >= FEWEST_CHECKED[walker]
    assert found == [], "\n".join(found)


def test_dashboard_charts_take_the_system_colours_when_colours_are_forced(login, page, live_server):
    UserFactory(username="ada", groups=["analyst"])
    ClaimFactory.create_batch(3)
    login("ada", FACTORY_PASSWORD)
    page.emulate_media(forced_colors="active", color_scheme="dark")
    page.goto(f"{live_server.url}/")

    # The colours forced on the page's text and links (CanvasText, LinkText): the charts'
    # labels must use them, not their own dark fills.
    canvas_text = page.evaluate("getComputedStyle(document.body).color")
    link_text = page.evaluate("getComputedStyle(document.querySelector('main a')).color")
    fills = page.locator(".chart svg text").evaluate_all(
        "(texts) => [...new Set(texts.map((text) => getComputedStyle(text).fill))]"
    )
    assert canvas_text in fills and set(fills) <= {canvas_text, link_text}, fills
    bar = page.locator(".bar-chart .bar rect").first
    assert bar.evaluate("(rect) => getComputedStyle(rect).fill") == canvas_text
