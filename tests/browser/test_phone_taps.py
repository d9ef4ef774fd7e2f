"""A phone's finger (390 × 844, a touch screen): a tap acts on what it lands on, nothing the
page puts up covers the controls still needed, and what a page draws stays readable and on the
screen (an audit with a phone in hand)."""

import pytest
from playwright.sync_api import expect

from claims.models import ClaimLink, ClaimStatus, LinkKind
from suggestions import services as suggestion_services
from suggestions.models import Suggestion, SuggestionKind, SuggestionStatus
from tests.browser.test_annotate import EMOJI_TEXT, open_article
from tests.factories import PASSWORD, ArticleFactory, ClaimFactory, UserFactory
from tests.suggestions.conftest import SMALL

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "has_touch": True, "viewport": PHONE}


@pytest.fixture
def ada(login):
    UserFactory(username="ada", groups=["analyst", "reviewer"])
    return login("ada", PASSWORD)


def test_the_first_tap_on_dismiss_dismisses_a_suggested_claim_whose_passage_is_far_below(
    ada, live_server
):
    """The tap focused the item, the page scrolled to its passage before the tap's click, and
    the click landed on the text: nothing was dismissed."""
    filler = "\n\n".join(["The weather was cold and the roads were quiet."] * 40)
    article = ArticleFactory(text=f"{filler}\n\n{SMALL}")
    suggestion_services.suggest_for_article(article)
    suggestion = Suggestion.objects.get(
        kind=SuggestionKind.CLAIM, a_article=article, a_quote__contains="8,000"
    )
    page = ada
    open_article(page, live_server, article)
    expect(page.locator("#suggested-claims")).to_have_attribute("data-suggested-ready", "true")
    page.locator("#suggested-claims summary", has_text="List them").tap()
    item = page.locator(f"#suggestion-{suggestion.pk}")

    item.get_by_role("button", name="Dismiss").tap()

    expect(item).to_have_count(0)
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DISMISSED


def test_a_message_shows_above_the_claim_sheet_not_over_its_buttons(ada, live_server):
    article = ArticleFactory(text=EMOJI_TEXT)
    page = ada
    open_article(page, live_server, article)
    page.evaluate(
        """() => {
            const text = document.getElementById("article-text").firstChild;
            const range = document.createRange();
            range.selectNodeContents(text);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }"""
    )
    page.locator("#new-claim-button").tap()
    expect(page.locator("#claim-dialog")).to_be_visible()
    page.evaluate(
        """() => {
            const toast = document.getElementById("toast");
            toast.textContent = "Claim 42 saved (C6).";
            toast.hidden = false;
        }"""
    )

    toast = page.locator("#toast").bounding_box()
    for button in ("#claim-save", "#claim-cancel"):
        box = page.locator(button).bounding_box()
        assert toast["y"] + toast["height"] <= box["y"] or box["y"] + box["height"] <= toast["y"]


def test_the_bulk_approval_confirmation_fits_the_screen(ada, live_server):
    claims = [ClaimFactory(status=ClaimStatus.SUBMITTED) for _ in range(2)]
    page = ada
    page.goto(f"{live_server.url}/review/")
    for claim in claims:
        page.locator(f"#claim-{claim.pk} .bulk-pick input").tap()
    with page.expect_navigation():
        page.get_by_role("button", name="Approve the ticked claims…").tap()
    expect(page.get_by_role("heading", name="Approve 2 claims?")).to_be_visible()

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_matrix_shows_its_counts_beside_the_row_numbers(ada, live_server):
    first, second = ClaimFactory(), ClaimFactory()
    ClaimLink.objects.create(
        kind=LinkKind.CONTRADICTS,
        claim_a=min(first, second, key=lambda claim: claim.pk),
        claim_b=max(first, second, key=lambda claim: claim.pk),
        created_by=first.created_by,
    )
    page = ada
    page.goto(f"{live_server.url}/contradictions/matrix/")

    count = page.locator("table.matrix td a").first
    row_number = page.locator('table.matrix th[scope="row"] .n').first
    assert count.bounding_box()["x"] + count.bounding_box()["width"] <= PHONE["width"]
    assert row_number.is_visible()
    expect(page.locator(".matrix-legend li")).to_have_count(2)


def test_the_dashboard_charts_are_drawn_at_a_size_their_words_can_be_read(ada, live_server):
    ClaimFactory(status=ClaimStatus.SUBMITTED)
    ClaimFactory(status=ClaimStatus.APPROVED, reviewed_by=UserFactory())
    page = ada
    page.goto(f"{live_server.url}/")

    sizes = page.evaluate(
        """() => [...document.querySelectorAll(".chart svg")].map((svg) =>
            svg.getBoundingClientRect().width / svg.viewBox.baseVal.width * 12)"""
    )

    assert sizes and min(sizes) >= 9, sizes
