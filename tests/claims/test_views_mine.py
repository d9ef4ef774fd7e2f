"""My claims (claims:mine), the navigation's count of claims waiting for their author, the
reviewer's reason on the reading view's card and in the claim list, and withdrawing from the
pages (claims:claim-withdraw)."""

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimStatus
from claims.services import claim_reject, claim_submit
from tests.claims.conftest import record
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

REASON = "The figure is the outlet estimate, not the ministry figure: attribute it to the outlet."
MINE = reverse("claims:mine")


@pytest.fixture
def rejected(submitted, reviewer):
    return claim_reject(claim=submitted, reviewer=reviewer, note=REASON)


def test_my_claims_lists_only_my_claims(client, analyst, analyst2, article, source, draft):
    theirs = record(article, analyst2, source, 50, 70)
    client.force_login(analyst)

    response = client.get(MINE)

    shown = [claim.pk for claim in response.context["object_list"]]
    assert shown == [draft.pk]
    assert theirs.pk not in shown


def test_my_claims_shows_the_reason_of_a_rejection(client, analyst, rejected):
    client.force_login(analyst)

    response = client.get(MINE, {"status": "rejected"})

    assert REASON in response.content.decode()
    assert "Rework it in the article" in response.content.decode()


def test_my_claims_counts_each_status_and_filters_by_one(
    client, analyst, article, source, rejected
):
    record(article, analyst, source, 50, 70)
    record(article, analyst, source, 80, 90)
    client.force_login(analyst)

    response = client.get(MINE, {"status": "draft"})

    tabs = {value: n for value, _label, n in response.context["status_tabs"]}
    assert tabs == {"draft": 2, "submitted": 0, "approved": 0, "rejected": 1}
    assert response.context["total"] == 3
    assert {claim.status for claim in response.context["object_list"]} == {"draft"}
    assert response.context["paginator"].count == 2


def test_my_claims_counts_each_status_among_the_claims_the_other_filters_keep(
    client, analyst, article, source, rejected
):
    other = SourceFactory()
    record(article, analyst, other, 50, 70)
    record(article, analyst, source, 80, 90)
    client.force_login(analyst)

    response = client.get(MINE, {"source": other.pk})

    # Filtered by a source, the tabs and the heading counted every claim of the analyst: a
    # tab said "Rejected 1" and then listed none.
    tabs = {value: n for value, _label, n in response.context["status_tabs"]}
    assert tabs == {"draft": 1, "submitted": 0, "approved": 0, "rejected": 0}
    assert response.context["total"] == 1 == response.context["paginator"].count


def test_my_claims_refuses_an_unknown_status_with_a_message(client, analyst, draft):
    client.force_login(analyst)
    response = client.get(MINE, {"status": "lost"})
    assert response.status_code == 200
    assert response.context["object_list"] == []
    assert "Select a valid choice" in response.content.decode()
    # The analyst has a claim: the list is empty because of the filter, and says so.
    assert "You have not recorded any claims yet" not in response.content.decode()
    assert "None of your claims match." in response.content.decode()
    # Nor do the tabs count claims the page does not list (they counted every claim).
    assert response.context["total"] == 0


def test_my_claims_pages_by_50(client, analyst, evidence):
    evidence(55, authors=[analyst], status=ClaimStatus.DRAFT)
    client.force_login(analyst)

    first, second = client.get(MINE), client.get(MINE, {"page": 2})

    assert (len(first.context["object_list"]), len(second.context["object_list"])) == (50, 5)
    assert first.context["paginator"].count == 55


def test_my_claims_query_budget_does_not_grow_with_rows(
    client, analyst, reviewer, evidence, count_queries, django_assert_max_num_queries
):
    client.force_login(analyst)
    evidence(5, authors=[analyst], reviewer=reviewer, distinct=True)
    at_5 = count_queries(client, MINE)
    evidence(45, authors=[analyst], reviewer=reviewer, distinct=True)

    with django_assert_max_num_queries(10):
        response = client.get(MINE)

    assert len(response.context["object_list"]) == 50
    assert count_queries(client, MINE) == at_5


