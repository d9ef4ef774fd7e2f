"""Adding a source from its page (claims:source-create): the reliability is asked (F chosen
until another is picked), and a name close to existing ones first offers them ("Did you
mean…") with a confirm to add it anyway."""

import pytest
from django.urls import reverse

from sources.models import Source
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

NEW = reverse("claims:source-create")


@pytest.fixture
def western():
    return SourceFactory(name="Western intelligence services", reliability="B")


def test_the_page_asks_the_reliability_with_f_chosen(client, analyst):
    client.force_login(analyst)
    page = client.get(NEW).content.decode()
    assert 'type="radio" name="reliability" value="F"' in page
    f_option = page[page.index('value="F"') - 80 : page.index('value="F"') + 60]
    assert "checked" in f_option
    assert "F – Reliability cannot be judged" in page


def test_a_new_name_is_added_with_the_reliability_chosen(client, analyst):
    client.force_login(analyst)

    response = client.post(
        NEW, {"name": "Halvern city council", "kind": "government", "reliability": "C"}
    )

    source = Source.objects.get(name="Halvern city council")
    assert response.url == source.get_absolute_url()
    assert (source.kind, source.reliability) == ("government", "C")


def test_a_close_name_first_offers_the_existing_source(client, analyst, western):
    client.force_login(analyst)

    response = client.post(
        NEW, {"name": "Western intel services", "kind": "intelligence", "reliability": "F"}
    )

    assert response.status_code == 200
    assert response.context["similar"] == [western]
    page = response.content.decode()
    assert "Did you mean one of these?" in page
    assert western.get_absolute_url() in page
    assert "Use this one" in page
    assert "Add “Western intel services” anyway" in page
    assert not Source.objects.filter(name="Western intel services").exists()


def test_the_confirm_adds_the_close_name_anyway(client, analyst, western):
    client.force_login(analyst)

    response = client.post(
        NEW,
        {
            "name": "Western intel services",
            "kind": "intelligence",
            "reliability": "D",
            "confirmed": "true",
        },
    )

    source = Source.objects.get(name="Western intel services")
    assert response.url == source.get_absolute_url()
    assert source.reliability == "D"


def test_the_same_name_is_refused_on_its_field(client, analyst, western):
    client.force_login(analyst)

    response = client.post(
        NEW, {"name": "western INTELLIGENCE services", "kind": "other", "reliability": "F"}
    )

    assert response.status_code == 200
    assert "already exists" in str(response.context["form"].errors["name"])


def test_a_reliability_off_the_scale_is_a_field_error(client, analyst):
    client.force_login(analyst)
    response = client.post(NEW, {"name": "Someone", "kind": "other", "reliability": "Z"})
    assert "Choose a reliability from A to F." in str(response.context["form"].errors)
    assert not Source.objects.filter(name="Someone").exists()


def test_people_without_a_role_cannot_add_sources(client, no_role_user):
    client.force_login(no_role_user)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, {"name": "X", "kind": "other", "reliability": "F"}).status_code == 403


def test_the_source_list_links_to_the_page(client, analyst):
    client.force_login(analyst)
    assert NEW in client.get(reverse("claims:source-list")).content.decode()
