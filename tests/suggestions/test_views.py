"""The pages: the board's "Suggested" section, the dashboard counts, the reading view's
suggested claims, and the accept and dismiss actions behind their buttons (no script)."""

import json
import re

import pytest
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimLink, ClaimStatus
from suggestions.models import Suggestion, SuggestionKind, SuggestionStatus
from tests.factories import ClaimFactory, ClaimLinkFactory, OutletFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, analyst):
    client.force_login(analyst)
    return client


def test_the_board_shows_suggested_pairs_side_by_side_with_the_reason(signed_in, contradiction):
    html = signed_in.get(reverse("claims:board")).content.decode()
    assert 'id="suggested"' in html
    assert f'id="suggestion-{contradiction.pk}"' in html
    assert contradiction.reason in html
    assert contradiction.a_quote in html and contradiction.b_quote in html
    assert reverse("suggestions:accept", args=[contradiction.pk]) in html


def test_the_board_shows_no_buttons_to_a_reviewer(client, reviewer, contradiction):
    client.force_login(reviewer)
    html = client.get(reverse("claims:board")).content.decode()
    assert contradiction.reason in html
    assert reverse("suggestions:accept", args=[contradiction.pk]) not in html


def test_a_pair_whose_claim_was_deleted_says_so_and_offers_dismiss_only(
    signed_in, analyst, contradiction
):
    # It offered Accept, and the accept was refused naming a claim the board did not show
    # (the side read as a passage, or as another claim over it).
    start, end = contradiction.a_start, contradiction.a_end
    claim = ClaimFactory(article=contradiction.a_article, start=start, end=end, created_by=analyst)
    Suggestion.objects.filter(pk=contradiction.pk).update(a_claim=claim)
    services.claim_delete(claim=claim, user=analyst)

    html = signed_in.get(reverse("claims:board")).content.decode()

    card = html[html.index(f'id="suggestion-{contradiction.pk}"') :]
    assert f"Claim {claim.pk} was deleted" in card
    assert reverse("suggestions:accept", args=[contradiction.pk]) not in html
    assert reverse("suggestions:dismiss", args=[contradiction.pk]) in card


def test_the_board_has_no_section_when_nothing_is_suggested(signed_in, db):
    assert 'id="suggested"' not in signed_in.get(reverse("claims:board")).content.decode()


def test_accepting_a_pair_from_the_board_without_a_script(signed_in, contradiction):
    contradiction.a_article.outlet = OutletFactory()
    contradiction.a_article.save()
    response = signed_in.post(reverse("suggestions:accept", args=[contradiction.pk]))
    contradiction.refresh_from_db()
    assert contradiction.status == SuggestionStatus.ACCEPTED
    assert response.status_code == 302
    assert response.url.endswith(f"#link-{contradiction.link_id}")
    assert ClaimLink.objects.get().status == "proposed"


def test_a_pair_with_no_source_shows_the_form_asking_for_one(signed_in, contradiction):
    response = signed_in.post(reverse("suggestions:accept", args=[contradiction.pk]))
    assert response.status_code == 200
    assert "Choose the source" in response.content.decode()
    source = OutletFactory()
    response = signed_in.post(
        reverse("suggestions:accept", args=[contradiction.pk]), {"source": source.pk}
    )
    assert response.status_code == 302
    assert Claim.objects.count() == 2


def test_dismissing_from_the_board_without_a_script(signed_in, contradiction):
    board = reverse("claims:board")
    response = signed_in.post(
        reverse("suggestions:dismiss", args=[contradiction.pk]), {"next": board}
    )
    assert response.status_code == 302 and response.url == board
    contradiction.refresh_from_db()
    assert contradiction.status == SuggestionStatus.DISMISSED
    assert f'id="suggestion-{contradiction.pk}"' not in signed_in.get(board).content.decode()


def test_the_accept_page_is_the_prefilled_claim_form(signed_in, claim_suggestion, valley_watch):
    html = signed_in.get(reverse("suggestions:accept", args=[claim_suggestion.pk])).content.decode()
    assert claim_suggestion.a_quote in html
    assert f'<option value="{valley_watch.pk}" selected>' in html
    assert f'value="{claim_suggestion.statement}"' in html