def test_navigation_counts_drafts_and_rejected_claims(client, analyst, article, source, rejected):
    record(article, analyst, source, 50, 70)  # a draft
    submitted_too = record(article, analyst, source, 80, 90)
    claim_submit(claim=submitted_too, user=analyst)
    client.force_login(analyst)

    page = client.get(reverse("articles:list")).content.decode()

    assert f'href="{MINE}"' in page
    assert "2 claims wait for you: drafts and rejected claims" in page


def test_navigation_shows_99_plus_past_99_waiting_claims(client, analyst, evidence):
    """The count runs on every page: it stops at 100 instead of counting an author's every
    draft (20,000 of them at a million claims: 35 ms a page)."""
    evidence(99, authors=[analyst], status=ClaimStatus.DRAFT, links=False)
    client.force_login(analyst)

    page = client.get(reverse("articles:list")).content.decode()
    assert "99 claims wait for you" in page and "99+" not in page

    evidence(2, authors=[analyst], status=ClaimStatus.DRAFT, links=False)
    page = client.get(reverse("articles:list")).content.decode()

    assert "More than 99 claims wait for you" in page
    assert ">99+<" in page


def test_navigation_leaves_out_my_claims_for_people_without_the_analyst_role(client, reviewer):
    client.force_login(reviewer)
    assert f'href="{MINE}"' not in client.get(reverse("articles:list")).content.decode()


def test_reading_view_card_shows_the_reason_of_a_rejection(client, analyst, rejected):
    client.force_login(analyst)
    page = client.get(rejected.article.get_absolute_url()).content.decode()
    assert REASON in page
    assert "Rejected by rita" in page


def test_claim_list_shows_the_reason_of_a_rejection(client, analyst, rejected):
    client.force_login(analyst)
    assert REASON in client.get(reverse("claims:list")).content.decode()


def test_reading_view_offers_withdraw_on_the_authors_submitted_claim_only(
    client, analyst, analyst2, submitted
):
    """The button is on the full card, which the reading view opens on demand."""
    withdraw = reverse("claims:claim-withdraw", args=[submitted.article_id, submitted.pk])
    full_card = reverse("claims:annotations", args=[submitted.article_id])
    client.force_login(analyst)
    card = client.get(full_card, {"claims": submitted.pk}).json()["cards"][0]["html"]
    assert withdraw in card
    client.force_login(analyst2)
    card = client.get(full_card, {"claims": submitted.pk}).json()["cards"][0]["html"]
    assert withdraw not in card


def test_withdraw_from_my_claims_returns_there(client, analyst, submitted):
    client.force_login(analyst)
    url = reverse("claims:claim-withdraw", args=[submitted.article_id, submitted.pk])

    response = client.post(url, {"next": f"{MINE}?status=submitted"}, follow=True)

    assert response.redirect_chain[-1][0] == f"{MINE}?status=submitted"
    assert Claim.objects.get(pk=submitted.pk).status == ClaimStatus.DRAFT
    assert "Withdrawn from review" in response.content.decode()


def test_withdraw_without_next_returns_to_the_claim_in_the_article(client, analyst, submitted):
    client.force_login(analyst)
    url = reverse("claims:claim-withdraw", args=[submitted.article_id, submitted.pk])

    response = client.post(url, {"next": "https://elsewhere.example/"})

    assert response.url == f"{submitted.article.get_absolute_url()}#claim-{submitted.pk}"


def test_withdraw_of_a_rejected_claim_says_why_not(client, analyst, rejected):
    client.force_login(analyst)
    url = reverse("claims:claim-withdraw", args=[rejected.article_id, rejected.pk])

    response = client.post(url, follow=True)

    assert "nothing to withdraw" in response.content.decode()
    assert Claim.objects.get(pk=rejected.pk).status == ClaimStatus.REJECTED


def test_withdraw_by_someone_else_is_refused(client, analyst2, submitted):
    client.force_login(analyst2)
    url = reverse("claims:claim-withdraw", args=[submitted.article_id, submitted.pk])
    assert client.post(url).status_code == 403
    assert Claim.objects.get(pk=submitted.pk).status == ClaimStatus.SUBMITTED


def test_claim_page_offers_withdraw_to_the_author(client, analyst, submitted):
    client.force_login(analyst)
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert "Withdraw from review" in page
