"""The HTML pages of every app (articles and claims): query budgets that hold at 50 rows exactly
as at 5 (an N+1 would grow with the rows), and user text escaped on every page. Sweeps across
apps, so at the top level; what each page shows and lets each role do is tested in
tests/<app>/test_views_*.py."""

import pytest
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimStatus
from discussion.services import comment_post
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    ClaimLinkFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def populate(evidence):
    """`populate(rows, author=..., source=None)`: `rows` submitted claims by `author`, tagged,
    each linked to the next, each in an article (from an outlet) and from a source of its own, or
    all from `source`."""

    def build(rows: int, *, author, source=None) -> list[Claim]:
        return evidence(
            rows, authors=[author], status=ClaimStatus.SUBMITTED, source=source, distinct=True
        )

    return build


#: Each with the navigation's count of the comments new to the reader.
PAGES = {
    "articles": (lambda claims: reverse("articles:list"), 9),
    "claims": (lambda claims: reverse("claims:list"), 10),
    "review": (lambda claims: reverse("claims:review"), 10),
    "sources": (lambda claims: reverse("claims:source-list"), 8),
    "dashboard": (lambda claims: reverse("claims:dashboard"), 11),
}


@pytest.mark.parametrize("page", PAGES)
def test_list_page_query_budget_does_not_grow_with_rows(
    client, populate, count_queries, reviewer, analyst, django_assert_max_num_queries, page
):
    url_for, budget = PAGES[page]
    client.force_login(reviewer)
    small = count_queries(client, url_for(populate(5, author=analyst)))
    claims = populate(45, author=analyst)

    with django_assert_max_num_queries(budget):
        response = client.get(url_for(claims))

    assert response.status_code == 200
    assert count_queries(client, url_for(claims)) == small


def test_source_page_with_50_claims_has_a_fixed_query_budget(
    client, populate, analyst, django_assert_max_num_queries
):
    source = SourceFactory()
    populate(50, author=analyst, source=source)
    client.force_login(analyst)

    # 10: the page's 8, and the navigation's two counts: the analyst's claims waiting for them,
    # the comments new to them.
    with django_assert_max_num_queries(10):
        response = client.get(source.get_absolute_url())

    assert response.status_code == 200
    assert response.context["source"].claim_count == 50


def test_claim_page_with_50_links_and_30_comments_has_a_fixed_query_budget(
    client, populate, analyst, analyst2, django_assert_max_num_queries
):
    hub = ClaimFactory(created_by=analyst)
    for other in populate(50, author=analyst):
        ClaimLinkFactory(claim_a=hub, claim_b=other, created_by=analyst)
    for n in range(30):
        comment_post(claim=hub, author=analyst2, body=f"Remark {n} for @{analyst.username}")
    client.force_login(analyst)

    # 15: the links' ids are read first, from the links table alone, then the links by id with
    # both ends (`claims.selectors.links_for_claims`): one query for both planned, on stale
    # statistics, to read every live claim. The discussion: its comments with their authors,
    # the people they mention, and the 30 new to the analyst marked seen (one UPDATE); the
    # navigation's count of the comments still new.
    with django_assert_max_num_queries(15):
        response = client.get(hub.get_absolute_url())

    assert response.status_code == 200
    assert len(response.context["links"]) == 50
    assert response.content.count(b'<article class="comment') == 30


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
