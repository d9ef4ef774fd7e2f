"""The contradiction board and the articles × articles matrix."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from claims import statistics
from claims.models import Claim, ClaimLink, LinkKind, LinkStatus
from claims.views.contradictions import ContradictionMatrixView
from tests.factories import ArticleFactory, ClaimFactory, ClaimLinkFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(analyst, analyst2):
    """Three articles; contradictions between them in each status, one corroboration."""
    north, south, east = (ArticleFactory(title=t) for t in ("North", "South", "East"))
    ministry = SourceFactory(name="Ministry")

    def claim(article, *tags, source=None):
        return ClaimFactory(
            article=article, created_by=analyst2, tags=list(tags), source=source or SourceFactory()
        )

    claims = {
        "north_casualties": claim(north, "casualties", source=ministry),
        "south_casualties": claim(south, "casualties", "timeline"),
        "south_timeline": claim(south, "timeline"),
        "east_untagged": claim(east),
        "north_untagged": claim(north),
    }
    links = {
        "casualties": ClaimLinkFactory(
            claim_a=claims["north_casualties"],
            claim_b=claims["south_casualties"],
            created_by=analyst2,
        ),
        "timeline_confirmed": ClaimLinkFactory(
            claim_a=claims["south_casualties"],
            claim_b=claims["south_timeline"],
            status=LinkStatus.CONFIRMED,
            created_by=analyst2,
        ),
        "untagged_dismissed": ClaimLinkFactory(
            claim_a=claims["east_untagged"],
            claim_b=claims["north_untagged"],
            status=LinkStatus.DISMISSED,
            created_by=analyst2,
        ),
        "corroboration": ClaimLinkFactory(
            kind=LinkKind.CORROBORATES,
            claim_a=claims["north_casualties"],
            claim_b=claims["east_untagged"],
            created_by=analyst2,
        ),
    }
    return {"articles": (north, south, east), "claims": claims, "links": links}


def _board(client, **params):
    response = client.get(reverse("claims:board"), params)
    assert response.status_code == 200
    return response


def _pks(response) -> set[int]:
    return {link.pk for link in response.context["object_list"]}


def _links(board, *names) -> set[int]:
    return {board["links"][name].pk for name in names}


def test_board_shows_every_contradiction_and_no_corroboration(client, analyst, board):
    client.force_login(analyst)

    assert _pks(_board(client)) == _links(
        board, "casualties", "timeline_confirmed", "untagged_dismissed"
    )


def test_board_leaves_out_pairs_with_a_deleted_claim(client, analyst, board):
    Claim.objects.filter(pk=board["claims"]["east_untagged"].pk).update(deleted_at=timezone.now())
    client.force_login(analyst)

    assert _pks(_board(client)) == _links(board, "casualties", "timeline_confirmed")


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("proposed", ["casualties"]),
        ("confirmed", ["timeline_confirmed"]),
        ("dismissed", ["untagged_dismissed"]),
    ],
)
def test_board_filters_by_link_status(client, analyst, board, status, expected):
    client.force_login(analyst)

    assert _pks(_board(client, status=status)) == _links(board, *expected)


def test_board_tag_filter_keeps_pairs_where_either_claim_has_the_tag(client, analyst, board):
    client.force_login(analyst)

    assert _pks(_board(client, tag="timeline")) == _links(board, "timeline_confirmed", "casualties")
    assert _pks(_board(client, tag="casualties")) == _links(
        board, "casualties", "timeline_confirmed"
    )
    # As analysts type a tag, not only as it is stored.
    assert _pks(_board(client, tag=" Timeline")) == _pks(_board(client, tag="timeline"))


def test_board_source_filter_keeps_pairs_with_a_claim_of_the_source(client, analyst, board):
    client.force_login(analyst)
    ministry = board["claims"]["north_casualties"].source

    response = _board(client, source=ministry.pk)

    assert _pks(response) == _links(board, "casualties")
    assert ("Source", "Ministry") in [
        (label, value) for label, value, _ in response.context["active_filters"]
    ]


def test_board_article_pair_filter_works_in_either_order(client, analyst, board):
    north, south, _ = board["articles"]
    client.force_login(analyst)

    assert _pks(_board(client, article=north.pk, other_article=south.pk)) == _links(
        board, "casualties"
    )
    assert _pks(_board(client, article=south.pk, other_article=north.pk)) == _links(
        board, "casualties"
    )
    assert _pks(_board(client, article=south.pk, other_article=south.pk)) == _links(
        board, "timeline_confirmed"
    )
    assert _pks(_board(client, article=north.pk)) == _links(
        board, "casualties", "untagged_dismissed"
    )


def test_board_groups_pairs_by_shared_tag_with_untagged_last(client, analyst, board):
    client.force_login(analyst)

    groups = _board(client).context["groups"]

    assert [(tag, [link.pk for link in links]) for tag, links in groups] == [
        ("casualties", [board["links"]["casualties"].pk]),
        ("timeline", [board["links"]["timeline_confirmed"].pk]),
        ("", [board["links"]["untagged_dismissed"].pk]),
    ]


def test_board_shows_both_quotes_in_context_side_by_side(client, analyst, board):
    client.force_login(analyst)
    link = board["links"]["casualties"]

    response = _board(client, status="proposed")

    shown = response.context["object_list"][0]
    assert shown.a_passage.quote == link.claim_a.quote
    assert shown.b_passage.quote == link.claim_b.quote
    text_a, text_b = link.claim_a.article.text, link.claim_b.article.text
    assert text_a[: link.claim_a.start].endswith(shown.a_passage.before)
    assert text_b[link.claim_b.end :].startswith(shown.b_passage.after)


def test_tag_navigation_counts_each_pair_once_per_tag(client, analyst, board):
    client.force_login(analyst)

    assert _board(client).context["tag_counts"] == [("casualties", 2), ("timeline", 2)]
    assert _board(client, status="confirmed").context["tag_counts"] == [
        ("casualties", 1),
        ("timeline", 1),
    ]


def test_group_headings_give_no_count_that_disagrees_with_the_tag_navigation(
    client, analyst, board
):
    client.force_login(analyst)

    page = _board(client).content.decode()

    # The tag bar counts "casualties 2" (a pair under every tag it carries, over every page);
    # a group files each pair once, on this page alone, so a count beside it said "1".
    headings = re.findall(r'<h2 id="group-\d+">(.*?)</h2>', page, re.S)
    assert len(headings) == 3
    assert not any(re.search(r"\d", re.sub(r"<[^>]+>", "", heading)) for heading in headings)


def test_contradictions_per_tag_counts_a_pair_sharing_a_tag_once(analyst2):
    first = ClaimFactory(created_by=analyst2, tags=["bridge", "north"])
    second = ClaimFactory(created_by=analyst2, tags=["bridge"])
    third = ClaimFactory(created_by=analyst2, tags=["south"])
    ClaimLinkFactory(claim_a=first, claim_b=second, created_by=analyst2)
    ClaimLinkFactory(claim_a=second, claim_b=third, created_by=analyst2)

    counts = statistics.contradictions_per_tag(ClaimLink.objects.filter(kind=LinkKind.CONTRADICTS))

    assert counts == [("bridge", 2), ("north", 1), ("south", 1)]


def test_reviewer_confirms_a_pair_and_the_board_says_so(client, reviewer, board):
    link = board["links"]["casualties"]
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:link-decide", args=[link.pk]),
        {
            "status": "confirmed",
            "version": link.version,
            "next": reverse("claims:board") + "?status=proposed",
        },
        follow=True,
    )

    link.refresh_from_db()
    assert (link.status, link.decided_by) == (LinkStatus.CONFIRMED, reviewer)
    assert f"Link {link.pk} is now confirmed." in response.content.decode()
    assert (
        response.redirect_chain[-1][0]
        == reverse("claims:board") + f"?status=proposed#link-{link.pk}"
    )


def test_a_decision_can_be_sent_back_to_proposed(client, reviewer, board):
    link = board["links"]["timeline_confirmed"]
    client.force_login(reviewer)

    client.post(
        reverse("claims:link-decide", args=[link.pk]),
        {"status": "proposed", "version": link.version},
    )

    link.refresh_from_db()
    assert (link.status, link.decided_by) == (LinkStatus.PROPOSED, None)


def test_an_unknown_link_status_changes_nothing_and_says_why(client, reviewer, board):
    link = board["links"]["casualties"]
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:link-decide", args=[link.pk]),
        {"status": "maybe", "version": link.version},
        follow=True,
    )

    link.refresh_from_db()
    assert link.status == LinkStatus.PROPOSED
    assert "is not a link status" in response.content.decode()


def test_matrix_counts_contradictions_between_each_pair_of_articles(client, analyst, board):
    north, south, east = board["articles"]
    client.force_login(analyst)

    response = client.get(reverse("claims:matrix"))

    matrix = response.context["matrix"]
    assert [article.pk for article in matrix.articles] == [north.pk, south.pk, east.pk]
    assert matrix.count(north.pk, south.pk) == matrix.count(south.pk, north.pk) == 1
    assert matrix.count(south.pk, south.pk) == 1
    assert matrix.count(east.pk, north.pk) == 1
    assert matrix.count(east.pk, south.pk) == 0


def test_matrix_cell_links_to_exactly_its_pairs(client, analyst, board):
    north, south, _ = board["articles"]
    client.force_login(analyst)

    rows = client.get(reverse("claims:matrix"), {"status": "proposed"}).context["rows"]
    cell = next(
        cell
        for article, cells in rows
        if article.pk == south.pk
        for cell in cells
        if cell["article"].pk == north.pk
    )

    assert cell["n"] == 1
    assert _pks(client.get(cell["href"])) == _links(board, "casualties")


def test_matrix_keeps_only_the_articles_with_the_most_contradictions(
    client, analyst, board, monkeypatch
):
    monkeypatch.setattr(ContradictionMatrixView, "size", 2)
    client.force_login(analyst)

    matrix = client.get(reverse("claims:matrix")).context["matrix"]

    assert len(matrix.articles) == 2
    assert matrix.article_total == 3
