"""Export → empty instance → import → export again: nothing lost."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import Article
from claims.demo.loader import reset_domain
from claims.models import Claim, ClaimLink, ClaimStatus
from exports.restore import claim_set_import
from sources.models import Source

pytestmark = pytest.mark.django_db


def _comparable(document: dict) -> dict:
    """The export with every database id replaced by what identifies the record on any
    instance (text fingerprint, source name, claim span), and the export's own metadata left out.
    Creation times stay in: the import keeps them."""
    articles = {article["id"]: article["content_sha256"] for article in document["articles"]}
    sources = {source["id"]: source["name"] for source in document["sources"]}
    claims = {
        claim["id"]: (
            articles[claim["article"]],
            claim["start"],
            claim["end"],
            sources[claim["source"]],
        )
        for claim in document["claims"]
    }

    def without_id(record: dict, **replaced) -> dict:
        return {**{key: value for key, value in record.items() if key != "id"}, **replaced}

    return {
        "articles": [
            without_id(article, outlet=sources.get(article["outlet"]))
            for article in document["articles"]
        ],
        "sources": [without_id(source) for source in document["sources"]],
        "claims": [
            without_id(claim, article=articles[claim["article"]], source=sources[claim["source"]])
            for claim in document["claims"]
        ],
        "links": [
            without_id(link, claim_a=claims[link["claim_a"]], claim_b=claims[link["claim_b"]])
            for link in document["links"]
        ],
        "totals": document["totals"],
    }


def test_demo_survives_export_wipe_import_export(demo, export_json, staff_user, api_client):
    first = export_json(staff_user, status="")
    assert first["totals"]["claims"] == Claim.objects.count()
    assert first["totals"]["links"] == ClaimLink.objects.count()
    reset_domain()
    assert not Claim.all_objects.exists()

    response = api_client(staff_user).post(
        reverse("api:import"), json.dumps(first), content_type="application/json"
    )

    assert response.status_code == 201, response.json()
    second = export_json(staff_user, status="")
    assert _comparable(second) == _comparable(first)


def test_round_trip_keeps_statuses_reviewers_and_tags(demo, export_json, staff_user):
    before = list(
        Claim.objects.order_by("pk").values_list(
            "status", "reviewed_by__username", "created_by__username", "review_note"
        )
    )
    document = export_json(staff_user, status="")
    reset_domain()

    claim_set_import(content=json.dumps(document), user=staff_user)

    after = list(
        Claim.objects.order_by("pk").values_list(
            "status", "reviewed_by__username", "created_by__username", "review_note"
        )
    )
    assert after == before
    assert {status for status, *_ in after} == set(ClaimStatus.values)


def test_importing_the_same_file_twice_adds_nothing(demo, export_json, staff_user):
    document = export_json(staff_user, status="")
    counts = (Article.objects.count(), Source.objects.count(), Claim.objects.count())

    summary = claim_set_import(content=json.dumps(document), user=staff_user)

    assert (Article.objects.count(), Source.objects.count(), Claim.objects.count()) == counts
    assert ClaimLink.objects.count() == document["totals"]["links"]
    assert summary.created == {"users": 0, "sources": 0, "articles": 0, "claims": 0, "links": 0}
    assert summary.matched["claims"] == document["totals"]["claims"]


def test_import_creates_unknown_people_as_inactive_accounts(demo, export_json, staff_user):
    document = export_json(staff_user)
    reset_domain()
    get_user_model().objects.filter(username="reviewer").update(username="someone-else")

    summary = claim_set_import(content=json.dumps(document), user=staff_user)

    reviewer = get_user_model().objects.get(username="reviewer")
    assert not reviewer.is_active
    assert not reviewer.has_usable_password()
    assert not reviewer.groups.exists()
    assert Claim.objects.filter(reviewed_by=reviewer).count() == document["totals"]["claims"]
    assert any("reviewer" in note for note in summary.notes)


def test_imported_claims_say_in_their_history_where_they_came_from(demo, export_json, staff_user):
    document = export_json(staff_user)
    reset_domain()

    claim_set_import(content=json.dumps(document), user=staff_user)

    entry = Claim.objects.first().history.earliest()
    assert entry.history_user == staff_user
    assert entry.history_change_reason == (
        f"Imported by {staff_user.username} from export {document['export']['id']}"
    )


def test_each_imported_claim_has_one_history_entry_holding_its_tags(demo, export_json, staff_user):
    document = export_json(staff_user, status="")
    tags_by_span = {
        (claim["start"], claim["end"], claim["quote"]): sorted(claim["tags"])
        for claim in document["claims"]
    }
    reset_domain()

    claim_set_import(content=json.dumps(document), user=staff_user)

    for claim in Claim.all_objects.prefetch_related("tags"):
        entries = list(claim.history.all())
        assert len(entries) == 1
        assert sorted(row.tag.name for row in entries[0].tags.all()) == sorted(
            tag.name for tag in claim.tags.all()
        )
        assert (
            sorted(tag.name for tag in claim.tags.all())
            == tags_by_span[(claim.start, claim.end, claim.quote)]
        )
    assert ClaimLink.history.count() == ClaimLink.objects.count()


def test_the_claim_page_of_an_imported_claim_shows_where_it_came_from(
    client, demo, export_json, staff_user
):
    document = export_json(staff_user)
    reset_domain()
    claim_set_import(content=json.dumps(document), user=staff_user)
    client.force_login(staff_user)

    page = client.get(Claim.objects.first().get_absolute_url()).content.decode()

    assert f"from export {document['export']['id']}" in page


@pytest.mark.django_db(transaction=True)
def test_an_import_of_claims_alone_retires_the_cached_counts(demo, export_json, staff_user):
    from claims import aggregates

    document = export_json(staff_user)
    ClaimLink.objects.all().delete()
    Claim.all_objects.all().delete()  # articles and sources stay: only claims are created
    before = aggregates.current_token()

    summary = claim_set_import(content=json.dumps(document), user=staff_user)

    assert summary.created["articles"] == summary.created["sources"] == 0
    assert summary.created["claims"] == document["totals"]["claims"]
    assert aggregates.current_token() != before


def test_a_claim_keeps_when_it_last_changed_and_a_file_without_it_takes_its_creation(
    demo, export_json, staff_user
):
    # "My claims" lists and sorts by the last change: before, every restored claim had
    # changed at the moment of the import.
    before = dict(Claim.objects.values_list("quote", "updated_at"))
    document = export_json(staff_user, status="")
    older = json.loads(json.dumps(document))
    for claim in older["claims"]:
        del claim["updated_at"]  # a file exported before the field was
    reset_domain()

    claim_set_import(content=json.dumps(document), user=staff_user)
    assert dict(Claim.objects.values_list("quote", "updated_at")) == before

    reset_domain()
    claim_set_import(content=json.dumps(older), user=staff_user)
    assert all(
        claim.updated_at == claim.created_at
        for claim in Claim.objects.only("created_at", "updated_at")
    )
