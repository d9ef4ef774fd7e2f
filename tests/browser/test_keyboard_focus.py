"""The keyboard focus after the page changes in place: it never drops to <body> when the focused
control goes away (a deleted claim, a decided suggestion), the toast's Undo stays reachable, the
link dialog's results are a listbox moved through with the arrow keys, and the review queue's
arrows leave links and fields alone."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.services import article_create
from claims.models import Claim, ClaimStatus
from sources.models import Source
from suggestions import services as suggestion_services
from suggestions.models import Suggestion, SuggestionKind, SuggestionStatus
from tests.browser.test_annotate import (
    EMOJI_TEXT,
    TARGET,
    claim_on,
    drag_over,
    open_article,
    open_card,
)
from tests.factories import (
    PASSWORD,
    ArticleFactory,
    ClaimFactory,
    OutletFactory,
    SourceFactory,
    UserFactory,
)
from tests.suggestions.conftest import LARGE, SMALL

pytestmark = pytest.mark.django_db(transaction=True)

#: The element with the keyboard focus, as "tag#id.class".
FOCUSED = """() => {
    const element = document.activeElement;
    return `${element.tagName.toLowerCase()}#${element.id}.${element.className}`;
}"""


@pytest.fixture
def analyst():
    return UserFactory(username="ada", groups=["analyst"])


@pytest.fixture
def two_claims(live_server, page, login, analyst):
    """An article with two claims of the analyst's, open in the reading view at 1280 × 800."""
    article = article_create(title="Field report", text=EMOJI_TEXT, uploaded_by=analyst)
    source = Source.objects.create(name="Observers", kind="other", reliability="B")
    claims = [
        claim_on(article, passage, source, analyst) for passage in (TARGET, "12,000 soldiers")
    ]
    login("ada", PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 800})
    open_article(page, live_server, article)
    return claims


def test_deleting_a_claim_focuses_the_next_card_and_undo_focuses_it_again(page, two_claims):
    first, second = two_claims
    page.clock.install()
    open_card(page, first)

    page.locator(f'#claim-{first.pk} button[data-action="delete"]').focus()
    page.keyboard.press("Enter")

    expect(page.locator(f"#claim-{first.pk}")).to_have_count(0)
    expect(page.locator(f"#claim-{second.pk}")).to_be_focused()
    undo = page.locator("#toast").get_by_role("button", name="Undo")
    # The toast stays while the keyboard is on it, however long the reader takes.
    undo.focus()
    page.clock.fast_forward(30_000)
    expect(undo).to_be_visible()

    page.keyboard.press("Enter")

    expect(page.locator(f"#claim-{first.pk}")).to_be_focused()
    assert Claim.objects.filter(pk=first.pk).exists()


def test_ctrl_z_undoes_a_deletion_while_its_toast_shows(page, two_claims):
    first, second = two_claims
    open_card(page, first)
    page.locator(f'#claim-{first.pk} button[data-action="delete"]').focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#claim-{second.pk}")).to_be_focused()
    expect(page.locator("#toast")).to_contain_text("Ctrl+Z")

    page.keyboard.press("Control+z")

    expect(page.locator(f"#claim-{first.pk}")).to_be_focused()
    expect(page.locator("#toast")).to_contain_text("Claim restored")
    assert Claim.objects.filter(pk=first.pk).exists()


def test_deleting_the_only_claim_gives_the_focus_to_the_text(page, two_claims):
    first, second = two_claims
    Claim.objects.filter(pk=second.pk).delete()
    page.reload()
    page.wait_for_selector("body[data-annotate-ready]")
    open_card(page, first)

    page.locator(f'#claim-{first.pk} button[data-action="delete"]').focus()
    page.keyboard.press("Enter")

    expect(page.locator(f"#claim-{first.pk}")).to_have_count(0)
    expect(page.locator("#article-text")).to_be_focused()


def _claims_to_link(analyst) -> Claim:
    """A claim to link from, and three claims in another article that a search finds."""
    source = Source.objects.create(name="Observers", kind="other", reliability="B")
    here = article_create(title="Here", text=EMOJI_TEXT, uploaded_by=analyst)
    other = article_create(
        title="Elsewhere",
        text="Trucks crossed at dawn. Trucks crossed at noon. Trucks crossed at dusk.",
        uploaded_by=analyst,
    )
    for passage in ("Trucks crossed at dawn", "Trucks crossed at noon", "Trucks crossed at dusk"):
        claim_on(other, passage, source, analyst)
    return claim_on(here, TARGET, source, analyst)


def _open_the_link_dialog(page, live_server, login, analyst) -> None:
    """Ada's claim open at its card, its link dialog opened with C."""
    claim = _claims_to_link(analyst)
    login("ada", PASSWORD)
    open_article(page, live_server, claim.article)
    open_card(page, claim)
    page.keyboard.press("c")


