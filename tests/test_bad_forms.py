"""Nonsense posted to the site's forms (wrong types, numbers past 64 bits, NUL characters,
a `next` that is no address on this site) gets the form's message or a refusal, never a server
error, and never a redirect off the site.

A sweep over every app, so it sits at the top of tests/ rather than in one app's folder."""

import pytest
from django.test import Client

from claims.models import ClaimStatus
from tests.factories import ClaimFactory, ClaimLinkFactory, SourceFactory

pytestmark = pytest.mark.django_db

FIELDS = ["decision", "note", "status", "reliability", "claims", "duplicates", "confirmed", "next"]
VALUES = [
    "abc",
    str(2**70),
    "-1",
    "",
    "\x00",
    "x" * 20_000,
    "https://elsewhere.example/",
    "//elsewhere.example",
    "javascript:alert(1)",
]


@pytest.fixture
def forms(analyst, analyst2):
    claim = ClaimFactory(created_by=analyst, status=ClaimStatus.SUBMITTED)
    link = ClaimLinkFactory(claim_a=claim, created_by=analyst2)
    source = SourceFactory()
    article = claim.article_id
    return [
        f"/claims/{claim.pk}/review/",
        "/review/approve/",
        f"/links/{link.pk}/decision/",
        f"/sources/{source.pk}/reliability/",
        f"/sources/{source.pk}/merge/",
        f"/articles/{article}/claims/{claim.pk}/submit/",
        f"/articles/{article}/claims/{claim.pk}/delete/",
        f"/articles/{article}/claims/{claim.pk}/restore/",
    ]


def test_nonsense_in_any_form_field_is_refused_without_a_server_error(client, reviewer, forms):
    client = Client(raise_request_exception=False)
    client.force_login(reviewer)
    problems = []
    for url in forms:
        for field in FIELDS:
            for value in VALUES:
                response = client.post(url, {"decision": "approve", field: value})
                location = response.headers.get("Location", "")
                if response.status_code >= 500:
                    problems.append(f"{url} {field}={value[:20]!r} → {response.status_code}")
                elif (location and not location.startswith("/")) or location.startswith("//"):
                    problems.append(f"{url} {field}={value[:20]!r} → redirect to {location}")

    assert problems == []


def test_a_next_that_is_no_path_on_this_site_falls_back_to_the_claim(client, reviewer, forms):
    client.force_login(reviewer)

    response = client.post(forms[0], {"decision": "approve", "next": "abc"})

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/claims/")
