"""The claim form's inline source creation in a real browser: a name close to existing
sources offers them first; picking one uses it, confirming creates the new one; the new
source's reliability is shown with F chosen. And withdrawing from the card in place."""

import pytest
from playwright.sync_api import expect

from articles.services import article_create
from claims.models import Claim
from claims.services import claim_submit
from sources.models import Source
from sources.services import source_merge
from tests.browser.test_annotate import EMOJI_TEXT, claim_on, drag_over, open_article, open_card
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reading(login, live_server, page):
    """An analyst in the reading view of an article, with one intelligence source known."""
    analyst = UserFactory(username="ada", groups=["analyst"])
    article = article_create(title="Field report", text=EMOJI_TEXT, uploaded_by=analyst)
    western = Source.objects.create(name="Western intelligence services", reliability="B")
    login("ada", PASSWORD)
    open_article(page, live_server, article)
    return page, article, analyst, western


def _new_claim_with_source(page, name: str) -> None:
    drag_over(page, "12,000 soldiers")
    page.keyboard.press("n")
    page.locator("#claim-source").fill(name)


def test_a_close_name_offers_the_existing_source_to_pick(reading):
    page, _article, _analyst, western = reading
    _new_claim_with_source(page, "Western intel services")
    expect(page.locator("#claim-source-reliability")).to_have_value("F")
    expect(page.locator("#new-source-fields")).to_contain_text("cannot be judged")

    page.locator("#claim-save").click()

    prompt = page.locator("#similar-sources")
    expect(prompt).to_contain_text("Did you mean one of these?")
    prompt.get_by_role("button", name="Use “Western intelligence services” (B)").click()
    expect(page.locator("#claim-source")).to_have_value("Western intelligence services")
    page.locator("#claim-save").click()

    expect(page.locator("#toast")).to_contain_text("saved (B6)")
    assert Claim.objects.get().source == western
    assert not Source.objects.filter(name="Western intel services").exists()


def test_confirming_creates_the_new_source_anyway(reading):
    page, *_ = reading
    _new_claim_with_source(page, "Western intel services")
    page.locator("#claim-source-reliability").select_option("D")
    page.locator("#claim-save").click()

    page.get_by_role("button", name="Create “Western intel services” as a new source").click()

    expect(page.locator("#toast")).to_contain_text("saved (D6)")
    assert Source.objects.get(name="Western intel services").reliability == "D"


def test_withdraw_from_the_card_turns_it_back_into_a_draft(reading):
    page, article, analyst, western = reading
    claim = claim_submit(claim=claim_on(article, "12,000 soldiers", western, analyst), user=analyst)
    page.reload()
    page.wait_for_selector("body[data-annotate-ready]")
    card = page.locator(f"#claim-{claim.pk}")
    open_card(page, claim)  # the panel lists compact cards; the buttons are on the full one

    card.get_by_role("button", name="Withdraw").click()

    expect(page.locator("#toast")).to_have_text(
        "Withdrawn from review: the claim is a draft again."
    )
    expect(card.locator(".status")).to_have_text("Draft")
    assert Claim.objects.get(pk=claim.pk).status == "draft"


def test_a_source_merged_while_the_page_is_open_is_refused_in_words_never_recreated(reading):
    page, _article, _analyst, western = reading
    _new_claim_with_source(page, "Western intelligence services")
    # The form's lookup has found it: the page now holds its id.
    expect(page.locator("#source-options option")).to_have_count(1)
    expect(page.locator("#new-source-fields")).to_be_hidden()
    allied = Source.objects.create(name="Allied intelligence", reliability="B")
    source_merge(target=allied, duplicates=[western], user=UserFactory(groups=["reviewer"]))

    page.locator("#claim-save").click()
    expect(page.locator("#claim-form")).to_contain_text("may have been merged into another")
    page.locator("#claim-save").click()

    expect(page.locator("#claim-form")).to_contain_text("is not a source here (any more)")
    expect(page.locator("#new-source-fields")).to_be_visible()
    assert not Source.objects.filter(name="Western intelligence services").exists()
    assert not Claim.objects.exists()


# What a screen reader is told when a save is refused while the focus stays put.


def test_a_refused_source_typed_with_ctrl_enter_is_announced(reading):
    page, *_ = reading
    _new_claim_with_source(page, "")
    page.locator("#claim-source").press("Control+Enter")

    # The field had the focus already: no focus event speaks its message, the announcer does.
    expect(page.locator("#announcer")).to_have_text(
        "Source (who asserted it): Name the source that asserted this."
    )
    assert page.evaluate("document.activeElement.id") == "claim-source"


def test_a_new_name_announces_the_new_source_fields(reading):
    page, *_ = reading
    _new_claim_with_source(page, "Regional police")

    expect(page.locator("#new-source-fields")).to_be_visible()
    expect(page.locator("#announcer")).to_have_text(
        "New source: choose its kind and reliability below."
    )


def test_a_close_name_moves_the_focus_to_the_first_source_offered(reading):
    page, *_ = reading
    _new_claim_with_source(page, "Western intel services")
    page.locator("#claim-source").press("Control+Enter")

    use = page.get_by_role("button", name="Use “Western intelligence services” (B)")
    expect(use).to_be_focused()
    group = page.get_by_role("group", name="Did you mean one of these?")
    expect(group).to_be_visible()


def test_a_save_refused_from_the_save_button_keeps_the_focus_on_it(reading):
    page, *_ = reading
    _new_claim_with_source(page, "Western intelligence services")
    expect(page.locator("#new-source-fields")).to_be_hidden()  # the lookup knows the name
    page.route(
        "**/annotations/create/",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    page.locator("#claim-save").focus()
    page.keyboard.press("Enter")

    expect(page.locator("#claim-form-error")).not_to_be_empty()
    expect(page.locator("#claim-save")).to_be_focused()


def test_the_toast_stays_a_live_region_in_the_tree_between_messages(reading):
    page, *_ = reading
    toast = page.get_by_role("status").and_(page.locator("#toast"))
    # There before the message, so that its arrival is a change a screen reader speaks.
    expect(toast).to_have_count(1)
    expect(toast).to_be_empty()

    _new_claim_with_source(page, "Western intelligence services")
    page.locator("#claim-save").click()

    expect(toast).to_contain_text("saved (B6)")
