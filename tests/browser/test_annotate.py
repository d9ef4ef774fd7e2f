"""Annotating in a real browser: selection to code-point offsets, conflicts, links, keyboard,
submitting and deleting from the card."""

import re

import pytest
from playwright.sync_api import expect

from articles.services import article_create, article_update
from claims import services
from claims.models import Claim, ClaimLink
from sources.models import Source
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


#: Characters outside the BMP (two UTF-16 units each), a flag (two code points), combining marks
#: that NFC cannot merge, and a skin-tone modifier: every one shifts naive JavaScript offsets.
EMOJI_TEXT = (
    "Field report 🛰️ from the 🇺🇦 border 🚛🚛🚛 at dawn.\n\n"
    "Witnesses 👩🏽‍🌾 said q̃ueues of trucks 𝒳 lined the road 🏳️‍🌈 for hours.\n\n"
    "The ministry said 4,000 troops had crossed the river before midnight.\n\n"
    "Observers counted 12,000 soldiers near Halvern 🏫 on the second day."
)
TARGET = "4,000 troops had crossed the river"
OTHER_TEXT = (
    "A second outlet reported on the same night.\n\n"
    "Regional officials insisted that no troops had crossed the river at all.\n\n"
    "Satellite pictures were not yet available."
)


@pytest.fixture
def analyst():
    return UserFactory(username="ada", groups=["analyst"])


@pytest.fixture
def emoji_article(analyst):
    return article_create(title="Emoji field report", text=EMOJI_TEXT, uploaded_by=analyst)


def claim_on(article, passage: str, source, author, **fields) -> Claim:
    """A claim on `passage` of `article`, recorded through the service."""
    start = article.text.index(passage)
    return services.claim_create(
        article=article,
        start=start,
        end=start + len(passage),
        quote=passage,
        source=source,
        created_by=author,
        **fields,
    )


def open_article(page, live_server, article):
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.wait_for_selector("body[data-annotate-ready]")


def drag_over(page, passage: str) -> None:
    """Select `passage` of the article text with a real mouse drag."""
    box = page.evaluate(
        """(passage) => {
            const container = document.getElementById("article-text");
            const index = container.textContent.indexOf(passage);
            const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
            const range = document.createRange();
            let seen = 0, startSet = false;
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const length = node.data.length;
              if (!startSet && index < seen + length) {
                range.setStart(node, index - seen);
                startSet = true;
              }
              if (startSet && index + passage.length <= seen + length) {
                range.setEnd(node, index + passage.length - seen); break;
              }
              seen += length;
            }
            const rects = range.getClientRects();
            const first = rects[0], last = rects[rects.length - 1];
            return {x1: first.left + 1, y1: first.top + first.height / 2,
                    x2: last.right - 1, y2: last.top + last.height / 2};
        }""",
        passage,
    )
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=8)
    page.mouse.up()


def open_card(page, claim):
    """Open `claim`'s full card in the panel (the page lists compact cards)."""
    page.locator(f"#claim-{claim.pk} .quote-link").click()
    expect(page.locator(f"#claim-{claim.pk}:not(.compact)")).to_be_visible()


@pytest.fixture
def observed(analyst, emoji_article) -> Claim:
    """Ada's draft claim on `TARGET`, from a source whose reliability cannot be judged."""
    source = Source.objects.create(name="Observers", kind="other", reliability="F")
    return claim_on(emoji_article, TARGET, source, analyst)


def open_at_card(page, live_server, login, claim) -> None:
    """Log Ada in and open the claim's article at its full card."""
    login("ada", PASSWORD)
    open_article(page, live_server, claim.article)
    open_card(page, claim)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_offsets_convert_utf16_to_code_points(live_server, page, login, analyst):
    login("ada", PASSWORD)
    samples = [EMOJI_TEXT, "plain", "🇺🇦🇺🇦", "e\u0301𝒳\U0001f600x", ""]
    # For every code-point boundary k of each sample: its UTF-16 index, which must map back to k.
    boundaries = [[utf16_length(text[:k]) for k in range(len(text) + 1)] for text in samples]

    converted = page.evaluate(
        """async ([samples, boundaries]) => {
            const { toCodePoints } = await import("/static/js/offsets.js");
            return samples.map((text, n) =>
                boundaries[n].map((index) => toCodePoints(text, index)));
        }""",
        [samples, boundaries],
    )

    assert converted == [list(range(len(text) + 1)) for text in samples]