def test_the_link_results_are_a_listbox_moved_through_with_the_arrow_keys(
    live_server, page, login, analyst
):
    _open_the_link_dialog(page, live_server, login, analyst)
    search = page.locator("#link-search")
    expect(search).to_be_focused()
    search.fill("trucks crossed")
    options = page.locator("#link-results [role=option]")
    expect(options).to_have_count(3)
    expect(search).to_have_attribute("role", "combobox")
    expect(search).to_have_attribute("aria-expanded", "true")
    assert options.evaluate_all("(all) => all.map((option) => option.tabIndex)") == [-1, -1, -1]
    # The source's name and the article's title are isolated: either may run right to left.
    expect(options.first.locator("bdi")).to_have_text(["Observers", "Elsewhere"])

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = options.nth(1)
    expect(search).to_have_attribute("aria-activedescendant", second.get_attribute("id"))
    expect(search).to_be_focused()
    # The active option is marked inside the list's edges, where its overflow cannot cut it off.
    assert second.evaluate("(option) => parseFloat(getComputedStyle(option).outlineOffset)") < 0
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")

    expect(second).to_have_attribute("aria-selected", "true")
    expect(options.nth(0)).to_have_attribute("aria-selected", "false")
    expect(page.locator("#link-save")).to_be_enabled()
    page.keyboard.press("Tab")
    expect(page.locator("#link-note")).to_be_focused()


def test_the_link_dialog_says_how_many_claims_match_or_that_none_does(
    live_server, page, login, analyst
):
    _open_the_link_dialog(page, live_server, login, analyst)
    # A live region inside the modal dialog (outside it, the page is inert).
    count = page.get_by_role("dialog").get_by_role("status")

    page.locator("#link-search").fill("trucks crossed")
    expect(count).to_have_text("3 claims shown. Choose one below.")

    page.locator("#link-search").fill("zeppelins")
    expect(count).to_have_text("No other claim matches.")
    # The listbox holds options only; it is empty and not expanded.
    expect(page.locator("#link-results > *")).to_have_count(0)
    expect(page.locator("#link-search")).to_have_attribute("aria-expanded", "false")


def test_the_active_link_result_is_scrolled_into_view(live_server, page, login, analyst):
    claim = _claims_to_link(analyst)
    login("ada", PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 800})
    open_article(page, live_server, claim.article)
    open_card(page, claim)
    page.keyboard.press("c")
    page.locator("#link-search").fill("trucks crossed")
    options = page.locator("#link-results [role=option]")
    expect(options).to_have_count(3)
    page.locator("#link-results").evaluate("(list) => { list.style.maxHeight = '60px'; }")

    for _ in range(3):
        page.keyboard.press("ArrowDown")

    inside = options.nth(2).evaluate(
        """(option) => {
            const list = option.parentElement.getBoundingClientRect();
            const box = option.getBoundingClientRect();
            return box.top >= list.top - 1 && box.bottom <= list.bottom + 1;
        }"""
    )
    assert inside


@pytest.fixture
def suggestions_page(login):
    SourceFactory(name="Valley Watch")
    author = UserFactory(username="uploader", groups=["analyst"])
    small = ArticleFactory(text=SMALL, title="Small", uploaded_by=author, outlet=OutletFactory())
    large = ArticleFactory(
        text=LARGE + "\n\nValley Watch said 300 tanks had crossed the river near Halvern.",
        title="Large",
        uploaded_by=author,
    )
    suggestion_services.suggest_for_article(small)
    suggestion_services.suggest_for_article(large)
    UserFactory(username="ada", groups=["analyst"])
    page = login("ada", PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 800})
    return page, large


@pytest.mark.parametrize("decision", ["Accept", "Dismiss"])
def test_deciding_a_suggested_pair_on_the_board_keeps_the_focus_on_the_card(
    suggestions_page, live_server, decision
):
    page, _large = suggestions_page
    page.goto(f"{live_server.url}{reverse('claims:board')}")
    card = page.locator(".suggestion-card").first

    card.get_by_role("button", name=decision).focus()
    page.keyboard.press("Enter")

    outcome = card.locator(".suggestion-outcome")
    expect(outcome).not_to_be_empty()
    expect(outcome).to_be_focused()


def test_d_dismisses_the_focused_suggestion_and_focuses_the_next_one(suggestions_page, live_server):
    page, large = suggestions_page
    first, second = Suggestion.objects.filter(kind=SuggestionKind.CLAIM, a_article=large).order_by(
        "a_start"
    )[:2]
    page.goto(f"{live_server.url}{large.get_absolute_url()}")
    expect(page.locator("#suggested-claims")).to_have_attribute("data-suggested-ready", "true")
    page.locator("summary", has_text="List them").click()
    page.locator(f"#suggestion-{first.pk}").focus()

    page.keyboard.press("d")

    expect(page.locator(f"#suggestion-{first.pk}")).to_have_count(0)
    expect(page.locator(f"#suggestion-{second.pk}")).to_be_focused()
    page.keyboard.press("d")
    expect(page.locator(f"#suggestion-{second.pk}")).to_have_count(0)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (SuggestionStatus.DISMISSED, SuggestionStatus.DISMISSED)
    assert page.evaluate(FOCUSED) != "body#."