def test_saving_the_accept_form_records_the_draft_and_returns_to_the_article(
    signed_in, claim_suggestion, analyst
):
    response = signed_in.post(
        reverse("suggestions:accept", args=[claim_suggestion.pk]),
        {"source": claim_suggestion.a_source_id, "credibility": "2", "statement": "Up to 60k"},
    )
    claim = Claim.objects.get()
    assert (claim.status, claim.created_by, claim.credibility) == (ClaimStatus.DRAFT, analyst, 2)
    assert response.url.endswith(f"/articles/{claim.article_id}/#claim-{claim.pk}")


def test_a_bad_credibility_is_a_form_error(signed_in, claim_suggestion):
    response = signed_in.post(
        reverse("suggestions:accept", args=[claim_suggestion.pk]), {"credibility": "9"}
    )
    assert response.status_code == 200
    assert not Claim.objects.exists()


def test_an_already_decided_suggestion_sends_back_with_a_message(
    signed_in, claim_suggestion, analyst
):
    from suggestions import services

    services.suggestion_dismiss(suggestion=claim_suggestion, user=analyst)
    response = signed_in.get(reverse("suggestions:accept", args=[claim_suggestion.pk]), follow=True)
    assert "already dismissed" in response.content.decode()


@pytest.mark.parametrize("who", ["reviewer", "no_role_user"])
def test_people_who_may_not_decide_are_refused_with_a_reason(
    client, request, who, claim_suggestion
):
    client.force_login(request.getfixturevalue(who))
    for name in ("accept", "dismiss"):
        response = client.post(reverse(f"suggestions:{name}", args=[claim_suggestion.pk]))
        assert response.status_code == 403
        assert "Only analysts" in response.content.decode()
    claim_suggestion.refresh_from_db()
    assert claim_suggestion.status == SuggestionStatus.PENDING


def test_the_dashboard_counts_what_waits(signed_in, suggested):
    html = signed_in.get(reverse("claims:dashboard")).content.decode()
    claims = Suggestion.objects.filter(kind=SuggestionKind.CLAIM).count()
    assert f'<span class="n">{claims}</span> suggested claims' in html
    assert "suggested contradictions" in html


def test_the_reading_view_carries_the_suggested_spans_and_links_the_list(
    signed_in, claim_suggestion
):
    article = claim_suggestion.a_article
    html = signed_in.get(article.get_absolute_url()).content.decode()
    assert 'id="suggested-claims"' in html
    spans = re.search(r'<script id="suggested-spans" type="application/json">(.*?)</script>', html)
    assert [claim_suggestion.pk, claim_suggestion.a_start, claim_suggestion.a_end] in json.loads(
        spans.group(1)
    )
    assert "js/annotate/suggested.js" in html
    # The list itself waits until it is opened: its own page (and fragment) has it.
    assert 'id="suggestion-' not in html
    assert reverse("suggestions:article", args=[article.pk]) in html


def test_an_articles_suggested_claims_have_a_page_and_a_fragment(signed_in, claim_suggestion):
    article = claim_suggestion.a_article
    url = reverse("suggestions:article", args=[article.pk])
    page = signed_in.get(url).content.decode()
    assert f'id="suggestion-{claim_suggestion.pk}"' in page
    assert f'data-start="{claim_suggestion.a_start}"' in page
    assert reverse("suggestions:accept", args=[claim_suggestion.pk]) in page
    assert f'name="next" value="{url}"' in page  # dismissing without the script comes back
    assert "<main" in page

    fragment = signed_in.get(url, {"fragment": "1"}).content.decode()
    assert fragment.lstrip().startswith('<li class="suggestion-item"')
    assert f'id="suggestion-{claim_suggestion.pk}"' in fragment
    assert "<main" not in fragment


