"""`GET /api/version/` says what a script talks to; `status=all` exports every status, as
`status=` does, and the schema documents it (issue 17)."""

import pytest
from django.urls import reverse

from claims.models import ClaimStatus
from exports.formats import FORMAT_NAME, FORMAT_REVISION

pytestmark = pytest.mark.django_db


def test_version_names_the_product_the_schema_and_the_format(analyst_client):
    response = analyst_client.get("/api/version/")

    assert response.status_code == 200
    body = response.json()
    assert body["version"] and body["api"]
    assert body["format"] == {"name": FORMAT_NAME, "revision": FORMAT_REVISION}
    assert set(body["schema"]) == {"sources", "articles", "claims", "exports"}
    assert body["schema"]["claims"].startswith("00")


def test_version_needs_credentials(api_client):
    assert api_client().get("/api/version/").status_code == 401


def test_version_reads_no_table(analyst_client, django_assert_max_num_queries):
    analyst_client.get("/api/version/")
    with django_assert_max_num_queries(0):
        analyst_client.get("/api/version/")


def test_status_all_exports_every_status_as_an_empty_status_does(demo, export_json, staff_user):
    every = export_json(staff_user, status="all")

    assert {claim["status"] for claim in every["claims"]} == set(ClaimStatus.values)
    assert every["claims"] == export_json(staff_user, status="")["claims"]


def test_the_schema_documents_status_all_for_the_export(analyst_client):
    schema = analyst_client.get(reverse("api:schema"), {"format": "json"}).json()
    parameters = schema["paths"]["/api/export/"]["get"]["parameters"]
    status = next(parameter for parameter in parameters if parameter["name"] == "status")

    assert "all" in status["schema"]["enum"]
    assert "`all`" in status["description"]
