"""A claim named by its uuid, as every export names it (`urn:uuid:<uuid>` in JSON-LD): shown on
its page, found by the search box of the list and the API, resolved by its own address, and
searched for in the admin."""

import uuid

import pytest
from django.urls import reverse

from claims import services
from tests.factories import ArticleFactory, ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db

TEXT = "The ministry said 12 people were hurt. Doctors counted 30 in the valley hospital."


@pytest.fixture
def claims(analyst):
    article = ArticleFactory(text=TEXT, uploaded_by=analyst)
    return [
        ClaimFactory(article=article, start=start, end=start + 9, created_by=analyst)
        for start in (TEXT.index("12 people"), TEXT.index("30 in the"))
    ]


def test_the_claim_page_shows_its_identity_as_the_exports_write_it(client, analyst, claims):
    client.force_login(analyst)

    body = client.get(claims[0].get_absolute_url()).content.decode()

    assert f"urn:uuid:{claims[0].uuid}" in body
    assert str(claims[1].uuid) not in body


@pytest.mark.parametrize("written", ["{}", "urn:uuid:{}", "  URN:UUID:{}  ", "{upper}"])
def test_the_list_search_finds_the_claim_of_a_uuid_however_it_is_pasted(
    client, analyst, claims, written
):
    client.force_login(analyst)
    named = claims[1].uuid
    query = written.format(named, upper=str(named).upper())

    page = client.get(reverse("claims:list"), {"q": query})

    assert [claim.pk for claim in page.context["object_list"]] == [claims[1].pk]


def test_a_uuid_of_no_claim_finds_none_and_a_broken_one_is_searched_as_words(
    client, analyst, claims
):
    client.force_login(analyst)

    unknown = client.get(reverse("claims:list"), {"q": f"urn:uuid:{uuid.uuid4()}"})
    broken = client.get(reverse("claims:list"), {"q": f"urn:uuid:{str(claims[0].uuid)[:-1]}"})

    assert unknown.status_code == broken.status_code == 200
    assert list(unknown.context["object_list"]) == []
    assert list(broken.context["object_list"]) == []


def test_the_api_search_finds_the_claim_of_a_uuid(api_client, analyst, claims):
    body = api_client(analyst).get("/api/claims/", {"q": f"urn:uuid:{claims[0].uuid}"}).json()

    assert [row["uuid"] for row in body["results"]] == [str(claims[0].uuid)]


def test_the_uuid_address_leads_to_the_claim_page(client, analyst, claims):
    client.force_login(analyst)

    response = client.get(reverse("claims:by-uuid", args=[claims[1].uuid]))

    assert response.status_code == 302
    assert response["Location"] == claims[1].get_absolute_url()


def test_the_uuid_address_of_no_live_claim_is_not_found(client, analyst, claims):
    services.claim_delete(claim=claims[0], user=analyst)
    client.force_login(analyst)

    deleted = client.get(reverse("claims:by-uuid", args=[claims[0].uuid]))
    unknown = client.get(reverse("claims:by-uuid", args=[uuid.uuid4()]))

    assert deleted.status_code == unknown.status_code == 404


def test_the_uuid_address_asks_for_a_login(client, claims):
    response = client.get(reverse("claims:by-uuid", args=[claims[0].uuid]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_admin_finds_claims_and_links_by_uuid_and_still_by_words(admin_client, claims):
    link = ClaimLinkFactory(claim_a=claims[0], claim_b=claims[1])
    claim_list = reverse("admin:claims_claim_changelist")
    link_list = reverse("admin:claims_claimlink_changelist")

    by_uuid = admin_client.get(claim_list, {"q": str(claims[1].uuid)})
    by_words = admin_client.get(claim_list, {"q": "Doctors"})
    link_by_uuid = admin_client.get(link_list, {"q": str(link.uuid)})
    link_by_words = admin_client.get(link_list, {"q": "hospital"})

    assert [c.pk for c in by_uuid.context["cl"].result_list] == [claims[1].pk]
    assert by_words.status_code == 200
    assert [ln.pk for ln in link_by_uuid.context["cl"].result_list] == [link.pk]
    assert link_by_words.status_code == 200


def test_the_admin_shows_a_claims_uuid_and_a_links_uuid(admin_client, claims):
    link = ClaimLinkFactory(claim_a=claims[0], claim_b=claims[1])

    claim_page = admin_client.get(reverse("admin:claims_claim_change", args=[claims[0].pk]))
    link_page = admin_client.get(reverse("admin:claims_claimlink_change", args=[link.pk]))

    assert str(claims[0].uuid) in claim_page.content.decode()
    assert str(link.uuid) in link_page.content.decode()
