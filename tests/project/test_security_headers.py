"""The headers every answer carries: a Content-Security-Policy that allows nothing inline,
Permissions-Policy, and `Cache-Control: no-store` on the API; the endpoint that logs what the
policy blocked."""

import json

import pytest

from tests.factories import ClaimFactory
from tests.test_bad_input import _pages

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'none'",
}


def _directives(header: str) -> dict[str, str]:
    return {
        name: value.strip()
        for part in header.split(";")
        if part.strip()
        for name, _, value in [part.strip().partition(" ")]
    }


@pytest.fixture
def site(analyst):
    claim = ClaimFactory(created_by=analyst)
    return {"articles": claim.article_id, "claims": claim.pk, "sources": claim.source_id}


def test_every_page_carries_the_policy_and_nothing_inline_is_allowed(client, staff_user, site):
    client.force_login(staff_user)

    for page in _pages(site):
        response = client.get(page)
        directives = _directives(response["Content-Security-Policy"])
        for name, value in POLICY.items():
            assert directives[name] == value, (page, name)
        assert "unsafe-inline" not in response["Content-Security-Policy"], page
        assert "camera=()" in response["Permissions-Policy"], page


def test_api_answers_are_never_stored_by_a_cache(analyst_client, site):
    response = analyst_client.get(f"/api/claims/{site['claims']}/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_pages_are_left_to_the_usual_caching(client, analyst, site):
    client.force_login(analyst)

    response = client.get("/claims/")

    assert "no-store" not in response.get("Cache-Control", "")


def test_a_report_of_blocked_content_is_logged(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "http://testserver/claims/",
            "blocked-uri": "inline",
            "violated-directive": "script-src-elem",
        }
    }

    response = client.post(
        "/csp-report/", json.dumps(report), content_type="application/csp-report"
    )

    assert response.status_code == 204
    assert "blocked inline on http://testserver/claims/ (script-src-elem)" in caplog.text


def test_a_report_cannot_write_a_line_of_its_own_in_the_log(client, caplog):
    """Anyone may post a report: a line break in it is logged as its escape, not as a new line
    (a forged "lockout lifted" where admins look for the real ones)."""
    forged = "x\nWARNING axes: Lockout lifted for admin\u2028\r\u202e"
    report = {"csp-report": {"blocked-uri": forged, "document-uri": forged}}

    response = client.post(
        "/csp-report/", json.dumps(report), content_type="application/csp-report"
    )

    assert response.status_code == 204
    (logged,) = [
        record.getMessage() for record in caplog.records if "blocked" in record.getMessage()
    ]
    assert "\n" not in logged and "\r" not in logged and "\u2028" not in logged
    assert "x\\nWARNING axes: Lockout lifted for admin\\u2028\\r\\u202e" in logged


def test_a_report_that_is_not_json_is_refused(client):
    response = client.post("/csp-report/", "not json", content_type="application/csp-report")

    assert response.status_code == 400
