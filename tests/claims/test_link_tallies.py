"""The link tallies (ADR 0012) match a recount after every kind of write that changes a link,
a claim's state or source, or a claim's tags: each test writes one way, then compares."""

import pytest
from django.db import connection

from claims import services, tallies
from claims.link_tallies import LinkTally
from claims.models import Claim, ClaimLink, Tag
from sources.services import source_merge
from tests.claims.conftest import record
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def assert_tallies_right() -> None:
    assert tallies.differences() == {}


def per_tag(status: str | None = None) -> dict[str, int]:
    rows = LinkTally.objects.filter(kind="contradicts").exclude(tag_id=0)
    if status:
        rows = rows.filter(status=status)
    names = dict(Tag.objects.values_list("pk", "name"))
    counted: dict[str, int] = {}
    for tag_id, n in rows.values_list("tag_id", "n"):
        counted[names[tag_id]] = counted.get(names[tag_id], 0) + n
    return {name: n for name, n in counted.items() if n}


def per_source(source) -> int:
    return sum(LinkTally.objects.filter(source_id=source.pk).values_list("n", flat=True))


@pytest.fixture
def pair(article, analyst, source):
    """Two claims of `source`, tagged "convoys" and "convoys"+"border", contradicting."""
    first = record(article, analyst, source, 0, 5, tags=["convoys"])
    second = record(article, analyst, source, 5, 9, tags=["convoys", "border"])
    link = services.link_create(kind="contradicts", claim_a=first, claim_b=second, user=analyst)
    return first, second, link


def test_a_new_contradiction_counts_once_per_tag_and_source(pair, source):
    assert per_tag() == {"convoys": 1, "border": 1}  # a tag on both claims counts once
    assert per_source(source) == 1
    assert_tallies_right()


def test_a_decision_moves_the_link_to_its_new_status(pair, reviewer):
    _, _, link = pair

    services.link_set_status(link=link, status="confirmed", user=reviewer, version=link.version)

    assert per_tag("confirmed") == {"convoys": 1, "border": 1}
    assert per_tag("proposed") == {}
    assert_tallies_right()


def test_deleting_a_link_uncounts_it(pair, analyst, source):
    services.link_delete(link=pair[2], user=analyst)

    assert (per_tag(), per_source(source)) == ({}, 0)
    assert_tallies_right()


def test_soft_deleting_a_claim_uncounts_its_links_and_restoring_counts_them(pair, analyst):
    first, _, _ = pair

    deleted = services.claim_delete(claim=first, user=analyst)
    assert per_tag() == {}
    assert_tallies_right()

    services.claim_restore(claim=deleted, user=analyst)
    assert per_tag() == {"convoys": 1, "border": 1}
    assert_tallies_right()


def test_retagging_a_claim_recounts_its_links(pair, analyst):
    first, _, _ = pair

    services.claim_update(claim=first, user=analyst, version=first.version, tags=["fuel"])

    assert per_tag() == {"fuel": 1, "convoys": 1, "border": 1}
    assert_tallies_right()


def test_changing_a_claims_source_moves_its_contradictions(pair, analyst, source):
    first, _, _ = pair
    other = SourceFactory()

    services.claim_update(claim=first, user=analyst, version=first.version, source=other)

    assert (per_source(source), per_source(other)) == (1, 1)
    assert_tallies_right()


def test_a_merge_moving_both_claims_of_a_link_in_one_statement(pair, reviewer, source):
    """PostgreSQL runs the triggers after the whole statement: both ends moved at once must
    still count the link once under the kept source."""
    first, second, _ = pair
    duplicate = SourceFactory()
    Claim.objects.filter(pk__in=[first.pk, second.pk]).update(source=duplicate)
    assert per_source(duplicate) == 1
    target = SourceFactory()

    source_merge(target=target, duplicates=[duplicate], user=reviewer)

    assert (per_source(duplicate), per_source(target)) == (0, 1)
    assert_tallies_right()


def test_tag_rows_for_both_ends_written_in_one_statement(pair):
    first, second, _ = pair
    fuel = Tag.objects.create(name="fuel")

    Claim.tags.through.objects.bulk_create(
        [Claim.tags.through(claim=first, tag=fuel), Claim.tags.through(claim=second, tag=fuel)]
    )

    assert per_tag()["fuel"] == 1
    assert_tallies_right()


def test_links_inserted_in_bulk_and_deleted_in_bulk(article, analyst, source):
    claims = [
        record(article, analyst, source, n * 4, n * 4 + 3, tags=["convoys"]) for n in range(4)
    ]
    ClaimLink.objects.bulk_create(
        ClaimLink(kind=kind, claim_a=claims[0], claim_b=other, created_by=analyst)
        for kind, other in [("contradicts", claims[1]), ("corroborates", claims[2])]
    )
    assert per_tag() == {"convoys": 1}
    assert_tallies_right()

    ClaimLink.objects.all().delete()

    assert per_tag() == {}
    assert_tallies_right()


def test_admin_link_actions(admin_client, pair):
    response = admin_client.post(
        "/admin/claims/claimlink/",
        {"action": "dismiss_selected", "_selected_action": [pair[2].pk]},
    )

    assert response.status_code == 302
    assert ClaimLink.objects.get().status == "dismissed"
    assert per_tag("dismissed") == {"convoys": 1, "border": 1}
    assert_tallies_right()


def test_a_hard_delete_of_claims_with_links(pair):
    Claim.all_objects.all().delete()

    assert per_tag() == {}
    assert_tallies_right()


def test_an_unrelated_claim_edit_leaves_the_marks_alone(pair, analyst):
    """PostgreSQL: rewording a claim rewrites no mark or tally row."""
    if connection.vendor != "postgresql":
        pytest.skip("xmin is PostgreSQL's")
    first, _, _ = pair
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM claims_linktally ORDER BY id")
        before = cursor.fetchall()
        services.claim_update(claim=first, user=analyst, version=first.version, statement="Hm.")
        cursor.execute("SELECT xmin::text FROM claims_linktally ORDER BY id")
        assert cursor.fetchall() == before


@pytest.mark.parametrize(
    "query",
    [{}, {"status": "confirmed"}, {"tag": "convoys"}, {"tag": "border", "status": "proposed"}],
)
def test_the_board_counts_from_the_tallies_what_its_filters_keep(
    client, reviewer, article, analyst, source, query
):
    from claims import selectors
    from claims.filters import ContradictionFilter

    claims = [
        record(article, analyst, source, n * 4, n * 4 + 3, tags=[["convoys"], ["border"]][n % 2])
        for n in range(6)
    ]
    for first, second in [(0, 1), (2, 3), (0, 4), (1, 5)]:
        services.link_create(
            kind="contradicts", claim_a=claims[first], claim_b=claims[second], user=analyst
        )
    link = ClaimLink.objects.order_by("pk").first()
    services.link_set_status(link=link, status="confirmed", user=reviewer, version=link.version)
    client.force_login(reviewer)

    response = client.get("/contradictions/", query)

    exact = ContradictionFilter(query, queryset=selectors.contradictions()).qs.count()
    assert response.context["paginator"].count == exact > 0
