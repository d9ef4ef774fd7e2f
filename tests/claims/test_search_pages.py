"""A claim search reads its page newest first by walking the newest claims where it can and by
the indexes where it cannot (`claims.search`), with the same rows in the same order either way;
neither it nor "in a contradiction" counts its matches unless asked (ADR 0014)."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from claims import search
from claims.filters import ClaimFilter
from claims.models import Claim
from claims.views.claims import ClaimListView

pytestmark = pytest.mark.django_db

SEARCHES = [
    "q=Dispatch",  # one claim in five
    "q=Tuesday",
    "q=Paraphrase+1",  # one in ten (1, 10–19)
    "q=Paraphrase+7",
    "q=observers&credibility=2",
    "q=Dispatch&grade=B2",  # a join to the sources
    "q=Dispatch&in_contradiction=true",  # an EXISTS on the links
    "q=Dispatch&tag=casualties",  # DISTINCT: by the indexes
    "q=nowhere+at+all",
]


@pytest.fixture
def claims(evidence, analyst):
    return evidence(60, authors=[analyst])


def _matching(query: str):
    return ClaimFilter(QueryDict(query), queryset=Claim.objects.all()).qs


@pytest.fixture
def walking(monkeypatch):
    """A walk of the newest 12 claims, then up to 60, taken whatever the number of claims."""
    monkeypatch.setattr(search, "WALK_FROM", 0)
    monkeypatch.setattr(search, "WALK_BUDGET", 12)
    monkeypatch.setattr(search, "WALK_LIMIT", 60)


@pytest.mark.parametrize("query", SEARCHES)
def test_a_page_holds_the_rows_the_sorted_query_gives(claims, walking, query):
    matching = _matching(query)
    newest = list(matching.order_by("-created_at", "-pk").values_list("pk", flat=True))

    for offset in (0, 2, 5, 11, 30):
        page = search.newest_ids(matching, offset=offset, limit=3)
        assert page == newest[offset : offset + 3], (query, offset)


def test_a_common_word_is_found_by_the_walk_alone(claims, walking):
    matching = _matching("q=Dispatch")

    with CaptureQueriesContext(connection) as queries:
        page = search.newest_ids(matching, offset=0, limit=2)

    assert len(page) == 2
    claim_reads = [query["sql"] for query in queries if "claims_claim" in query["sql"]]
    assert len(claim_reads) == 1
    assert "LIMIT 12" in claim_reads[0]  # the walk, with no sort of every match after it


def test_a_later_page_walks_as_far_again_as_the_density_says(claims, walking):
    matching = _matching("q=Tuesday")  # one claim in five: about 2 in the first 12
    expected = list(matching.order_by("-created_at", "-pk").values_list("pk", flat=True)[4:7])

    with CaptureQueriesContext(connection) as queries:
        page = search.newest_ids(matching, offset=4, limit=3)

    assert page == expected
    claim_reads = [query["sql"] for query in queries if "claims_claim" in query["sql"]]
    assert len(claim_reads) == 2
    assert all("(SELECT * FROM" in sql for sql in claim_reads)  # two walks, no sort of all


def test_a_rare_word_falls_back_to_the_indexes(claims, walking):
    matching = _matching("q=Paraphrase+7")
    expected = list(matching.order_by("-created_at", "-pk").values_list("pk", flat=True)[:3])

    with CaptureQueriesContext(connection) as queries:
        page = search.newest_ids(matching, offset=0, limit=3)

    assert page == expected
    assert len([query for query in queries if "claims_claim" in query["sql"]]) == 2


def test_a_search_page_says_more_follow_and_offers_to_count_them(
    client, analyst, claims, monkeypatch
):
    monkeypatch.setattr(ClaimListView, "paginate_by", 5)
    matches = _matching("q=Dispatch").count()
    assert matches > 5
    client.force_login(analyst)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/claims/", {"q": "Dispatch"})

    page = response.content.decode()
    assert '<span class="count">more than 5</span>' in page
    assert "count=all" in page and "count them all" in page
    assert "Page 1 of 2+ · more than 5 in all" in page
    assert not [
        query
        for query in queries
        if "LIMIT 1001) subquery" in query["sql"]  # the capped count
    ]

    counted = client.get("/claims/", {"q": "Dispatch", "count": "all"}).content.decode()

    assert f'<span class="count">{matches}</span>' in counted
    assert "count them all" not in counted


def test_claims_in_a_contradiction_are_counted_when_asked(client, analyst, claims, monkeypatch):
    monkeypatch.setattr(ClaimListView, "paginate_by", 2)
    contradicted = _matching("in_contradiction=true").count()
    assert contradicted > 2
    client.force_login(analyst)

    page = client.get("/claims/", {"in_contradiction": "true"}).content.decode()
    counted = client.get("/claims/", {"in_contradiction": "true", "count": "all"})

    assert '<span class="count">more than 2</span>' in page and "count them all" in page
    assert f'<span class="count">{contradicted}</span>' in counted.content.decode()


def test_the_last_page_of_a_search_knows_the_count(client, analyst, claims, monkeypatch):
    monkeypatch.setattr(ClaimListView, "paginate_by", 5)
    matches = _matching("q=Dispatch").count()
    last = (matches + 4) // 5
    client.force_login(analyst)

    response = client.get("/claims/", {"q": "Dispatch", "page": last})

    page = response.content.decode()
    assert f'<span class="count">{matches}</span>' in page
    assert f"Page {last} of {last} · {matches} in all" in page
    assert len(response.context["object_list"]) == matches - 5 * (last - 1)


def test_the_last_page_of_a_search_asked_by_name_is_its_last(client, analyst, claims, monkeypatch):
    """`?page=last` (as Django's lists take it) finds the search's last page, though nobody
    counted the matches: it was page 1."""
    monkeypatch.setattr(ClaimListView, "paginate_by", 5)
    matches = _matching("q=Dispatch").count()
    last = (matches + 4) // 5
    client.force_login(analyst)

    response = client.get("/claims/", {"q": "Dispatch", "page": "last"})

    assert f"Page {last} of {last} · {matches} in all" in response.content.decode()
    assert len(response.context["object_list"]) == matches - 5 * (last - 1)


def test_a_search_page_number_that_is_no_number_or_past_the_end_is_not_found(
    client, analyst, claims
):
    client.force_login(analyst)

    assert client.get("/claims/", {"q": "Dispatch", "page": "x"}).status_code == 404
    assert client.get("/claims/", {"q": "Dispatch", "page": "0"}).status_code == 404
    assert (
        client.get("/claims/", {"q": "Dispatch", "page": "19"}).status_code == 404
    )  # past the end


def test_a_search_page_costs_no_more_queries_than_a_plain_list(
    client, analyst, claims, django_assert_max_num_queries
):
    client.force_login(analyst)
    with CaptureQueriesContext(connection) as plain:
        client.get("/claims/")

    with django_assert_max_num_queries(len(plain) + 3):  # the search's source and article lookups
        response = client.get("/claims/", {"q": "Dispatch"})

    assert response.status_code == 200
