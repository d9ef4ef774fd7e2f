"""What every claim list says of a claim's discussion: how many comments it has, withdrawn ones
left out, as a link to its thread, read in the list's own query."""

import pytest
from django.urls import reverse

from claims.models import ClaimStatus
from discussion.models import Comment
from discussion.services import comment_post, comment_withdraw
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def _count_link(claim, count: int) -> str:
    noun = "comment" if count == 1 else "comments"
    return (
        f'<a class="comment-count" href="{claim.get_absolute_url()}#discussion" '
        'title="Comments on this claim, withdrawn ones left out">'
        f"{count} {noun}</a>"
    )


@pytest.fixture
def discussed(analyst, analyst2, reviewer):
    """A submitted claim of analyst's with two comments standing and one withdrawn, and a
    claim beside it that nobody has commented on."""
    claim = ClaimFactory(created_by=analyst, status=ClaimStatus.SUBMITTED)
    quiet = ClaimFactory(created_by=analyst, source=claim.source, status=ClaimStatus.SUBMITTED)
    comment_post(claim=claim, author=analyst2, body="The ministry said 3,200 that day.")
    comment_post(claim=claim, author=reviewer, body="Which briefing, @alice?")
    withdrawn = comment_post(claim=claim, author=analyst2, body="Wrong claim, sorry.")
    comment_withdraw(comment=withdrawn, user=analyst2)
    return claim, quiet


@pytest.mark.parametrize(
    "page, reader",
    [
        (lambda claim: reverse("claims:list"), "analyst2"),
        (lambda claim: claim.source.get_absolute_url(), "analyst2"),
        (lambda claim: reverse("claims:mine"), "analyst"),
        (lambda claim: reverse("claims:review"), "reviewer"),
    ],
    ids=["claim list", "source page", "my claims", "review queue"],
)
def test_a_claim_lists_row_says_how_many_comments_stand_and_links_to_them(
    client, request, discussed, page, reader
):
    claim, quiet = discussed
    client.force_login(request.getfixturevalue(reader))

    html = client.get(page(claim)).content.decode()

    assert _count_link(claim, 2) in html
    assert f'{quiet.get_absolute_url()}#discussion"' not in html
    assert html.count('class="comment-count"') == 1


def test_one_comment_is_said_in_the_singular(client, analyst, analyst2):
    claim = ClaimFactory(created_by=analyst)
    comment_post(claim=claim, author=analyst2, body="Seen elsewhere too.")
    client.force_login(analyst)

    assert _count_link(claim, 1) in client.get(reverse("claims:list")).content.decode()


def test_the_claim_list_reads_the_counts_in_its_own_query(
    client, analyst, analyst2, evidence, count_queries
):
    claims = evidence(30, authors=[analyst], links=False)
    client.force_login(analyst2)
    before = count_queries(client, reverse("claims:list"))

    Comment.objects.bulk_create(
        Comment(claim=claim, author=analyst2, body=f"Check {n}.")
        for claim in claims
        for n in range(3)
    )
    after = count_queries(client, reverse("claims:list"))

    assert after == before
    assert count_queries.response.content.decode().count("3 comments</a>") == 30
