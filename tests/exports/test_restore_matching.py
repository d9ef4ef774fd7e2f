"""A claim set imported where some of its claims are already: one claim here is the same as one
claim of the file at most, so two readings of one passage (same span, source and author) stay
two claims (audit F1)."""

import json

import pytest

from claims.models import Claim, ClaimLink, LinkKind
from claims.services import link_create
from exports.restore import claim_set_import
from tests.claims.conftest import record
from tests.exports.claim_set_files import post_import
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_readings(article, analyst):
    """One passage recorded twice from one source by one analyst, linked as corroborating."""
    source = SourceFactory(reliability="B")
    first = record(article, analyst, source, 10, 40, credibility=2, statement="First reading")
    second = record(article, analyst, source, 10, 40, credibility=4, statement="Second reading")
    link_create(kind=LinkKind.CORROBORATES, claim_a=first, claim_b=second, user=analyst)
    return first, second


def _readings_here(article) -> list[tuple[int, str]]:
    return list(
        Claim.objects.filter(article=article)
        .order_by("credibility")
        .values_list("credibility", "statement")
    )


def test_the_same_file_imported_again_matches_both_readings_and_adds_nothing(
    two_readings, article, export_json, api_client, staff_user
):
    document = export_json(staff_user, status="")

    response = post_import(api_client(staff_user), json.dumps(document))

    assert response.status_code == 201, response.content
    assert response.json()["matched"]["claims"] == 2
    assert response.json()["created"]["claims"] == 0
    assert _readings_here(article) == [(2, "First reading"), (4, "Second reading")]
    assert ClaimLink.objects.count() == 1


def test_a_reading_not_here_yet_is_recorded_not_taken_for_the_other(
    two_readings, article, export_json, api_client, staff_user
):
    document = export_json(staff_user, status="")
    _first, second = two_readings
    ClaimLink.objects.all().delete()
    Claim.all_objects.filter(pk=second.pk).delete()

    response = post_import(api_client(staff_user), json.dumps(document))

    assert response.status_code == 201, response.content
    assert (response.json()["matched"]["claims"], response.json()["created"]["claims"]) == (1, 1)
    assert _readings_here(article) == [(2, "First reading"), (4, "Second reading")]
    assert ClaimLink.objects.count() == 1


def test_tags_are_stored_as_the_app_writes_them(document, staff_user):
    claim = next(claim for claim in document["claims"] if claim["tags"])
    claim["tags"] = ["Casualties", "casualties", *claim["tags"]]

    claim_set_import(content=json.dumps(document), user=staff_user)

    stored = Claim.all_objects.get(quote=claim["quote"], start=claim["start"])
    names = list(stored.tags.values_list("name", flat=True))
    assert "casualties" in names and "Casualties" not in names
    assert len(names) == len(set(names))