def test_the_dismiss_button_of_the_last_suggestion_gives_the_focus_to_the_list_summary(
    suggestions_page, live_server
):
    page, large = suggestions_page
    suggestions = Suggestion.objects.filter(kind=SuggestionKind.CLAIM, a_article=large)
    page.goto(f"{live_server.url}{large.get_absolute_url()}")
    expect(page.locator("#suggested-claims")).to_have_attribute("data-suggested-ready", "true")
    page.locator("summary", has_text="List them").click()

    for suggestion in suggestions:
        page.locator(f"#suggestion-{suggestion.pk}").get_by_role("button", name="Dismiss").focus()
        page.keyboard.press("Enter")
        expect(page.locator(f"#suggestion-{suggestion.pk}")).to_have_count(0)

    expect(page.locator("summary", has_text="List them")).to_be_focused()


def test_the_review_queue_arrows_leave_a_focused_link_alone(login, live_server):
    author = UserFactory(username="ada", groups=["analyst"])
    first = ClaimFactory(created_by=author, status=ClaimStatus.SUBMITTED)
    ClaimFactory(created_by=author, status=ClaimStatus.SUBMITTED)
    UserFactory(username="rui", groups=["reviewer"])
    page = login("rui", PASSWORD)
    page.goto(f"{live_server.url}/review/")
    link = page.locator(f"#claim-{first.pk} a[href]").first
    link.focus()

    page.keyboard.press("ArrowDown")

    expect(link).to_be_focused()
    page.keyboard.press("j")  # the letters still move between claims
    expect(page.locator(".review-item:focus")).to_have_count(1)


@pytest.fixture
def form_open(live_server, page, login, analyst):
    """The claim form open at 1280 × 800 on a passage selected with the mouse, as N opens it."""
    article = article_create(title="Field report", text=EMOJI_TEXT, uploaded_by=analyst)
    login("ada", PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 800})
    open_article(page, live_server, article)
    drag_over(page, TARGET)
    page.keyboard.press("n")
    expect(page.locator("#claim-dialog")).to_be_visible()
    return page


def test_tab_right_after_typing_a_known_source_keeps_the_focus_in_the_form(form_open):
    """The New source fields showed while the name was typed and hid when the lookup found it,
    with the focus in them: it fell to the page, and the next letters were shortcuts."""
    Source.objects.create(name="UN Monitoring Mission", kind="other", reliability="B")
    page = form_open
    page.locator("#claim-source").focus()

    page.keyboard.type("UN Monitoring Mission")
    page.keyboard.press("Tab")
    expect(page.locator("#new-source-fields")).to_be_hidden()

    assert page.evaluate("document.getElementById('claim-form').contains(document.activeElement)")
    page.keyboard.press("n")
    expect(page.locator("#claim-dialog")).to_be_visible()
    expect(page.locator("#toast")).not_to_contain_text("Select a passage")


def test_a_refused_field_is_marked_described_and_given_the_focus(form_open):
    page = form_open

    page.keyboard.press("Control+Enter")

    source = page.locator("#claim-source")
    expect(source).to_have_attribute("aria-invalid", "true")
    expect(source).to_be_focused()
    expect(page.locator("#claim-error-source")).to_have_text("Name the source that asserted this.")
    assert "claim-error-source" in source.get_attribute("aria-describedby").split()
    page.locator("#claim-source").fill("Observers")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#toast")).to_contain_text("saved")


def test_the_shortcut_list_names_accept_and_dismiss(two_claims, page):
    page.locator("body").press("?")

    help_dialog = page.locator("#help-dialog")
    expect(help_dialog).to_be_visible()
    expect(help_dialog.locator("tr", has_text="Accept / dismiss")).to_contain_text("A")


def test_the_link_dialog_does_not_give_a_page_of_matches_for_all_of_them(
    live_server, page, login, analyst
):
    # It said "20 claims match" where 36 did: the count was the page's.
    claim = _claims_to_link(analyst)
    many = article_create(
        title="Many", text=" ".join(f"Trucks crossed {n}." for n in range(30)), uploaded_by=analyst
    )
    source = Source.objects.get(name="Observers")
    for n in range(25):
        claim_on(many, f"Trucks crossed {n}.", source, analyst)
    login("ada", PASSWORD)
    open_article(page, live_server, claim.article)
    open_card(page, claim)
    page.keyboard.press("c")

    page.locator("#link-search").fill("trucks crossed")

    expect(page.get_by_role("dialog").get_by_role("status")).to_have_text(
        "20 claims shown, and more match: type more words to narrow. Choose one below."
    )