def test_mouse_drag_after_emoji_records_code_point_offsets(
    live_server, page, login, analyst, emoji_article
):
    source = Source.objects.create(name="Ministry of Defence", kind="government", reliability="C")
    login("ada", PASSWORD)
    open_article(page, live_server, emoji_article)

    drag_over(page, TARGET)
    expect(page.locator("#new-claim-button")).to_be_visible()
    page.locator("#new-claim-button").click()
    expect(page.locator("#claim-form-quote")).to_have_text(TARGET)
    page.locator("#claim-source").fill(source.name)
    page.get_by_label("2 – Probably true").check()
    page.locator("#claim-statement").fill("Ministry: 4,000 troops crossed")
    page.locator("#claim-tags").fill("troop numbers, timeline")
    page.locator("#claim-save").click()

    expect(page.locator("#toast")).to_contain_text("saved (C2)")
    claim = Claim.objects.get()
    start = EMOJI_TEXT.index(TARGET)
    assert (claim.start, claim.end, claim.quote) == (start, start + len(TARGET), TARGET)
    assert EMOJI_TEXT.encode("utf-16-le").index(TARGET.encode("utf-16-le")) // 2 != start
    assert sorted(claim.tags.values_list("name", flat=True)) == ["timeline", "troop-numbers"]
    # The highlight appears without a reload, and the navigation counts the new draft.
    expect(page.locator(f'mark[data-claims~="{claim.pk}"]')).to_have_text(TARGET)
    expect(page.locator("#nav-my-claims .nav-count")).to_have_text("1 waiting for you")


def test_new_source_is_created_inline_with_kind_and_reliability(
    live_server, page, login, analyst, emoji_article
):
    login("ada", PASSWORD)
    open_article(page, live_server, emoji_article)

    drag_over(page, "12,000 soldiers")
    page.keyboard.press("n")
    page.locator("#claim-source").fill("Halvern observers")
    expect(page.locator("#new-source-fields")).to_be_visible()
    page.locator("#claim-source-kind").select_option("international_organisation")
    page.locator("#claim-source-reliability").select_option("B")
    page.locator("#claim-save").click()

    expect(page.locator("#toast")).to_contain_text("saved (B6)")
    source = Source.objects.get(name="Halvern observers")
    assert (source.kind, source.reliability) == ("international_organisation", "B")


def test_server_refusal_is_shown_in_the_form(live_server, page, login, analyst, emoji_article):
    login("ada", PASSWORD)
    open_article(page, live_server, emoji_article)

    drag_over(page, TARGET)
    page.keyboard.press("n")
    page.locator("#claim-save").click()

    expect(page.locator('.field-error[data-field="source"]')).to_have_text(
        "Name the source that asserted this."
    )
    assert Claim.objects.count() == 0


