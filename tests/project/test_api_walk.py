"""Walking a list by `?after=ID` (`project.api.Pagination`, `project.keyset`): every row once,
in id order, while others are added; the filters still apply; the same queries for any page;
a bad `after` is a 400 saying what to send."""

import pytest

from claims.models import Claim, ClaimLink, Tag
from tests.claims.conftest import record
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def walk(client, url: str, **params) -> list[dict]:
    """Every page of `url` from `after=0`, following `next`; the pages' bodies."""
    pages = []
    response = client.get(url, {"after": 0, **params})
    while True:
        assert response.status_code == 200, response.json()
        pages.append(response.json())
        if pages[-1]["next"] is None:
            return pages
        response = client.get(pages[-1]["next"])


def ids(pages: list[dict]) -> list[int]:
    return [row["id"] for page in pages for row in page["results"]]


def test_a_walk_gives_every_claim_once_in_id_order(evidence, analyst, analyst_client):
    evidence(7, authors=[analyst])

    pages = walk(analyst_client, "/api/claims/", page_size=3)

    assert ids(pages) == list(Claim.objects.order_by("pk").values_list("pk", flat=True))
    assert [len(page["results"]) for page in pages] == [3, 3, 1]
    assert {(page["count"], page["previous"]) for page in pages} == {(None, None)}


def test_claims_recorded_during_a_walk_neither_repeat_nor_hide_a_claim(
    evidence, analyst, analyst_client, article
):
    """With pages by number, every claim recorded ahead of the reader shifted the next page:
    a claim already read came again. A walk goes on from the last id it gave."""
    evidence(6, authors=[analyst])
    before = set(Claim.objects.values_list("pk", flat=True))
    source = SourceFactory()
    seen = []
    response = analyst_client.get("/api/claims/", {"after": 0, "page_size": 2})
    while True:
        body = response.json()
        seen += [row["id"] for row in body["results"]]
        record(article, analyst, source, len(seen), len(seen) + 4)  # someone records a claim
        if body["next"] is None or len(seen) > 40:
            break
        response = analyst_client.get(body["next"])

    assert len(seen) == len(set(seen))
    assert before <= set(seen)


def test_a_walk_keeps_the_filters(evidence, analyst, reviewer, analyst_client):
    evidence(6, authors=[analyst], reviewer=reviewer, status="approved")
    evidence(4, authors=[analyst])
    approved = list(
        Claim.objects.filter(status="approved").order_by("pk").values_list("pk", flat=True)
    )

    pages = walk(analyst_client, "/api/claims/", status="approved", page_size=4)

    assert ids(pages) == approved
    assert "status=approved" in pages[0]["next"]


@pytest.mark.parametrize(
    ("url", "model"),
    [
        ("/api/links/", ClaimLink),
        ("/api/tags/", Tag),
        ("/api/articles/", None),
        ("/api/sources/", None),
    ],
)
def test_every_list_walks_the_same_way(evidence, analyst, analyst_client, url, model):
    evidence(6, authors=[analyst], distinct=True)

    pages = walk(analyst_client, url, page_size=2)

    walked = ids(pages)
    assert walked == sorted(walked) and len(walked) == len(set(walked)) > 2
    if model is not None:
        assert walked == list(model.objects.order_by("pk").values_list("pk", flat=True))


@pytest.mark.parametrize("after", ["abc", "-1", "1.5", "", "99999999999999999999", "٣"])
def test_an_after_that_is_not_an_id_is_refused_in_words(analyst_client, after):
    response = analyst_client.get("/api/claims/", {"after": after})

    assert response.status_code == 400
    assert "last row you have" in response.json()["after"][0]


def test_page_and_after_together_are_refused(analyst_client):
    response = analyst_client.get("/api/claims/", {"after": 0, "page": 2})

    assert response.status_code == 400
    assert "not both" in response.json()["after"][0]


def test_a_deep_page_of_a_walk_runs_the_queries_of_the_first(
    evidence, analyst, analyst_client, count_queries
):
    evidence(30, authors=[analyst])
    last = Claim.objects.order_by("pk").values_list("pk", flat=True)[24]

    first = count_queries(analyst_client, "/api/claims/", {"after": 0, "page_size": 5})
    deep = count_queries(analyst_client, "/api/claims/", {"after": last, "page_size": 5})

    assert first == deep
    assert count_queries.response.json()["next"] is None


def test_the_schema_offers_the_walk_on_every_list(analyst_client):
    schema = analyst_client.get("/api/schema/?format=json").json()

    lists = [
        path
        for path, operations in schema["paths"].items()
        if "get" in operations
        and any(p["name"] == "page" for p in operations["get"].get("parameters", []))
    ]
    assert "/api/claims/" in lists and "/api/links/" in lists
    for path in lists:
        names = [p["name"] for p in schema["paths"][path]["get"]["parameters"]]
        assert "after" in names, path
