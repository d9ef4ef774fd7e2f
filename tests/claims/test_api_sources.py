"""/api/sources/ (create, grade, merge), /api/tags/, and the pagination every list shares."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from claims.models import Claim, Tag
from sources.models import Source
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, SourceFactory

pytestmark = pytest.mark.django_db

URL = "/api/sources/"


def _detail(source, action: str = "") -> str:
    return f"{URL}{source.pk}/{action + '/' if action else ''}"


def test_create_returns_201_with_the_source(analyst_client):
    response = analyst_client.post(
        URL,
        {"name": "Ministry of Synthetic Affairs", "kind": "government", "reliability": "C"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["id"] == Source.objects.get().pk
    assert (body["name"], body["kind"], body["reliability"], body["claim_count"]) == (
        "Ministry of Synthetic Affairs",
        "government",
        "C",
        0,
    )


def test_create_defaults_reliability_to_f(analyst_client):
    body = analyst_client.post(URL, {"name": "Unknown blogger"}, format="json").json()
    assert body["reliability"] == "F"


def test_duplicate_name_differing_in_case_is_400_on_name(analyst_client):
    SourceFactory(name="BBC")
    response = analyst_client.post(URL, {"name": "bbc"}, format="json")
    assert response.status_code == 400
    assert response.json()["name"]
    assert Source.objects.count() == 1


def test_duplicate_name_differing_in_spacing_is_400(analyst_client):
    SourceFactory(name="Defence Ministry")
    response = analyst_client.post(URL, {"name": "  defence   ministry "}, format="json")
    assert response.status_code == 400
    assert response.json()["name"]
    assert Source.objects.count() == 1


def test_unknown_kind_is_400(analyst_client):
    response = analyst_client.post(URL, {"name": "Oracle", "kind": "oracle"}, format="json")
    assert response.status_code == 400
    assert response.json()["kind"]
    assert not Source.objects.exists()


def test_unknown_reliability_is_400(analyst_client):
    response = analyst_client.post(URL, {"name": "Oracle", "reliability": "G"}, format="json")
    assert response.status_code == 400
    assert response.json()["reliability"]
    assert not Source.objects.exists()


def test_user_without_role_cannot_create(api_client, no_role_user):
    response = api_client(no_role_user).post(URL, {"name": "Anyone"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"]
    assert not Source.objects.exists()


def test_analyst_changing_reliability_is_403(analyst_client):
    source = SourceFactory(reliability="B")
    response = analyst_client.patch(_detail(source), {"reliability": "E"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"]
    source.refresh_from_db()
    assert source.reliability == "B"


def test_reviewer_changes_reliability(reviewer_client):
    source = SourceFactory(reliability="B")
    response = reviewer_client.patch(_detail(source), {"reliability": "E"}, format="json")
    assert response.status_code == 200
    assert response.json()["reliability"] == "E"
    source.refresh_from_db()
    assert source.reliability == "E"


def test_reviewer_renaming_to_an_existing_name_is_400(reviewer_client):
    SourceFactory(name="Reuters")
    source = SourceFactory(name="AP")
    response = reviewer_client.patch(_detail(source), {"name": "REUTERS"}, format="json")
    assert response.status_code == 400
    assert response.json()["name"]
    source.refresh_from_db()
    assert source.name == "AP"


def test_list_counts_live_claims(analyst_client):
    source = SourceFactory()
    ClaimFactory(source=source)
    ClaimFactory(source=source, deleted_at="2024-01-01T00:00:00Z")
    row = analyst_client.get(URL).json()["results"][0]
    assert (row["id"], row["claim_count"]) == (source.pk, 1)


def test_list_counts_from_the_tallies_without_reading_the_claims(analyst_client):
    """A page of sources at a million claims took 3.8 s counting them (issue 16)."""
    busy, quiet = SourceFactory(name="Busy"), SourceFactory(name="Quiet")
    for status in ("draft", "submitted", "submitted", "draft"):
        ClaimFactory(source=busy, status=status)
    ClaimFactory(source=quiet, deleted_at="2024-01-01T00:00:00Z")

    with CaptureQueriesContext(connection) as queries:
        rows = analyst_client.get(URL).json()["results"]

    assert [(row["name"], row["claim_count"]) for row in rows] == [("Busy", 4), ("Quiet", 0)]
    assert not [query for query in queries if 'claims_claim"' in query["sql"]]


def test_list_filters_by_kind(analyst_client):
    outlet = OutletFactory()
    SourceFactory(kind="military")
    results = analyst_client.get(URL, {"kind": "media_outlet"}).json()["results"]
    assert [row["id"] for row in results] == [outlet.pk]


# --- Merge -------------------------------------------------------------------------------------


@pytest.fixture
def duplicates():
    target = OutletFactory(name="Synthetic Times")
    copy = OutletFactory(name="The Synthetic Times")
    claims = [ClaimFactory(source=copy), ClaimFactory(source=copy)]
    article = ArticleFactory(outlet=copy)
    return target, copy, claims, article


def test_reviewer_merge_moves_claims_and_articles(reviewer_client, duplicates):
    target, copy, claims, article = duplicates
    response = reviewer_client.post(_detail(target, "merge"), {"sources": [copy.pk]}, format="json")
    assert response.status_code == 200
    assert response.json()["claim_count"] == 2
    assert set(Claim.objects.filter(source=target)) == set(claims)
    assert Article.objects.get(pk=article.pk).outlet == target


def test_merge_deletes_the_duplicates(reviewer_client, duplicates):
    target, copy, _, _ = duplicates
    reviewer_client.post(_detail(target, "merge"), {"sources": [copy.pk]}, format="json")
    assert list(Source.objects.values_list("pk", flat=True)) == [target.pk]


def test_merge_bumps_versions_of_moved_claims(reviewer_client, duplicates):
    target, copy, claims, _ = duplicates
    reviewer_client.post(_detail(target, "merge"), {"sources": [copy.pk]}, format="json")
    assert Claim.objects.get(pk=claims[0].pk).version == 2


def test_analyst_merge_is_403(analyst_client, duplicates):
    target, copy, _, _ = duplicates
    response = analyst_client.post(_detail(target, "merge"), {"sources": [copy.pk]}, format="json")
    assert response.status_code == 403
    assert Source.objects.count() == 2
    assert Claim.objects.filter(source=copy).count() == 2


def test_merge_with_no_sources_is_400(reviewer_client, duplicates):
    target, _, _, _ = duplicates
    response = reviewer_client.post(_detail(target, "merge"), {"sources": []}, format="json")
    assert response.status_code == 400
    assert response.json()["sources"]
    assert Source.objects.count() == 2


def test_merge_into_itself_is_400(reviewer_client, duplicates):
    target, _, _, _ = duplicates
    response = reviewer_client.post(
        _detail(target, "merge"), {"sources": [target.pk]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"]
    assert Source.objects.count() == 2


# --- Tags --------------------------------------------------------------------------------------


def test_tags_list_counts_live_claims(analyst_client):
    ClaimFactory(tags=["convoys"])
    ClaimFactory(tags=["convoys"], deleted_at="2024-01-01T00:00:00Z")
    rows = analyst_client.get("/api/tags/").json()["results"]
    assert [(row["name"], row["claim_count"]) for row in rows] == [("convoys", 1)]


def test_tags_list_searches_names(analyst_client):
    Tag.objects.bulk_create([Tag(name="air-defence"), Tag(name="convoys")])
    rows = analyst_client.get("/api/tags/", {"q": "air"}).json()["results"]
    assert [row["name"] for row in rows] == ["air-defence"]


# --- Pagination (shared by every list) ---------------------------------------------------------


def test_list_has_pagination_shape(analyst_client):
    SourceFactory.create_batch(3)
    body = analyst_client.get(URL, {"page_size": 2}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert (body["count"], len(body["results"]), body["previous"]) == (3, 2, None)
    assert "page=2" in body["next"]


def test_second_page_links_back(analyst_client):
    SourceFactory.create_batch(3)
    body = analyst_client.get(URL, {"page_size": 2, "page": 2}).json()
    assert (len(body["results"]), body["next"]) == (1, None)
    assert body["previous"]


def test_page_size_is_capped_at_500(analyst_client):
    Source.objects.bulk_create(Source(name=f"Bulk source {n:04d}") for n in range(501))
    body = analyst_client.get(URL, {"page_size": 1000}).json()
    assert (body["count"], len(body["results"])) == (501, 500)
    assert body["next"]


def test_default_page_size_is_50(analyst_client):
    Source.objects.bulk_create(Source(name=f"Bulk source {n:04d}") for n in range(51))
    assert len(analyst_client.get(URL).json()["results"]) == 50


def test_page_past_the_end_is_404_json(analyst_client):
    response = analyst_client.get(URL, {"page": 9})
    assert response.status_code == 404
    assert response.json()["detail"]


def test_create_with_a_close_name_is_201_with_the_similar_sources(analyst_client):
    western = SourceFactory(name="Western intelligence services")
    SourceFactory(name="Ministry of Defence")

    response = analyst_client.post(
        "/api/sources/", {"name": "Western intel services"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["name"] == "Western intel services"
    assert [(s["id"], s["name"]) for s in response.json()["similar"]] == [
        (western.pk, "Western intelligence services")
    ]


def test_create_with_a_new_name_has_an_empty_similar_list(analyst_client):
    SourceFactory(name="Ministry of Defence")
    response = analyst_client.post("/api/sources/", {"name": "Halvern council"}, format="json")
    assert (response.status_code, response.json()["similar"]) == (201, [])
    assert response.json()["reliability"] == "F"


def test_similar_lists_close_names_before_adding(analyst_client):
    western = SourceFactory(name="Western intelligence services")

    response = analyst_client.get("/api/sources/similar/", {"name": "western intel services"})

    assert response.status_code == 200
    assert [s["id"] for s in response.json()["results"]] == [western.pk]


def test_similar_without_a_name_is_an_empty_list(analyst_client):
    SourceFactory(name="Western intelligence services")
    response = analyst_client.get("/api/sources/similar/")
    assert (response.status_code, response.json()) == (200, {"results": []})


def test_a_name_taken_is_refused_once_on_the_name(analyst_client):
    SourceFactory(name="Meridian Post")

    response = analyst_client.post(
        "/api/sources/", {"name": "meridian  post", "kind": "media_outlet"}, format="json"
    )

    # It came twice: under the name, and again without a field from the key's constraint.
    assert response.status_code == 400
    assert response.json() == {
        "name": ["A source named “Meridian Post” already exists: use that one instead."]
    }