def test_dismissing_from_the_list_page_comes_back_to_it(signed_in, claim_suggestion):
    url = reverse("suggestions:article", args=[claim_suggestion.a_article_id])
    response = signed_in.post(
        reverse("suggestions:dismiss", args=[claim_suggestion.pk]), {"next": url}
    )
    assert response.status_code == 302 and response.url == url
    assert f'id="suggestion-{claim_suggestion.pk}"' not in signed_in.get(url).content.decode()


def test_the_list_page_has_no_buttons_for_a_reviewer(client, claim_suggestion):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="rev", groups=["reviewer"]))
    url = reverse("suggestions:article", args=[claim_suggestion.a_article_id])
    html = client.get(url).content.decode()
    assert f'id="suggestion-{claim_suggestion.pk}"' in html
    assert reverse("suggestions:accept", args=[claim_suggestion.pk]) not in html


def test_board_and_reading_view_stay_within_their_query_budgets(
    signed_in, suggested, count_queries, analyst
):
    from suggestions import services
    from tests.factories import ArticleFactory
    from tests.suggestions.conftest import LARGE

    board = count_queries(signed_in, reverse("claims:board"))
    reading = count_queries(signed_in, suggested[1].get_absolute_url())
    for n in range(5):
        article = ArticleFactory(text=LARGE.replace("60,000", f"{70 + n},000"), uploaded_by=analyst)
        services.suggest_for_article(article)
    assert Suggestion.objects.filter(kind=SuggestionKind.CONTRADICTION).count() >= 8
    assert count_queries(signed_in, reverse("claims:board")) == board
    assert count_queries(signed_in, suggested[1].get_absolute_url()) == reading


def _claims_on_both_sides(pair: Suggestion, **link) -> ClaimLink:
    """Claims on exactly the pair's two spans, linked as the pair asks (`link`: its fields)."""
    ends = [
        ClaimFactory(
            article=getattr(pair, f"{side}_article"),
            start=getattr(pair, f"{side}_start"),
            end=getattr(pair, f"{side}_end"),
            quote=getattr(pair, f"{side}_quote"),
        )
        for side in "ab"
    ]
    kind = "contradicts" if pair.kind == SuggestionKind.CONTRADICTION else "corroborates"
    return ClaimLinkFactory(kind=kind, claim_a=ends[0], claim_b=ends[1], **link)


def test_accepting_a_pair_whose_link_a_reviewer_dismissed_is_refused_saying_so(
    signed_in, contradiction, reviewer
):
    link = _claims_on_both_sides(contradiction, status="dismissed", decided_by=reviewer)

    response = signed_in.post(reverse("suggestions:accept", args=[contradiction.pk]))

    assert response.status_code == 200  # the form again, with the reason
    assert f"{reviewer.username} already dismissed the link" in response.content.decode()
    contradiction.refresh_from_db()
    assert (contradiction.status, contradiction.link_id) == (SuggestionStatus.PENDING, None)
    link.refresh_from_db()
    assert link.status == "dismissed"
    assert ClaimLink.objects.count() == 1


def test_accepting_a_pair_already_linked_and_confirmed_says_so(signed_in, contradiction, reviewer):
    link = _claims_on_both_sides(contradiction, status="confirmed", decided_by=reviewer)

    response = signed_in.post(reverse("suggestions:accept", args=[contradiction.pk]), follow=True)

    assert response.redirect_chain[-1][0].endswith(f"?status=confirmed#link-{link.pk}")
    said = [str(message) for message in response.context["messages"]]
    assert said == [
        f"Accepted: claims {link.claim_a_id} and {link.claim_b_id} were already linked, and a "
        "reviewer confirmed it."
    ]


def test_an_accepted_corroboration_is_shown_on_its_claims_page(signed_in, corroboration):
    link = _claims_on_both_sides(corroboration)

    response = signed_in.post(reverse("suggestions:accept", args=[corroboration.pk]))

    corroboration.refresh_from_db()
    assert corroboration.link_id == link.pk
    assert response.url == reverse("claims:detail", args=[corroboration.a_claim_id]) + (
        f"#link-{link.pk}"
    )
