"""Annotating by hand in the reading view: selections snap to whole words (Alt keeps them
exact), a claim's passage is corrected with handles or Shift+Alt+arrows, a much longer passage
asks first, the keyboard alone records a claim, dialogs keep and give back the focus, shortcuts
ignore Caps Lock, and the header's claim count follows additions and deletions."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from articles.services import article_create
from claims import services
from claims.models import Claim
from sources.models import Source
from tests.browser.test_annotate import drag_over, open_article, open_card
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

#: An emoji (one code point, two UTF-16 units) and a flag (two code points) before the claims.
TEXT = (
    "Field report 🛰️ from the 🇺🇦 border at dawn.\n\n"
    "The ministry said 4,000 troops had crossed the river before midnight. "
    "Observers counted approximately twelve thousand soldiers near Halvern.\n\n"
    "Nothing else moved."
)
PLAIN = "Alpha beta gamma. Delta epsilon zeta.\n\nEta theta iota."


@pytest.fixture
def analyst():
    return UserFactory(username="ada", groups=["analyst"])


@pytest.fixture
def source():
    return Source.objects.create(name="Observers", kind="other", reliability="B")


@pytest.fixture
def article(analyst):
    return article_create(title="Field report", text=TEXT, uploaded_by=analyst)


@pytest.fixture
def opened(live_server, page, login, analyst, article, source):
    """`opened(*passages)`: the analyst's claims on these passages of the article, which is
    then open in the reading view as them; returns the claims."""

    def open_with(*passages: str) -> list[Claim]:
        claims = [claim_on(article, passage, source, analyst) for passage in passages]
        login("ada", PASSWORD)
        open_article(page, live_server, article)
        return claims

    return open_with


def claim_on(article, passage, source, author):
    start = article.text.index(passage)
    return services.claim_create(
        article=article,
        start=start,
        end=start + len(passage),
        quote=passage,
        source=source,
        created_by=author,
    )


def point_in(page, word: str, fraction: float) -> dict:
    """Screen point `fraction` of the way through `word` of the article text."""
    return page.evaluate(
        """([word, fraction]) => {
            const container = document.getElementById("article-text");
            const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const at = node.data.indexOf(word);
              if (at === -1) continue;
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + word.length);
              const box = range.getBoundingClientRect();
              return {x: box.left + box.width * fraction, y: box.top + box.height / 2};
            }
            return null;
        }""",
        [word, fraction],
    )


def drag(page, start: dict, end: dict, modifiers=()) -> None:
    for key in modifiers:
        page.keyboard.down(key)
    page.mouse.move(start["x"], start["y"])
    page.mouse.down()
    page.mouse.move(end["x"], end["y"], steps=10)
    page.mouse.up()
    for key in modifiers:
        page.keyboard.up(key)


def test_a_sloppy_drag_snaps_out_to_whole_words(live_server, page, login, analyst, article):
    login("ada", PASSWORD)
    open_article(page, live_server, article)

    drag(page, point_in(page, "approximately", 0.3), point_in(page, "thousand", 0.3))
    page.keyboard.press("n")

    expect(page.locator("#claim-form-quote")).to_have_text("approximately twelve thousand")


def test_alt_while_selecting_keeps_a_part_of_a_word(live_server, page, login, analyst, article):
    login("ada", PASSWORD)
    open_article(page, live_server, article)

    drag(page, point_in(page, "approximately", 0.0), point_in(page, "approximately", 0.45), ["Alt"])
    page.keyboard.press("n")

    quote = page.locator("#claim-form-quote").inner_text()
    assert "approximately".startswith(quote) and 0 < len(quote) < len("approximately")


def test_dragging_a_handle_moves_the_end_by_whole_words_after_an_emoji(
    live_server, page, login, analyst, article, source
):
    claim = claim_on(article, "4,000 troops", source, analyst)
    login("ada", PASSWORD)
    open_article(page, live_server, article)
    open_card(page, claim)
    page.locator(f'#claim-{claim.pk} button[data-action="edit"]').click()
    handle = page.locator(".span-handle-end")
    expect(handle).to_be_visible()
    box = handle.bounding_box()

    # From the end handle to the middle of "crossed": the end lands after the whole word.
    target = point_in(page, "crossed", 0.55)
    drag(page, {"x": box["x"] + box["width"] / 2, "y": box["y"] + box["height"] / 2}, target)
    expect(page.locator("#claim-form-quote")).to_have_text("4,000 troops had crossed")
    page.keyboard.press("Control+Enter")

    expect(page.locator("#toast")).to_contain_text("updated")
    claim.refresh_from_db()
    start = TEXT.index("4,000 troops")
    assert (claim.start, claim.end) == (start, start + len("4,000 troops had crossed"))
    assert TEXT.encode("utf-16-le").index("4,000".encode("utf-16-le")) // 2 != start
    expect(page.locator(f'mark[data-claims~="{claim.pk}"]')).to_have_text(
        "4,000 troops had crossed"
    )


def test_shift_alt_arrows_move_either_end_by_a_word(
    live_server, page, login, analyst, article, source
):
    claim = claim_on(article, "troops had", source, analyst)
    login("ada", PASSWORD)
    open_article(page, live_server, article)
    open_card(page, claim)
    page.keyboard.press("e")
    quote = page.locator("#claim-form-quote")

    page.keyboard.press("Shift+Alt+ArrowRight")
    expect(quote).to_have_text("troops had crossed")
    page.keyboard.press("Shift+Alt+ArrowUp")
    expect(quote).to_have_text("4,000 troops had crossed")
    page.keyboard.press("Shift+Alt+ArrowDown")
    page.keyboard.press("Shift+Alt+ArrowLeft")
    expect(quote).to_have_text("troops had")


def test_a_much_longer_passage_asks_before_it_is_saved(
    live_server, page, login, analyst, article, source
):
    claim = claim_on(article, "troops", source, analyst)
    login("ada", PASSWORD)
    open_article(page, live_server, article)
    open_card(page, claim)
    page.keyboard.press("e")
    for _ in range(4):
        page.keyboard.press("Shift+Alt+ArrowRight")
    expect(page.locator("#claim-form-quote")).to_have_text("troops had crossed the river")

    page.keyboard.press("Control+Enter")

    warning = page.locator("#span-warning")
    expect(warning).to_contain_text("times as long as the old one")
    claim.refresh_from_db()
    assert claim.quote == "troops"
    warning.get_by_role("button", name="Save this passage").click()
    expect(page.locator("#toast")).to_contain_text("updated")
    claim.refresh_from_db()
    assert claim.quote == "troops had crossed the river"


def test_a_passage_across_a_paragraph_asks_first(
    live_server, page, login, analyst, article, source
):
    login("ada", PASSWORD)
    open_article(page, live_server, article)
    drag_over(page, "Halvern.\n\nNothing")
    page.keyboard.press("n")
    page.locator("#claim-source").fill("Observers")
    page.keyboard.press("Control+Enter")

    expect(page.locator("#span-warning")).to_contain_text("across a paragraph break")
    assert Claim.objects.count() == 0


def test_a_claim_recorded_with_the_keyboard_alone(live_server, page, login, analyst, source):
    article = article_create(title="Plain", text=PLAIN, uploaded_by=analyst)
    login("ada", PASSWORD)
    open_article(page, live_server, article)
    page.evaluate(
        """() => { window.pointerEvents = 0;
           for (const kind of ["mousedown", "mouseup", "click", "pointerdown", "pointerup"])
             document.addEventListener(kind, () => window.pointerEvents++, true); }"""
    )
    page.locator("#article-text").focus()

    page.keyboard.press("Enter")
    expect(page.locator("#announcer")).to_contain_text("Keyboard selection")
    assert page.evaluate("getSelection().toString()") == "Alpha"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    assert page.evaluate("getSelection().toString()") == "beta gamma"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("getSelection().toString()") == "Delta epsilon zeta."
    page.keyboard.press("Shift+ArrowLeft")
    assert page.evaluate("getSelection().toString()") == "Delta epsilon zeta"
    page.keyboard.press("Shift+ArrowLeft")
    assert page.evaluate("getSelection().toString()") == "Delta epsilon"
    page.keyboard.press("N")
    expect(page.locator("#claim-form-quote")).to_have_text("Delta epsilon")
    expect(page.locator("#claim-source")).to_be_focused()
    page.keyboard.type("Observers")
    page.keyboard.press("Alt+2")
    page.keyboard.press("Control+Enter")

    expect(page.locator("#toast")).to_contain_text("saved (B2)")
    claim = Claim.objects.get()
    assert (claim.start, claim.end, claim.quote) == (18, 31, "Delta epsilon")
    assert page.evaluate("window.pointerEvents") == 0
    expect(page.locator("#article-text")).to_be_focused()


def test_the_claim_form_keeps_the_focus_and_gives_it_back(
    live_server, page, login, analyst, article
):
    login("ada", PASSWORD)
    open_article(page, live_server, article)
    page.locator("#article-text").focus()
    page.keyboard.press("F2")
    page.keyboard.press("n")
    expect(page.locator("#claim-dialog")).to_be_visible()

    for _ in range(25):
        page.keyboard.press("Tab")
        assert page.evaluate(
            "document.getElementById('claim-dialog').contains(document.activeElement)"
        )
    for _ in range(5):
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(
            "document.getElementById('claim-dialog').contains(document.activeElement)"
        )
    page.keyboard.press("Escape")

    expect(page.locator("#claim-dialog")).to_be_hidden()
    expect(page.locator("#article-text")).to_be_focused()


def test_the_help_keeps_the_focus_and_gives_it_back(live_server, page, login, analyst, article):
    login("ada", PASSWORD)
    open_article(page, live_server, article)
    page.locator("#article-text").focus()

    page.keyboard.press("?")
    expect(page.locator("#help-dialog")).to_be_visible()
    for _ in range(4):
        page.keyboard.press("Tab")
        assert page.evaluate(
            "document.getElementById('help-dialog').contains(document.activeElement)"
        )
    page.keyboard.press("Escape")

    expect(page.locator("#help-dialog")).to_be_hidden()
    expect(page.locator("#article-text")).to_be_focused()


def test_shortcuts_work_with_caps_lock(page, opened):
    first, second = opened("4,000 troops", "twelve thousand soldiers")

    page.keyboard.press("J")
    expect(page.locator(f"#claim-{first.pk}")).to_be_focused()
    page.keyboard.press("J")
    expect(page.locator(f"#claim-{second.pk}")).to_be_focused()
    page.keyboard.press("K")
    expect(page.locator(f"#claim-{first.pk}")).to_be_focused()
    page.keyboard.press("E")
    expect(page.locator("#claim-dialog-title")).to_have_text(f"Edit claim {first.pk}")

    # Digits set credibility anywhere in the form but its text boxes (Alt+digit works there).
    page.locator("#claim-save").focus()
    page.keyboard.press("4")
    expect(page.get_by_label("4 – Doubtful")).to_be_checked()
    page.locator("#claim-statement").focus()
    page.keyboard.press("5")
    expect(page.locator("#claim-statement")).to_have_value("5")
    page.keyboard.press("Alt+3")
    expect(page.get_by_label("3 – Possibly true")).to_be_checked()
    page.keyboard.press("Escape")
    # The form closes and gives the focus back to the card before the next shortcut (on a
    # loaded machine a key pressed at once reached no claim).
    expect(page.locator("#claim-dialog")).to_be_hidden()
    expect(page.locator(f"#claim-{first.pk}")).to_be_focused()
    page.keyboard.press("C")
    expect(page.locator("#link-dialog")).to_be_visible()


def test_the_header_count_follows_new_and_deleted_claims(
    live_server, page, login, analyst, article, source
):
    login("ada", PASSWORD)
    open_article(page, live_server, article)
    count = page.locator("#article-claim-count")
    expect(count).to_have_text("0")

    drag_over(page, "4,000 troops")
    page.keyboard.press("n")
    page.locator("#claim-source").fill("Observers")
    page.keyboard.press("Control+Enter")
    expect(count).to_have_text("1")
    expect(page.locator("#claim-count")).to_have_text("1")

    claim = Claim.objects.get()
    page.locator(f'#claim-{claim.pk} button[data-action="delete"]').click()
    expect(count).to_have_text("0")


def test_a_card_keeps_the_keyboard_focus_when_its_full_version_arrives_late(page, opened):
    """Selecting a claim asks for its full card; under load the answer came after the reader
    had moved on and back, and the card it replaced took the focus away with it."""
    # Held from before the page opens: nothing on the page asks for a card before J does.
    held = []
    page.route("**/annotations/?*", lambda route: held.append(route))
    first, second = opened("4,000 troops", "twelve thousand soldiers")

    # J asks for the first claim's full card and its neighbour's in one request, held here
    # until the reader has moved on and back. The held request reaches this process through the
    # browser's driver, which can take seconds on a loaded machine: wait for it, not a fixed time.
    page.keyboard.press("j")
    expect(page.locator(f"#claim-{first.pk}")).to_be_focused()
    for _ in range(300):
        if held:
            break
        page.wait_for_timeout(50)
    full = page.evaluate(
        "(id) => document.querySelector(`#claim-${id} button`)?.textContent ?? ''", first.pk
    )
    assert held, f"a selection asked for its claim's full card (its card's first button: {full!r})"
    asked = parse_qs(urlsplit(held[0].request.url).query)["claims"][0].split(",")
    assert str(first.pk) in asked
    page.keyboard.press("j")
    expect(page.locator(f"#claim-{second.pk}")).to_be_focused()
    page.keyboard.press("k")
    expect(page.locator(f"#claim-{first.pk}")).to_be_focused()
    for route in held:
        route.continue_()

    expect(page.locator(f"#claim-{first.pk} button", has_text="Edit")).to_be_visible()
    expect(page.locator(f"#claim-{first.pk}")).to_be_focused()
    expect(page.locator(f"#claim-{first.pk}")).to_have_attribute("aria-current", "true")
    expect(page.locator(f"#claim-{second.pk}")).not_to_have_attribute("aria-current", "true")


def test_the_cards_j_and_k_reach_next_are_there_before_the_key(page, opened):
    """Opening a claim's card also asks for its neighbours' (in the same request): on a slow
    connection the card J or K opens shows its statement and actions at once."""
    first, second, last = opened("4,000 troops", "twelve thousand soldiers", "Nothing else moved")

    page.keyboard.press("j")
    expect(page.locator(f"#claim-{first.pk}")).to_be_focused()
    for claim in (first, second, last):
        expect(page.locator(f"#claim-{claim.pk} button", has_text="Edit")).to_be_visible()
    # From here the server does not answer: what J and K show must already be on the page.
    held = []
    page.route("**/annotations/?*", lambda route: held.append(route))

    page.keyboard.press("j")
    expect(page.locator(f"#claim-{second.pk}")).to_be_focused()
    expect(page.locator(f"#claim-{second.pk} button", has_text="Edit")).to_be_visible()
    page.keyboard.press("k")
    page.keyboard.press("k")
    expect(page.locator(f"#claim-{last.pk}")).to_be_focused()
    expect(page.locator(f"#claim-{last.pk} button", has_text="Edit")).to_be_visible()
    for route in held:
        route.continue_()
