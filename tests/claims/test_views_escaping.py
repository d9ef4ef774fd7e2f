"""User text (quotes, statements, notes, names, titles) is never rendered unescaped on the pages
of the review queue, board, matrix, registry, dashboard and confirmation steps."""

import pytest
from django.urls import reverse

from claims.models import ClaimStatus
from tests.factories import ArticleFactory, ClaimFactory, ClaimLinkFactory, SourceFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script>'


@pytest.fixture
def hostile(analyst2, reviewer):
    article = ArticleFactory(
        title=f"Title {HOSTILE}", text=f"Before. {HOSTILE} said so. After.", uploaded_by=analyst2
    )
    source = SourceFactory(name=f"Source {HOSTILE}")
    start = article.text.index(HOSTILE)
    first = ClaimFactory(
        article=article,
        start=start,
        end=start + len(HOSTILE),
        source=source,
        statement=f"Statement {HOSTILE}",
        created_by=analyst2,
        status=ClaimStatus.SUBMITTED,
        tags=["hostile"],
    )
    second = ClaimFactory(
        created_by=analyst2,
        status=ClaimStatus.REJECTED,
        reviewed_by=reviewer,
        review_note=f"Note {HOSTILE}",
    )
    ClaimLinkFactory(claim_a=first, claim_b=second, note=f"Link {HOSTILE}", created_by=analyst2)
    return first, source


def test_user_text_is_escaped_on_every_page_of_the_issue(client, reviewer, hostile):
    claim, source = hostile
    client.force_login(reviewer)

    for url in (
        reverse("claims:review"),
        reverse("claims:board"),
        reverse("claims:board") + f"?source={source.pk}",
        reverse("claims:matrix"),
        reverse("claims:dashboard"),
        reverse("claims:source-list"),
        source.get_absolute_url() + "?merge_q=source",
        claim.get_absolute_url(),
        reverse("claims:list") + f"?source={source.pk}",
    ):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body, url
        assert "&lt;script&gt;" in body, url


def test_confirmation_steps_escape_user_text(client, reviewer, hostile):
    claim, source = hostile
    target = SourceFactory(name="Target")
    client.force_login(reviewer)

    bulk = client.post(reverse("claims:review-bulk-approve"), {"claims": [claim.pk]})
    merge = client.post(
        reverse("claims:source-merge", args=[target.pk]), {"duplicates": [source.pk]}
    )

    for response in (bulk, merge):
        body = response.content.decode()
        assert "<script>alert" not in body
        assert "&lt;script&gt;" in body
