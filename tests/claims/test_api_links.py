"""/api/links/: proposing contradictions and corroborations, and deciding on them."""

import pytest
from django.utils import timezone

from claims.models import ClaimLink
from claims.services import claim_delete, claim_reject, claim_submit
from tests.factories import ClaimFactory, ClaimLinkFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/links/"


def _detail(link) -> str:
    return f"{URL}{link.pk}/"


@pytest.fixture
def pair():
    first, second = ClaimFactory(), ClaimFactory()
    assert first.pk < second.pk
    return first, second


def _payload(claim_a, claim_b, kind="contradicts") -> dict:
    return {"kind": kind, "claim_a": claim_a.pk, "claim_b": claim_b.pk, "note": "Numbers differ"}


def test_create_returns_201_with_the_link(analyst_client, pair):
    low, high = pair
    response = analyst_client.post(URL, _payload(low, high), format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["id"] == ClaimLink.objects.get().pk
    assert (body["kind"], body["status"], body["created_by"], body["note"]) == (
        "contradicts",
        "proposed",
        "alice",
        "Numbers differ",
    )


def test_a_link_answers_its_uuid_read_only(analyst_client, pair):
    low, high = pair
    sent = {**_payload(low, high), "uuid": "00000000-0000-4000-8000-000000000000"}
    created = analyst_client.post(URL, sent, format="json").json()
    link = ClaimLink.objects.get()

    assert created["uuid"] == str(link.uuid) != sent["uuid"]
    assert analyst_client.get(_detail(link)).json()["uuid"] == str(link.uuid)
    assert analyst_client.get(URL).json()["results"][0]["uuid"] == str(link.uuid)


def test_the_schema_shows_the_uuid_of_claims_and_links(analyst_client):
    schemas = analyst_client.get("/api/schema/", {"format": "json"}).json()["components"]
    for name in ("Claim", "Link"):
        uuid = schemas["schemas"][name]["properties"]["uuid"]
        assert (uuid["type"], uuid["format"], uuid["readOnly"]) == ("string", "uuid", True)
        assert "urn:uuid:" in uuid["description"]


def test_create_stores_the_pair_in_canonical_order(analyst_client, pair):
    low, high = pair
    body = analyst_client.post(URL, _payload(high, low), format="json").json()
    assert (body["claim_a"], body["claim_b"]) == (low.pk, high.pk)


def test_self_link_is_400_and_creates_nothing(analyst_client, pair):
    claim, _ = pair
    response = analyst_client.post(URL, _payload(claim, claim), format="json")
    assert response.status_code == 400
    assert response.json()["claim_b"]
    assert not ClaimLink.objects.exists()


def test_duplicate_link_is_400(analyst_client, pair):
    low, high = pair
    analyst_client.post(URL, _payload(low, high), format="json")
    response = analyst_client.post(URL, _payload(low, high), format="json")
    assert response.status_code == 400
    assert "already linked" in response.json()["non_field_errors"][0]
    assert ClaimLink.objects.count() == 1


def test_duplicate_link_with_pair_reversed_is_400(analyst_client, pair):
    low, high = pair
    analyst_client.post(URL, _payload(low, high), format="json")
    response = analyst_client.post(URL, _payload(high, low), format="json")
    assert response.status_code == 400
    assert response.json()["non_field_errors"]
    assert ClaimLink.objects.count() == 1


def test_other_kind_for_the_same_pair_is_201(analyst_client, pair):
    low, high = pair
    analyst_client.post(URL, _payload(low, high), format="json")
    response = analyst_client.post(URL, _payload(high, low, "corroborates"), format="json")
    assert response.status_code == 201
    assert ClaimLink.objects.count() == 2


def test_unknown_kind_is_400(analyst_client, pair):
    low, high = pair
    response = analyst_client.post(URL, _payload(low, high, "refutes"), format="json")
    assert response.status_code == 400
    assert response.json()["kind"]
    assert not ClaimLink.objects.exists()


def test_link_to_a_deleted_claim_is_400(analyst_client, pair):
    low, high = pair
    high.deleted_at = timezone.now()
    high.save()
    response = analyst_client.post(URL, _payload(low, high), format="json")
    assert response.status_code == 400
    assert response.json()["claim_b"]
    assert not ClaimLink.objects.exists()


def test_user_without_role_cannot_link(api_client, no_role_user, pair):
    low, high = pair
    response = api_client(no_role_user).post(URL, _payload(low, high), format="json")
    assert response.status_code == 403
    assert response.json()["detail"]
    assert not ClaimLink.objects.exists()


def test_reviewer_confirms_a_link(reviewer_client):
    link = ClaimLinkFactory()
    response = reviewer_client.patch(
        _detail(link), {"status": "confirmed", "version": link.version}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["decided_by"]) == ("confirmed", "rita")
    link.refresh_from_db()
    assert link.status == "confirmed"


def test_reviewer_dismisses_a_link(reviewer_client):
    link = ClaimLinkFactory()
    response = reviewer_client.patch(
        _detail(link), {"status": "dismissed", "version": link.version}, format="json"
    )
    assert response.json()["status"] == "dismissed"


def test_link_author_deciding_is_403(api_client, reviewer):
    link = ClaimLinkFactory(created_by=reviewer)
    response = api_client(reviewer).patch(
        _detail(link), {"status": "confirmed", "version": link.version}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["detail"]
    link.refresh_from_db()
    assert link.status == "proposed"


def test_analyst_deciding_is_403(analyst_client):
    link = ClaimLinkFactory()
    response = analyst_client.patch(
        _detail(link), {"status": "confirmed", "version": link.version}, format="json"
    )
    assert response.status_code == 403
    link.refresh_from_db()
    assert link.status == "proposed"


def test_unknown_status_is_400(reviewer_client):
    link = ClaimLinkFactory()
    response = reviewer_client.patch(_detail(link), {"status": "maybe"}, format="json")
    assert response.status_code == 400
    assert response.json()["status"]
    link.refresh_from_db()
    assert link.status == "proposed"


def test_list_filters_by_either_claim(analyst_client):
    link = ClaimLinkFactory()
    ClaimLinkFactory()
    for claim_id in (link.claim_a_id, link.claim_b_id):
        results = analyst_client.get(URL, {"claim": claim_id}).json()["results"]
        assert [row["id"] for row in results] == [link.pk]


@pytest.mark.parametrize("claim", [str(2**80), "0", "1.5", "abc"])
def test_a_claim_filter_that_cannot_be_an_id_is_refused_with_400(analyst_client, claim):
    ClaimLinkFactory()
    response = analyst_client.get(URL, {"claim": claim})
    assert response.status_code == 400
    assert response.json()["claim"]


def test_list_filters_by_kind(analyst_client):
    ClaimLinkFactory(kind="contradicts")
    wanted = ClaimLinkFactory(kind="corroborates")
    results = analyst_client.get(URL, {"kind": "corroborates"}).json()["results"]
    assert [row["id"] for row in results] == [wanted.pk]


def test_list_leaves_out_links_to_deleted_claims(analyst_client):
    live = ClaimLinkFactory()
    hidden = ClaimLinkFactory()
    hidden.claim_b.deleted_at = timezone.now()
    hidden.claim_b.save()
    results = analyst_client.get(URL).json()["results"]
    assert [row["id"] for row in results] == [live.pk]


def test_author_deletes_own_proposed_link(analyst_client, analyst):
    link = ClaimLinkFactory(created_by=analyst)
    assert analyst_client.delete(_detail(link)).status_code == 204
    assert not ClaimLink.objects.exists()


def test_someone_else_deleting_a_link_is_403(api_client, analyst2):
    link = ClaimLinkFactory()
    assert api_client(analyst2).delete(_detail(link)).status_code == 403
    assert ClaimLink.objects.exists()


def test_a_decision_on_a_stale_version_is_409_with_the_current_status(api_client, reviewer):
    link = ClaimLinkFactory()
    other_reviewer = UserFactory(groups=["reviewer"])
    api_client(other_reviewer).patch(
        _detail(link), {"status": "dismissed", "version": link.version}, format="json"
    )

    response = api_client(reviewer).patch(
        _detail(link), {"status": "confirmed", "version": link.version}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["current"]["status"] == "dismissed"
    link.refresh_from_db()
    assert link.status == "dismissed"


def test_the_same_decision_sent_again_is_answered_with_the_link(api_client, reviewer):
    """Its answer lost on the way (a phone), the reviewer sends the decision again, from the
    version they opened: the link is as they ask already, so no conflict, no second change."""
    link = ClaimLinkFactory()
    decision = {"status": "confirmed", "version": link.version}

    first = api_client(reviewer).patch(_detail(link), decision, format="json")
    again = api_client(reviewer).patch(_detail(link), decision, format="json")

    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json() == first.json()
    link.refresh_from_db()
    assert (link.status, link.version) == ("confirmed", decision["version"] + 1)
    assert link.history.count() == 2  # created, confirmed once


def test_confirming_a_link_to_a_rejected_claim_is_400_with_the_reason(
    reviewer_client, analyst, reviewer
):
    first = ClaimFactory(created_by=analyst)
    link = ClaimLinkFactory(claim_a=first, claim_b=ClaimFactory(created_by=analyst))
    claim_submit(claim=first, user=analyst)
    claim_reject(claim=first, reviewer=reviewer, note="Out of context.")

    response = reviewer_client.patch(
        f"/api/links/{link.pk}/", {"status": "confirmed", "version": 1}, format="json"
    )

    assert response.status_code == 400
    assert f"Claim {first.pk} was rejected" in response.json()["status"][0]


def test_confirming_a_link_to_a_deleted_claim_is_400_not_404(reviewer_client, analyst):
    second = ClaimFactory(created_by=analyst)
    link = ClaimLinkFactory(claim_a=ClaimFactory(created_by=analyst), claim_b=second)
    claim_delete(claim=second, user=analyst)

    response = reviewer_client.patch(
        f"/api/links/{link.pk}/", {"status": "confirmed", "version": 1}, format="json"
    )

    assert response.status_code == 400
    assert "deleted" in response.json()["status"][0]
