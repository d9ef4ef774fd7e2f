"""Every page of the review queue, lists, registry, board and dashboard runs the same number of
queries at 50 rows as at 500: an N+1 would grow with the rows."""

import pytest
from django.urls import reverse

from claims import services
from claims.models import ClaimStatus
from sources.models import Source
from tests.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db


#: Each page's queries with the navigation's count of the comments new to the reader (one).
LIST_PAGES = {
    "claim list": (lambda: reverse("claims:list"), 10),
    "claim list, filtered": (
        lambda: (
            reverse("claims:list")
            + "?status=submitted&tag=casualties&in_contradiction=true&source_kind=government"
        ),
        9,
    ),
    "claim list, sorted by source": (lambda: reverse("claims:list") + "?sort=source", 10),
    "claim list, grade": (lambda: reverse("claims:list") + "?grade=A1", 10),
    "review queue": (lambda: reverse("claims:review"), 9),
    "contradiction board": (lambda: reverse("claims:board"), 10),
    "contradiction board, confirmed": (lambda: reverse("claims:board") + "?status=confirmed", 10),
    "contradiction board, tag": (lambda: reverse("claims:board") + "?tag=timeline", 10),
    "matrix": (lambda: reverse("claims:matrix"), 6),
    "source list": (lambda: reverse("claims:source-list"), 6),
    "source list by contradictions": (
        lambda: reverse("claims:source-list") + "?sort=-contradictions",
        6,
    ),
    # 11: the usernames of the activity chart are read as they are now, beside the cache.
    "dashboard": (lambda: reverse("claims:dashboard"), 11),
}


@pytest.mark.parametrize("page", LIST_PAGES)
def test_page_query_budget_is_the_same_at_50_and_500_rows(
    client,
    count_queries,
    evidence,
    analyst,
    analyst2,
    reviewer,
    django_assert_max_num_queries,
    page,
):
    url_for, budget = LIST_PAGES[page]
    client.force_login(reviewer)
    evidence(50, authors=[analyst, analyst2], reviewer=reviewer, status=ClaimStatus.SUBMITTED)
    with django_assert_max_num_queries(budget):
        at_50 = count_queries(client, url_for())

    evidence(450, authors=[analyst, analyst2], reviewer=reviewer)
    at_500 = count_queries(client, url_for())

    assert at_500 == at_50


def test_source_page_query_budget_is_the_same_at_50_and_500_claims(
    client, count_queries, evidence, analyst, reviewer, django_assert_max_num_queries
):
    source = Source.objects.create(name="Busy source")
    client.force_login(reviewer)
    evidence(50, authors=[analyst], reviewer=reviewer, source=source)
    with django_assert_max_num_queries(9):
        at_50 = count_queries(client, source.get_absolute_url())

    evidence(450, authors=[analyst], reviewer=reviewer, source=source)
    at_500 = count_queries(client, source.get_absolute_url())

    assert at_500 == at_50


def test_source_page_with_merge_search_has_a_fixed_budget(
    client, evidence, analyst, reviewer, django_assert_max_num_queries
):
    source = Source.objects.create(name="Ministry")
    evidence(60, authors=[analyst], reviewer=reviewer)
    client.force_login(reviewer)

    with django_assert_max_num_queries(10):
        response = client.get(source.get_absolute_url(), {"merge_q": "bulk"})

    assert len(response.context["merge_candidates"]) == 6  # every other source matches


def test_claim_page_query_budget_is_the_same_with_50_and_500_links(
    client, count_queries, evidence, analyst, analyst2, reviewer, django_assert_max_num_queries
):
    hub = ClaimFactory(created_by=analyst)
    client.force_login(reviewer)
    for other in evidence(50, authors=[analyst2], links=False):
        ClaimLinkFactory(claim_a=hub, claim_b=other, created_by=analyst2)
    # 12: one of them the discussion's thread (empty: no people mentioned to read), one the
    # navigation's count of the comments new to the reader.
    with django_assert_max_num_queries(12):
        at_50 = count_queries(client, hub.get_absolute_url())

    for other in evidence(450, authors=[analyst2], links=False):
        ClaimLinkFactory(claim_a=hub, claim_b=other, created_by=analyst2)
    at_500 = count_queries(client, hub.get_absolute_url())

    assert at_500 == at_50


def test_claim_page_query_budget_does_not_grow_with_history(
    client, count_queries, analyst, reviewer
):
    claim = ClaimFactory(created_by=analyst, tags=["casualties"])
    claim = services.claim_submit(claim=claim, user=analyst)
    claim = services.claim_reject(claim=claim, reviewer=reviewer, note="Too vague.")
    client.force_login(reviewer)
    short_history = count_queries(client, claim.get_absolute_url())

    for n in range(10):
        claim = services.claim_update(
            claim=claim, user=analyst, version=claim.version, statement=f"Edit {n}", tags=[f"t{n}"]
        )
    claim = services.claim_submit(claim=claim, user=analyst)
    services.claim_reject(claim=claim, reviewer=reviewer, note="Still vague.")

    assert count_queries(client, claim.get_absolute_url()) == short_history
