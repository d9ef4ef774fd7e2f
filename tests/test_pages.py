"""The HTML pages: what each role sees and may do, escaping, and query budgets that hold at
50 rows exactly as at 5 (an N+1 would grow with the rows)."""

from itertools import pairwise

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimStatus
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    ClaimLinkFactory,
    OutletFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def _populate(rows: int, *, author, article=None, source=None) -> list[Claim]:
    """`rows` claims with tags, each linked to the next, spread over `rows` articles (or one)."""
    outlet = OutletFactory()
    claims = []
    for n in range(rows):
        claim_article = article or ArticleFactory(outlet=outlet, uploaded_by=author)
        claims.append(
            ClaimFactory(
                article=claim_article,
                source=source or SourceFactory(),
                created_by=author,
                status=ClaimStatus.SUBMITTED,
                tags=[f"topic-{n % 3}", "velka"],
            )
        )
    for first, second in pairwise(claims):
        ClaimLinkFactory(claim_a=first, claim_b=second, created_by=author)
    return claims


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


PAGES = {
    "articles": (lambda claims: reverse("articles:list"), 8),
    "claims": (lambda claims: reverse("claims:list"), 10),
    "review": (lambda claims: reverse("claims:review"), 10),
    "sources": (lambda claims: reverse("claims:source-list"), 8),
    "dashboard": (lambda claims: reverse("claims:dashboard"), 10),
}


@pytest.mark.parametrize("page", PAGES)
def test_list_page_query_budget_does_not_grow_with_rows(
    client, reviewer, analyst, django_assert_max_num_queries, page
):
    url_for, budget = PAGES[page]
    client.force_login(reviewer)
    small = _count_queries(client, url_for(_populate(5, author=analyst)))
    claims = _populate(45, author=analyst)

    with django_assert_max_num_queries(budget):
        response = client.get(url_for(claims))

    assert response.status_code == 200
    assert _count_queries(client, url_for(claims)) == small


def test_source_page_with_50_claims_has_a_fixed_query_budget(
    client, analyst, django_assert_max_num_queries
):
    source = SourceFactory()
    _populate(50, author=analyst, source=source)
    client.force_login(analyst)

    with django_assert_max_num_queries(8):
        response = client.get(source.get_absolute_url())

    assert response.status_code == 200
    assert response.context["source"].claim_count == 50


def test_claim_page_with_50_links_has_a_fixed_query_budget(
    client, analyst, django_assert_max_num_queries
):
    hub = ClaimFactory(created_by=analyst)
    for other in _populate(50, author=analyst):
        ClaimLinkFactory(claim_a=hub, claim_b=other, created_by=analyst)
    client.force_login(analyst)

    with django_assert_max_num_queries(10):
        response = client.get(hub.get_absolute_url())

    assert response.status_code == 200
    assert len(response.context["links"]) == 50


def test_analyst_cannot_open_the_review_queue(client, analyst):
    client.force_login(analyst)

    assert client.get(reverse("claims:review")).status_code == 403


def test_review_queue_lists_submitted_claims_oldest_first(client, reviewer, analyst):
    first, second = _populate(2, author=analyst)
    ClaimFactory(created_by=analyst)  # a draft: not for review
    client.force_login(reviewer)

    response = client.get(reverse("claims:review"))

    assert list(response.context["object_list"]) == [first, second]


def test_reviewer_approves_from_the_queue(client, reviewer, analyst):
    (claim,) = _populate(1, author=analyst)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:review-action", args=[claim.pk]),
        {"decision": "approve", "note": "Matches the text.", "next": reverse("claims:review")},
        follow=True,
    )

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert claim.reviewed_by == reviewer
    assert f"Claim {claim.pk} approved." in response.content.decode()


def test_reviewer_cannot_review_own_claim_from_the_page(client, reviewer):
    (claim,) = _populate(1, author=reviewer)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:review-action", args=[claim.pk]), {"decision": "approve"}, follow=True
    )

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert response.status_code == 403


def test_rejecting_without_a_note_says_why_and_changes_nothing(client, reviewer, analyst):
    (claim,) = _populate(1, author=analyst)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:review-action", args=[claim.pk]), {"decision": "reject"}, follow=True
    )

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert "Say why the claim is rejected" in response.content.decode()


def test_review_redirect_ignores_foreign_next_url(client, reviewer, analyst):
    (claim,) = _populate(1, author=analyst)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:review-action", args=[claim.pk]),
        {"decision": "approve", "next": "https://attacker.example/"},
    )

    assert response["Location"] == claim.get_absolute_url()


def test_user_text_is_escaped_on_every_page(client, analyst):
    hostile = '<script>alert("x")</script>'
    article = ArticleFactory(title=f"Title {hostile}", uploaded_by=analyst)
    source = SourceFactory(name=f"Source {hostile}")
    claim = services.claim_create(
        article=article,
        start=0,
        end=10,
        quote=article.text[:10],
        source=source,
        statement=f"Statement {hostile}",
        created_by=analyst,
    )
    client.force_login(analyst)

    for url in (
        reverse("articles:list"),
        article.get_absolute_url(),
        reverse("claims:list"),
        claim.get_absolute_url(),
        source.get_absolute_url(),
        reverse("claims:source-list"),
    ):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body, url
        assert "&lt;script&gt;" in body, url


def test_claim_list_filters_by_status_and_tag(client, analyst):
    tagged = ClaimFactory(created_by=analyst, tags=["casualties"])
    ClaimFactory(created_by=analyst, tags=["timeline"])
    services.claim_submit(claim=tagged, user=analyst)
    client.force_login(analyst)

    response = client.get(reverse("claims:list"), {"status": "submitted", "tag": "casualties"})

    assert [claim.pk for claim in response.context["object_list"]] == [tagged.pk]


def test_claim_list_unknown_sort_falls_back_to_newest_first(client, analyst):
    older, newer = ClaimFactory(created_by=analyst), ClaimFactory(created_by=analyst)
    client.force_login(analyst)

    response = client.get(reverse("claims:list"), {"sort": "password"})

    assert list(response.context["object_list"])[:2] == [newer, older]
