"""Suggestions in a real browser: accepting a suggested contradiction from the board in place,
and the reading view's dashed suggested claims dismissed from the keyboard."""

import pytest
from playwright.sync_api import expect

from claims.models import ClaimLink, LinkKind, LinkStatus
from suggestions import services
from suggestions.models import Suggestion, SuggestionKind, SuggestionStatus
from tests.browser.test_annotate import drag_over
from tests.factories import PASSWORD, ArticleFactory, OutletFactory, SourceFactory, UserFactory
from tests.suggestions.conftest import LARGE, SMALL

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def analyst_page(login):
    UserFactory(username="ada", groups=["analyst"])
    return login("ada", PASSWORD)


@pytest.fixture
def contradiction():
    SourceFactory(name="Valley Watch")
    author = UserFactory(username="uploader", groups=["analyst"])
    small = ArticleFactory(text=SMALL, title="Small", uploaded_by=author, outlet=OutletFactory())
    large = ArticleFactory(text=LARGE, title="Large", uploaded_by=author)
    services.suggest_for_article(small)
    services.suggest_for_article(large)
    return Suggestion.objects.get(kind=SuggestionKind.CONTRADICTION, a_article=small)


def test_accepting_a_suggested_contradiction_from_the_board(
    analyst_page, live_server, contradiction
):
    page = analyst_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/contradictions/")
    card = page.locator(f"#suggestion-{contradiction.pk}")
    expect(card).to_contain_text(contradiction.reason)

    card.get_by_role("button", name="Accept").click()

    expect(card.locator(".suggestion-outcome")).to_contain_text("waiting for a reviewer")
    assert page.url.endswith("/contradictions/")  # decided in place, no page load
    contradiction.refresh_from_db()
    assert contradiction.status == SuggestionStatus.ACCEPTED
    link = ClaimLink.objects.get()
    assert (link.kind, link.status) == (LinkKind.CONTRADICTS, LinkStatus.PROPOSED)
    assert errors == []


def test_the_reading_view_draws_suggested_claims_and_d_dismisses_the_focused_one(
    analyst_page, live_server, contradiction
):
    page = analyst_page
    article = contradiction.b_article
    suggestion = Suggestion.objects.get(kind=SuggestionKind.CLAIM, a_article=article)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    section = page.locator("#suggested-claims")
    expect(section).to_have_attribute("data-suggested-ready", "true")
    assert page.evaluate("CSS.highlights.get('suggested').size") >= 1

    page.locator("summary", has_text="List them").click()
    page.locator(f"#suggestion-{suggestion.pk}").focus()
    assert page.evaluate("CSS.highlights.has('suggested-focus')")
    page.keyboard.press("d")

    expect(page.locator(f"#suggestion-{suggestion.pk}")).to_have_count(0)
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DISMISSED


def test_a_on_the_focused_suggestion_opens_the_prefilled_claim_form(
    analyst_page, live_server, contradiction
):
    page = analyst_page
    article = contradiction.b_article
    suggestion = Suggestion.objects.get(kind=SuggestionKind.CLAIM, a_article=article)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.locator("summary", has_text="List them").click()
    page.locator(f"#suggestion-{suggestion.pk}").focus()
    page.keyboard.press("a")

    expect(page.get_by_role("heading", name="Record the suggested claim")).to_be_visible()
    expect(page.get_by_label("Source", exact=True)).to_have_value(str(suggestion.a_source_id))
    page.get_by_label("2 – Probably true").check()
    page.get_by_role("button", name="Save as a draft claim").click()

    expect(page.locator(".claim-card")).to_have_count(1)
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
    assert suggestion.a_claim.credibility == 2


def test_suggested_claims_are_drawn_again_after_the_text_is_re_rendered(
    analyst_page, live_server, contradiction
):
    """A save re-renders paragraphs of the text: the dashed highlights follow the new nodes."""
    page = analyst_page
    article = contradiction.b_article
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(page.locator("#suggested-claims")).to_have_attribute("data-suggested-ready", "true")
    drawn = page.evaluate("CSS.highlights.get('suggested').size")
    assert drawn >= 1

    # Replace every text node of the article with a copy, as a re-render does.
    page.evaluate(
        """() => {
            const text = document.getElementById("article-text");
            for (const p of text.querySelectorAll("p")) p.replaceWith(p.cloneNode(true));
        }"""
    )
    page.wait_for_function(
        """(count) => {
            const ranges = [...CSS.highlights.get('suggested')];
            return ranges.length === count
                && ranges.every((range) => range.startContainer.isConnected);
        }""",
        arg=drawn,
    )


def test_a_claim_recorded_in_a_suggested_passage_takes_the_suggestion_off_the_page(
    analyst_page, live_server, contradiction
):
    page = analyst_page
    article = contradiction.b_article
    suggestion = Suggestion.objects.get(kind=SuggestionKind.CLAIM, a_article=article)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(page.locator("#suggested-claims")).to_have_attribute("data-suggested-ready", "true")
    count = page.locator("[data-suggested-count]")
    before = int(count.inner_text())
    drawn = page.evaluate("CSS.highlights.get('suggested').size")

    drag_over(page, suggestion.a_quote.split(",")[0][:40].strip())
    page.locator("#new-claim-button").click()
    page.locator("#claim-source").fill("Valley Watch")
    page.get_by_label("2 – Probably true").check()
    page.locator("#claim-save").click()

    expect(page.locator("#toast")).to_contain_text("saved")
    expect(count).to_have_text(str(before - 1))
    assert page.evaluate("CSS.highlights.get('suggested').size") == drawn - 1
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
