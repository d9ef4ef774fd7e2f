"""The reading view on phones and tablets (390 × 844, 768 × 1024, 360 wide): the text takes the
width, the claims panel is a drawer behind a "Claims N" button (a section under the text without
the script), the navigation folds behind a Menu button, nothing scrolls sideways, and a claim
can be recorded from a touch selection."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.services import article_create
from claims import services
from claims.models import Claim
from sources.models import Source
from tests.factories import PASSWORD, ClaimFactory, ClaimLinkFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
TABLET = {"width": 768, "height": 1024}
NARROWEST = {"width": 360, "height": 740}
TEXT = (
    "Observers counted approximately twelve thousand soldiers near the river.\n\n"
    "The ministry said the territory was calm. 🚛 Trucks 🚛 waited at the crossing."
)


@pytest.fixture
def browser_context_args(browser_context_args):
    """A touch screen, as on a phone or tablet (taps send touch and pointer events)."""
    return {**browser_context_args, "has_touch": True}


@pytest.fixture
def phone(login, page):
    page.set_viewport_size(PHONE)
    UserFactory(username="ada", groups=["analyst", "reviewer"])
    return login("ada", PASSWORD)


def no_sideways_scroll(page, viewport) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], page.url


@pytest.mark.parametrize("viewport", [PHONE, TABLET, NARROWEST], ids=["phone", "tablet", "360"])
def test_main_pages_never_scroll_sideways(phone, live_server, viewport):
    claim = ClaimFactory(tags=["a-tag-long-enough-to-fill-a-phone-s-width"])
    phone.set_viewport_size(viewport)

    for path in (
        "/articles/",
        f"/articles/{claim.article_id}/",
        "/claims/",
        "/contradictions/",
        f"/sources/{claim.source_id}/",
        "/tags/",
        f"/tags/{claim.tags.get().pk}/",
        "/",
    ):
        phone.goto(f"{live_server.url}{path}")
        no_sideways_scroll(phone, viewport)


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["phone", "tablet"])
def test_the_text_takes_the_width_and_the_panel_is_a_drawer(phone, live_server, viewport):
    claim = ClaimFactory()
    phone.set_viewport_size(viewport)
    phone.goto(f"{live_server.url}/articles/{claim.article_id}/")
    phone.wait_for_selector("body[data-annotate-ready]")

    text = phone.locator("#article-text").bounding_box()
    assert text["width"] > viewport["width"] - 60
    panel = phone.locator("#claim-panel")
    expect(panel).to_be_hidden()
    toggle = phone.locator("#panel-toggle")
    expect(toggle).to_have_text("Claims 1")

    toggle.tap()

    expect(panel).to_be_in_viewport()
    expect(phone.locator(f"#claim-{claim.pk}")).to_be_in_viewport()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    phone.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(toggle).to_be_focused()


#: Every CSS transition that starts on the page, as "element id:property".
RECORD_TRANSITIONS = """
window.transitions = [];
document.addEventListener("transitionrun", (event) => {
  window.transitions.push(`${event.target.id}:${event.propertyName}`);
}, true);
"""


def test_the_drawer_does_not_slide_away_as_the_page_opens(phone, live_server):
    """The panel becomes a drawer when the script starts: it is hidden at once, not seen
    sliding off the screen on every page opened on a phone; it slides when it is opened."""
    claim = ClaimFactory()
    phone.add_init_script(RECORD_TRANSITIONS)
    phone.goto(f"{live_server.url}/articles/{claim.article_id}/")
    phone.wait_for_selector("body[data-annotate-ready]")
    phone.wait_for_timeout(400)  # longer than the drawer's slide

    assert [t for t in phone.evaluate("window.transitions") if t.startswith("claim-panel")] == []

    phone.locator("#panel-toggle").tap()

    expect(phone.locator("#claim-panel")).to_be_in_viewport()
    assert "claim-panel:transform" in phone.evaluate("window.transitions")


def test_without_the_script_the_claims_are_a_section_under_the_text(browser, live_server):
    UserFactory(username="ada", groups=["analyst"])
    claim = ClaimFactory()
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server.url}/articles/{claim.article_id}/")

    text = page.locator("#article-text").bounding_box()
    panel = page.locator("#claim-panel").bounding_box()
    assert panel["y"] >= text["y"] + text["height"]
    expect(page.locator("nav[aria-label=Main] a").first).to_be_visible()
    no_sideways_scroll(page, PHONE)
    context.close()


def test_the_navigation_folds_behind_a_menu_button_on_a_phone(phone, live_server):
    phone.goto(f"{live_server.url}/claims/")
    links = phone.locator("nav[aria-label=Main] a")
    expect(links.first).to_be_hidden()

    phone.get_by_role("button", name="Menu").tap()

    for link in links.all():
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], link.inner_text()
    phone.keyboard.press("Escape")
    expect(links.first).to_be_hidden()


def test_the_reading_view_marks_articles_as_the_current_section(phone, live_server):
    claim = ClaimFactory()

    phone.goto(f"{live_server.url}/articles/{claim.article_id}/")

    current = phone.locator("nav[aria-label=Main] a[aria-current=page]")
    assert current.all_text_contents() == ["Articles"]


def test_a_touch_selection_records_a_claim_snapped_to_words(phone, live_server):
    article = article_create(title="Touch", text=TEXT, uploaded_by=UserFactory(groups=["analyst"]))
    Source.objects.create(name="Observers", kind="other", reliability="C")
    phone.goto(f"{live_server.url}{article.get_absolute_url()}")
    phone.wait_for_selector("body[data-annotate-ready]")
    mice = phone.evaluate_handle(
        """() => { const seen = []; for (const kind of ["mousedown", "mouseup"])
             document.getElementById("article-text").addEventListener(kind, () => seen.push(kind));
           return seen; }"""
    )

    # What a long press and the touch handles leave behind: a selection, and no mouse event on
    # the text. It starts and ends inside words ("istry … terr").
    phone.evaluate(
        """() => {
            const node = document.querySelector("#article-text p[data-paragraph='1']").firstChild;
            const range = document.createRange();
            range.setStart(node, node.data.indexOf("istry"));
            range.setEnd(node, node.data.indexOf("itory"));
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }"""
    )
    button = phone.locator("#new-claim-button")
    expect(button).to_be_visible()
    assert phone.evaluate("(seen) => seen.length", mice) == 0
    button.tap()

    passage = "ministry said the territory"
    expect(phone.locator("#claim-form-quote")).to_have_text(passage)
    phone.locator("#claim-source").fill("Observers")
    phone.locator("#claim-save").tap()

    expect(phone.locator("#toast")).to_contain_text("saved (C6)")
    claim = Claim.objects.get()
    start = TEXT.index(passage)
    assert (claim.start, claim.end, claim.quote) == (start, start + len(passage), passage)
    expect(phone.locator("#panel-toggle")).to_have_text("Claims 1")


def _inside_the_screen(locator, viewport) -> None:
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], locator


def test_on_a_phone_the_lists_are_cards_with_their_filters_folded(phone, live_server):
    claim = ClaimFactory(created_by__username="casey")

    phone.goto(f"{live_server.url}/articles/")

    # Every column of a row on the screen, the claim count included, under its column's name.
    _inside_the_screen(phone.locator("td[data-label=Claims] a").first, PHONE)
    assert phone.locator("td[data-label=Claims] a").first.inner_text() == "1"
    search = phone.get_by_label("Search title and text")
    expect(search).to_be_hidden()
    phone.get_by_text("Filters", exact=True).tap()
    _inside_the_screen(search, PHONE)
    # A column that sorts is still a link above the cards.
    phone.get_by_role("link", name="Claims").first.tap()
    expect(phone).to_have_url(re.compile(r"sort=claims"))

    phone.goto(f"{live_server.url}/articles/?has_claims=true")
    # In use, and folded all the same: the list comes first; the summary says what is in use.
    expect(phone.get_by_label("Has claims")).to_be_hidden()
    expect(phone.locator("details.filter-box > summary")).to_have_text("Filters · 1 in use")

    phone.goto(f"{live_server.url}/claims/")
    expect(phone.get_by_label("Search", exact=True)).to_be_hidden()
    _inside_the_screen(phone.locator("td[data-label=Author]").first, PHONE)
    assert phone.locator("td[data-label=Author]").first.inner_text() == "casey"
    _inside_the_screen(phone.get_by_role("link", name=claim.source.name).first, PHONE)

    phone.goto(f"{live_server.url}/sources/")
    expect(phone.get_by_label("Name", exact=True)).to_be_hidden()
    _inside_the_screen(phone.locator("td[data-label=Contradictions]").first, PHONE)


def test_on_a_wide_screen_the_filters_stay_open(login, page, live_server):
    UserFactory(username="ada", groups=["analyst"])
    login("ada", PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 800})

    for path, label in (("/articles/", "Search title and text"), ("/claims/", "Search")):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_label(label, exact=True)).to_be_visible()
        expect(page.get_by_text("Filters", exact=True)).to_be_hidden()


def test_a_source_page_lists_its_claims_as_cards_on_a_phone(phone, live_server):
    claim = ClaimFactory(
        article__text=TEXT,
        article__title="Lindau ceasefire observers report, final version with annexes",
        start=0,
        end=TEXT.index(" near"),
    )

    phone.goto(f"{live_server.url}/sources/{claim.source_id}/")

    no_sideways_scroll(phone, PHONE)
    _inside_the_screen(phone.locator("td[data-label=Created]").first, PHONE)
    _inside_the_screen(phone.locator("td[data-label=Article] a").first, PHONE)


def test_the_upload_queue_stacks_each_file_on_a_phone(phone, live_server, media):
    phone.goto(f"{live_server.url}/articles/upload/")
    name = "lindau-ceasefire-observers-report-final-version.txt"
    phone.set_input_files(
        "input[name=files]",
        files=[{"name": name, "mimeType": "text/plain", "buffer": b"Report\n\nBody."}],
    )
    row = phone.locator("#upload-queue li").first
    expect(row).to_contain_text("Ready")

    no_sideways_scroll(phone, PHONE)
    file_name = row.locator(".file-name").bounding_box()
    assert file_name["width"] > PHONE["width"] / 2
    assert file_name["height"] < 60  # a line or two, not a letter a line
    result = row.locator(".result").bounding_box()
    remove = row.get_by_role("button", name=f"Remove {name}").bounding_box()
    assert result["width"] > 100
    # The status is under the name, not under the Remove button.
    assert (
        result["y"] >= remove["y"] + remove["height"]
        or result["x"] + result["width"] <= remove["x"]
    )


def test_on_a_phone_filters_in_use_fold_and_the_results_come_first(phone, live_server):
    claim = ClaimFactory(status="submitted")

    phone.goto(f"{live_server.url}/claims/?status=submitted")

    expect(phone.get_by_label("Search", exact=True)).to_be_hidden()
    expect(phone.get_by_role("list", name="Filters in use")).to_be_in_viewport()
    expect(phone.get_by_role("link", name=claim.quote[:20]).first).to_be_in_viewport()


def test_on_a_phone_refused_filters_stay_open(phone, live_server):
    phone.goto(f"{live_server.url}/claims/?grade=Z9")

    expect(phone.locator(".form-errors")).to_be_visible()
    expect(phone.get_by_label("Search", exact=True)).to_be_visible()


@pytest.mark.parametrize("how", ["tap", "enter"])
def test_opening_the_drawer_moves_the_focus_into_it(phone, live_server, how):
    """With the drawer sliding in (motion not reduced): the focus lands in it, not on the
    "Claims N" button that it covers."""
    claim = ClaimFactory()
    phone.emulate_media(reduced_motion="no-preference")
    if how == "enter":
        phone.set_viewport_size({"width": 900, "height": 800})
    phone.goto(f"{live_server.url}/articles/{claim.article_id}/")
    phone.wait_for_selector("body[data-annotate-ready]")
    toggle = phone.locator("#panel-toggle")

    if how == "tap":
        toggle.tap()
    else:
        toggle.focus()
        phone.keyboard.press("Enter")

    expect(phone.locator("#claim-panel")).to_be_focused()


def test_shift_tab_from_the_open_drawer_never_lands_on_the_button_it_covers(phone, live_server):
    claim = ClaimFactory()
    phone.set_viewport_size({"width": 900, "height": 800})
    phone.goto(f"{live_server.url}/articles/{claim.article_id}/")
    phone.wait_for_selector("body[data-annotate-ready]")
    toggle = phone.locator("#panel-toggle")
    toggle.focus()
    phone.keyboard.press("Enter")
    expect(phone.locator("#claim-panel")).to_be_focused()

    phone.keyboard.press("Shift+Tab")

    expect(toggle).not_to_be_focused()
    phone.keyboard.press("Escape")
    expect(toggle).to_be_focused()


def test_edit_from_the_drawer_closes_it_over_the_passage(phone, live_server):
    """On a phone Edit is reached through the drawer: the form opens with the drawer closed,
    the passage and its handles above the sheet, and gives the focus to the text when done."""
    author = UserFactory(username="casey", groups=["analyst"])
    article = article_create(title="Touch", text=TEXT, uploaded_by=author)
    source = Source.objects.create(name="Observers", kind="other", reliability="C")
    passage = "the territory was calm"
    start = TEXT.index(passage)
    claim = services.claim_create(
        article=article,
        start=start,
        end=start + len(passage),
        quote=passage,
        source=source,
        created_by=get_user_model().objects.get(username="ada"),
    )
    phone.goto(f"{live_server.url}{article.get_absolute_url()}")
    phone.wait_for_selector("body[data-annotate-ready]")
    phone.locator("#panel-toggle").tap()
    phone.locator(f"#claim-{claim.pk} .quote-link").tap()
    edit = phone.locator(f"#claim-{claim.pk}:not(.compact) button[data-action=edit]")

    edit.tap()

    expect(phone.locator("#claim-dialog-title")).to_have_text(f"Edit claim {claim.pk}")
    expect(phone.locator("#claim-panel")).to_be_hidden()
    expect(phone.locator("#panel-toggle")).to_have_attribute("aria-expanded", "false")
    expect(phone.locator("#claim-source")).to_be_focused()
    for handle in phone.locator(".span-handle").all():
        box = handle.bounding_box()
        hit = phone.evaluate(
            "([x, y]) => document.elementFromPoint(x, y)"
            "?.closest('.span-handle, #article-text') !== null",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert hit, "a handle is covered"
    sheet_top = phone.locator("#claim-dialog").bounding_box()["y"]
    mark = phone.locator(f'mark[data-claims~="{claim.pk}"]').first.bounding_box()
    assert mark["y"] >= 0 and mark["y"] + mark["height"] <= sheet_top

    phone.locator("#claim-cancel").tap()

    expect(phone.locator("#claim-dialog")).to_be_hidden()
    expect(phone.locator("#article-text")).to_be_focused()
    expect(phone.locator("#article-text")).to_be_in_viewport()


def test_the_claim_form_shows_no_keyboard_hints_on_a_touch_screen(phone, live_server):
    claim = ClaimFactory()
    phone.goto(f"{live_server.url}/articles/{claim.article_id}/")
    phone.wait_for_selector("body[data-annotate-ready]")

    shown = phone.evaluate(
        """() => [...document.querySelectorAll("#claim-dialog kbd, #new-claim-button kbd")]
                 .filter((key) => !key.closest(".key-hint")
                                  || getComputedStyle(key.closest(".key-hint")).display !== "none")
                 .length"""
    )
    assert shown == 0


def _header_and_cell_counts(table) -> tuple[int, list[int]]:
    """The column headers a screen reader finds in `table`, and the cells of each body row
    (a name with a colon is quoted whole in the snapshot: `- 'cell "Article: …"'`)."""
    snapshot = table.aria_snapshot()
    headers = len(re.findall(r"^\s*- '?columnheader\b", snapshot, re.M))
    rows = re.split(r"^\s*- '?row\b", snapshot, flags=re.M)[1:]
    cells = [len(re.findall(r"^\s*- '?cell\b", row, re.M)) for row in rows]
    return headers, [count for count in cells if count]


def test_on_a_phone_every_stacked_table_keeps_a_header_per_column(phone, live_server):
    claim = ClaimFactory(created_by__username="casey")

    for path in ("/articles/", "/claims/", "/sources/", f"/sources/{claim.source_id}/"):
        phone.goto(f"{live_server.url}{path}")
        table = phone.locator("table.data.stack").first
        headers, cells = _header_and_cell_counts(table)
        assert cells and all(count == headers for count in cells), (path, headers, cells)
        # Hidden from the eye only: no sort link, and off the screen.
        for header in table.locator("thead th").all():
            assert header.evaluate("th => getComputedStyle(th).display") != "none", path


def test_on_a_phone_j_with_the_drawer_closed_says_the_claim_it_moved_to(phone, live_server):
    claim = ClaimFactory(article__text=TEXT, start=0, end=TEXT.index(" near"))
    ClaimLinkFactory(claim_a=claim, claim_b=ClaimFactory(), created_by=claim.created_by)
    phone.goto(f"{live_server.url}/articles/{claim.article_id}/")
    phone.wait_for_selector("body[data-annotate-ready]")
    phone.locator("#article-text").focus()

    phone.keyboard.press("j")

    # The card is in the closed drawer and cannot take the focus: the claim is announced.
    expect(phone.locator("#article-text")).to_be_focused()
    said = phone.locator("#announcer")
    expect(said).to_have_text(
        re.compile(rf"^Claim {claim.pk}: “Observers counted .*”\. {claim.grade} .*Draft.*\.$")
    )
    # In a contradiction, said in words: the ⚡ sign was read out ("high voltage").
    expect(said).to_contain_text("contradict")
    expect(said).not_to_contain_text("⚡")


def test_on_a_phone_the_open_drawer_keeps_tab_and_screen_readers_inside_it(phone, live_server):
    claim = ClaimFactory()
    phone.goto(f"{live_server.url}/articles/{claim.article_id}/")
    phone.wait_for_selector("body[data-annotate-ready]")
    phone.locator("#panel-toggle").tap()
    expect(phone.locator("#claim-panel")).to_be_focused()

    # Tab never leaves the drawer for the controls it covers.
    for _ in range(12):
        phone.keyboard.press("Tab")
        inside = phone.evaluate(
            "document.getElementById('claim-panel').contains(document.activeElement)"
            " || document.activeElement === document.body"
        )
        assert inside, phone.evaluate("document.activeElement.outerHTML.slice(0, 80)")
    # Nor does a screen reader find the page under it (Chromium's own accessibility tree).
    assert _exposed(phone, "Article text") is False
    assert _exposed(phone, "Claims in this article") is True

    phone.get_by_role("button", name="Back to the text").click()
    assert _exposed(phone, "Article text") is True


def _exposed(page, name: str) -> bool:
    """Whether Chromium exposes a node named `name` to assistive technology."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    return any(not node["ignored"] and node.get("name", {}).get("value") == name for node in nodes)


def test_on_a_phone_an_empty_cell_leaves_room_for_its_label(phone, live_server):
    # A claim without tags: its Tags cell was 4 px high, and "Tags" was drawn over "Author".
    ClaimFactory()
    phone.goto(f"{live_server.url}/claims/")

    cell = phone.locator('table.data.stack td[data-label="Tags"]').first
    height, label = cell.evaluate(
        """(td) => [td.getBoundingClientRect().height,
                    parseFloat(getComputedStyle(td, "::before").lineHeight)]"""
    )

    assert height >= label - 0.5