def test_stale_edit_shows_who_changed_it_and_overwrites_nothing(
    live_server, browser, analyst, emoji_article
):
    staff = UserFactory(username="sam")
    staff.is_staff = True
    staff.save()
    source = Source.objects.create(name="Ministry of Defence", kind="government", reliability="C")
    claim = claim_on(emoji_article, TARGET, source, analyst, statement="Original wording")
    pages = []
    for username in ("ada", "sam"):
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        open_article(page, live_server, emoji_article)
        open_card(page, claim)
        page.locator(f'#claim-{claim.pk} button[data-action="edit"]').click()
        pages.append(page)
    first, second = pages

    first.locator("#claim-statement").fill("Edited by the author")
    first.keyboard.press("Control+Enter")
    expect(first.locator("#toast")).to_contain_text("updated")

    second.locator("#claim-statement").fill("Edited by the admin")
    second.keyboard.press("Control+Enter")

    conflict = second.locator("#conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("ada changed this claim after you opened it")
    expect(conflict).to_contain_text("Edited by the author")
    claim.refresh_from_db()
    assert claim.statement == "Edited by the author"
    assert claim.version == 2


def test_link_across_articles_and_jump_to_the_other_claim(
    live_server, page, login, analyst, emoji_article
):
    source = Source.objects.create(name="Ministry of Defence", kind="government", reliability="C")
    other_article = article_create(title="Denial", text=OTHER_TEXT, uploaded_by=analyst)
    claim = claim_on(emoji_article, TARGET, source, analyst)
    denial = "no troops had crossed the river at all"
    other = claim_on(other_article, denial, source, analyst)
    login("ada", PASSWORD)
    open_article(page, live_server, emoji_article)
    open_card(page, claim)

    page.locator(f'#claim-{claim.pk} button[data-kind="contradicts"]').click()
    page.locator("#link-search").fill("no troops")
    page.get_by_role("option", name=denial).click()
    page.locator("#link-note").fill("Crossed vs did not cross")
    page.locator("#link-save").click()

    expect(page.locator("#toast")).to_contain_text("Contradiction recorded")
    link = ClaimLink.objects.get()
    assert (link.kind, link.claim_a_id, link.claim_b_id) == ("contradicts", claim.pk, other.pk)
    jump = page.locator(f"#claim-{claim.pk} a.jump")
    expect(jump).to_contain_text(denial)

    jump.click()
    page.wait_for_selector("body[data-annotate-ready]")
    assert page.url.endswith(f"{other_article.get_absolute_url()}#claim-{other.pk}")
    expect(page.locator(f"#claim-{other.pk}.active")).to_be_visible()
    expect(page.locator(f'mark.active[data-claims~="{other.pk}"]')).to_have_text(denial)
    expect(page.locator(f"#claim-{other.pk} a.jump")).to_contain_text(TARGET)


def test_keyboard_flow(live_server, page, login, analyst, emoji_article):
    Source.objects.create(name="Observers", kind="international_organisation", reliability="B")
    login("ada", PASSWORD)
    open_article(page, live_server, emoji_article)

    page.keyboard.press("?")
    expect(page.locator("#help-dialog")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#help-dialog")).to_be_hidden()

    drag_over(page, "12,000 soldiers")
    page.keyboard.press("n")
    expect(page.locator("#claim-dialog")).to_be_visible()
    page.keyboard.type("Observers")
    page.keyboard.press("Alt+3")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#toast")).to_contain_text("saved (B3)")

    drag_over(page, TARGET)
    page.keyboard.press("n")
    page.keyboard.type("Observers")
    page.keyboard.press("Tab")
    page.keyboard.press("4")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#toast")).to_contain_text("saved (B4)")

    # The claim just saved is the current one; J and K walk the claims in text order.
    first, second = Claim.objects.order_by("start")
    expect(page.locator(f"#claim-{first.pk}.active")).to_be_visible()
    # The saved form gives the focus back to the text, for the next selection; on a loaded
    # machine a key pressed before that moved the focus, and the text took it back after.
    expect(page.locator("#article-text")).to_be_focused()
    page.keyboard.press("j")
    expect(page.locator(f"#claim-{second.pk}")).to_be_focused()
    page.keyboard.press("k")
    expect(page.locator(f"#claim-{first.pk}")).to_be_focused()
    page.keyboard.press("k")
    expect(page.locator(f"#claim-{second.pk}")).to_be_focused()

    page.keyboard.press("e")
    expect(page.locator("#claim-dialog-title")).to_have_text(f"Edit claim {second.pk}")
    page.keyboard.press("Escape")
    expect(page.locator("#claim-dialog")).to_be_hidden()
    assert {claim.credibility for claim in (first, second)} == {3, 4}


def test_a_key_pressed_as_the_save_lands_is_not_undone_by_the_closing_form(
    live_server, page, login, analyst, emoji_article
):
    """The form gave the focus back to the text when the browser's close event came, a task
    after the save had closed it: J pressed in between moved to the next claim, and then the
    focus jumped back to the text."""
    source = Source.objects.create(name="Observers", kind="other", reliability="B")
    later = claim_on(emoji_article, "12,000 soldiers", source, analyst)
    assert emoji_article.text.index(TARGET) < later.start
    login("ada", PASSWORD)
    open_article(page, live_server, emoji_article)

    drag_over(page, TARGET)
    page.keyboard.press("n")
    page.keyboard.type("Observers")
    # J, the moment the form closes: before the browser's close event, as a fast hand would.
    page.evaluate(
        """() => {
            const dialog = document.getElementById("claim-dialog");
            new MutationObserver((changes, observer) => {
                if (dialog.open) return;
                observer.disconnect();
                document.activeElement.dispatchEvent(
                    new KeyboardEvent("keydown", {key: "j", code: "KeyJ", bubbles: true}));
                dialog.addEventListener("close", () => { window.closeEventSeen = true; });
            }).observe(dialog, {attributes: true, attributeFilter: ["open"]});
        }"""
    )
    page.keyboard.press("Control+Enter")
    expect(page.locator("#toast")).to_contain_text("saved (B6)")
    page.wait_for_function("window.closeEventSeen === true")

    expect(page.locator(f"#claim-{later.pk}")).to_be_focused()


def test_delete_with_undo(live_server, page, login, analyst, emoji_article):
    source = Source.objects.create(name="Observers", kind="other", reliability="F")
    claim = claim_on(emoji_article, TARGET, source, analyst)
    login("ada", PASSWORD)
    open_article(page, live_server, emoji_article)
    open_card(page, claim)

    page.locator(f'#claim-{claim.pk} button[data-action="delete"]').click()
    expect(page.locator(f"#claim-{claim.pk}")).to_have_count(0)
    assert not Claim.objects.filter(pk=claim.pk).exists()

    page.locator("#toast").get_by_role("button", name="Undo").click()
    expect(page.locator(f"#claim-{claim.pk}")).to_be_visible()
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_quote_mismatch_from_a_stale_page_is_shown_in_the_form(
    live_server, page, login, analyst, emoji_article
):
    Source.objects.create(name="Observers", kind="other", reliability="F")
    login("ada", PASSWORD)
    open_article(page, live_server, emoji_article)
    # Someone corrects the text (allowed while no claim points into it) after the page loaded.
    article_update(article=emoji_article, user=analyst, text="Corrected. " + EMOJI_TEXT)

    drag_over(page, TARGET)
    page.keyboard.press("n")
    page.locator("#claim-source").fill("Observers")
    page.keyboard.press("Control+Enter")

    expect(page.locator('.field-error[data-field="quote"]')).to_contain_text(
        "The quote does not match the article text"
    )
    expect(page.locator("#claim-dialog")).to_be_visible()
    assert Claim.objects.count() == 0


def test_submit_for_review_updates_the_card_in_place(live_server, page, login, observed):
    claim = observed
    open_at_card(page, live_server, login, claim)

    card = page.locator(f"#claim-{claim.pk}")
    expect(page.locator("#nav-my-claims .nav-count")).to_have_text("1 waiting for you")
    card.get_by_role("button", name="Submit for review").click()

    expect(page.locator("#toast")).to_have_text("Submitted for review.")
    # The draft no longer waits for its author: the navigation's count goes with it.
    expect(page.locator("#nav-my-claims .nav-count")).to_have_count(0)
    expect(card.locator(".status")).to_have_text("Submitted")
    expect(card.get_by_role("button", name="Submit for review")).to_have_count(0)
    expect(page.locator(f"#claim-{claim.pk}.active")).to_be_visible()
    claim.refresh_from_db()
    assert claim.status == "submitted"


def test_a_save_whose_answer_was_lost_is_recorded_once_when_saved_again(
    live_server, page, login, analyst, emoji_article
):
    """The phone's case: the server records the claim, the answer never arrives, the page says
    the server cannot be reached, and the analyst presses Save again."""
    source = Source.objects.create(name="Ministry of Defence", kind="government", reliability="C")
    login("ada", PASSWORD)
    open_article(page, live_server, emoji_article)
    sent_keys = []

    def lose_the_first_answer(route):
        sent_keys.append(route.request.headers.get("idempotency-key"))
        if len(sent_keys) == 1:
            route.fetch()  # the server records the claim...
            route.abort("connectionreset")  # ...and its answer is lost on the way
        else:
            route.continue_()

    page.route("**/annotations/create/", lose_the_first_answer)
    drag_over(page, TARGET)
    page.keyboard.press("n")
    page.locator("#claim-source").fill(source.name)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the form is a sheet
    page.locator("#claim-save").click()
    # Shown where it is seen: the sheet scrolls up to the message at its top.
    expect(page.locator("#claim-form-error")).to_contain_text("cannot be reached")
    expect(page.locator("#claim-form-error")).to_be_in_viewport()
    assert Claim.objects.count() == 1

    page.locator("#claim-save").click()

    expect(page.locator("#toast")).to_contain_text("saved")
    claim = Claim.objects.get()
    expect(page.locator(f'mark[data-claims~="{claim.pk}"]')).to_have_text(TARGET)
    assert len(sent_keys) == 2 and sent_keys[0] == sent_keys[1] and sent_keys[0]


def test_a_passage_is_selectable_in_an_article_whose_language_the_browser_refuses(
    live_server, page, login, analyst, emoji_article
):
    # Stored before languages were checked: Intl.Segmenter throws on "en_US".
    type(emoji_article).objects.filter(pk=emoji_article.pk).update(language="en_US")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    login("ada", PASSWORD)
    open_article(page, live_server, emoji_article)

    drag_over(page, TARGET)

    expect(page.locator("#new-claim-button")).to_be_visible()
    assert errors == []


def test_a_withdrawal_refused_says_why_and_the_card_shows_the_claim_as_it_now_is(
    live_server, page, login, analyst, observed
):
    claim = services.claim_submit(claim=observed, user=analyst)
    open_at_card(page, live_server, login, claim)
    # A reviewer approves it after the page loaded.
    reviewer = UserFactory(username="rui", groups=["reviewer"])
    services.claim_approve(claim=Claim.objects.get(pk=claim.pk), reviewer=reviewer)

    card = page.locator(f"#claim-{claim.pk}")
    card.get_by_role("button", name="Withdraw").click()

    expect(page.locator("#toast")).to_contain_text("A reviewer has approved this claim")
    expect(card.locator(".status")).to_have_text("Approved")


def test_a_claim_saved_after_someone_else_logged_in_in_another_tab_is_refused(
    live_server, page, login, login_in_another_tab, analyst, emoji_article
):
    Source.objects.create(name="Ministry of Defence", kind="government", reliability="C")
    UserFactory(username="bea", groups=["analyst"])
    login("ada", PASSWORD)
    open_article(page, live_server, emoji_article)
    login_in_another_tab("bea", PASSWORD)

    drag_over(page, TARGET)
    page.locator("#new-claim-button").click()
    page.locator("#claim-source").fill("Ministry of Defence")
    page.get_by_label("2 – Probably true").check()
    page.locator("#claim-save").click()

    expect(page.locator("#claim-form")).to_contain_text("You are now logged in as bea")
    assert not Claim.objects.exists()


def test_an_edit_of_a_claim_submitted_meanwhile_closes_saying_why(
    live_server, page, login, analyst, observed
):
    claim = observed
    open_at_card(page, live_server, login, claim)
    page.locator(f'#claim-{claim.pk} button[data-action="edit"]').click()
    services.claim_submit(claim=Claim.objects.get(pk=claim.pk), user=analyst)  # another tab
    page.locator("#claim-statement").fill("Edited in the first tab")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#conflict")).to_be_visible()

    page.locator("#conflict").get_by_role("button").click()

    expect(page.locator("#toast")).to_contain_text("waiting for review now: withdraw it")
    expect(page.locator("#claim-form")).to_be_hidden()


def test_a_passage_s_status_shows_without_colour_and_is_said_to_screen_readers(
    live_server, page, login, analyst, emoji_article
):
    source = Source.objects.create(name="Ministry of Defence", kind="government", reliability="C")
    draft = claim_on(emoji_article, TARGET, source, analyst)
    submitted = services.claim_submit(
        claim=claim_on(emoji_article, "12,000 soldiers", source, analyst), user=analyst
    )
    login("ada", PASSWORD)
    page.emulate_media(forced_colors="active")
    open_article(page, live_server, emoji_article)

    draft_mark = page.locator(f'mark[data-claims="{draft.pk}"]')
    submitted_mark = page.locator(f'mark[data-claims="{submitted.pk}"]')
    expect(draft_mark).to_have_accessible_description(f"claim {draft.pk}, draft")
    expect(submitted_mark).to_have_accessible_description(f"claim {submitted.pk}, submitted")
    # Forced colours paint both marks alike; their underlines still differ.
    styles = [
        mark.evaluate("(element) => getComputedStyle(element).borderBottomStyle")
        for mark in (draft_mark, submitted_mark)
    ]
    assert styles == ["dotted", "dashed"]
    # On a dark high-contrast theme too, the underline stands out from the page: the marks'
    # own text colour (black on their yellow box) drew it black on the black page.
    page.emulate_media(forced_colors="active", color_scheme="dark")
    underline, page_colour = draft_mark.evaluate(
        """(mark) => [getComputedStyle(mark).borderBottomColor,
                      getComputedStyle(document.body).backgroundColor]"""
    )
    assert underline != page_colour
    # Attributes only: the text is still the article's, character for character.
    assert page.locator("#article-text").evaluate("(text) => text.textContent") == (
        emoji_article.text
    )


def test_the_focused_card_is_described_by_its_passage_source_and_status(
    live_server, page, login, observed
):
    login("ada", PASSWORD)
    open_article(page, live_server, observed.article)
    open_card(page, observed)
    card = page.locator(f"#claim-{observed.pk}")

    # The short name J reads, then the passage, grade, source and status.
    expect(card).to_have_accessible_name(f"Claim {observed.pk}")
    expect(card).to_have_accessible_description(
        re.compile(rf"^{re.escape(TARGET)} F6 .*Observers · Draft")
    )
