"""Request bodies that are not what an endpoint takes (JSON that is not an object, JSON nested
deeper than Python's parser goes, values of every wrong type) get a 4xx with a JSON body that
says why, and change nothing; never a server error.

A sweep over every app, so it sits at the top of tests/ rather than in one app's folder."""

import json

import pytest
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Claim, ClaimLink
from discussion.models import Comment
from sources.models import Source
from tests.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db

TOO_DEEP = '{"a":' * 5000 + "1" + "}" * 5000
NOT_AN_OBJECT = ["1", "null", "[]", '"text"', "true"]
WRONG_VALUES = ["abc", 2**70, -(2**70), 1.5, None, [], {}, "\x00", True, "2026-99-99"]
FIELDS = [
    "article", "start", "end", "quote", "source", "credibility", "statement", "tags", "status",
    "version", "kind", "claim_a", "claim_b", "note", "name", "reliability", "title", "text",
    "published_on", "url", "outlet", "claim", "body",
]  # fmt: skip


@pytest.fixture
def targets(staff_user, analyst):
    """Every endpoint that reads a body (submit takes none, so any body is fine there)."""
    claim = ClaimFactory(created_by=analyst)
    link = ClaimLinkFactory(claim_a=claim, created_by=analyst)
    return [
        ("post", "/api/claims/"),
        ("patch", f"/api/claims/{claim.pk}/"),
        ("post", "/api/links/"),
        ("patch", f"/api/links/{link.pk}/"),
        ("post", "/api/sources/"),
        ("patch", f"/api/sources/{claim.source_id}/"),
        ("post", "/api/articles/"),
        ("patch", f"/api/articles/{claim.article_id}/"),
        ("post", f"/api/claims/{claim.pk}/approve/"),
        ("post", f"/api/claims/{claim.pk}/reject/"),
        ("post", "/api/import/"),
        ("post", f"/api/sources/{claim.source_id}/merge/"),
        ("post", "/api/auth/token/"),
        ("post", "/api/comments/"),
    ]


@pytest.fixture
def client(staff_user):
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(staff_user)
    return client


def _counts() -> tuple[int, ...]:
    return tuple(
        m.count()
        for m in (
            Article.objects,
            Source.objects,
            Claim.objects,
            ClaimLink.objects,
            Comment.objects,
        )
    )


def _refusals(client, targets, bodies) -> list[str]:
    """Each request whose answer is not a 4xx with a JSON body, as `METHOD url body → status`."""
    wrong = []
    for method, url in targets:
        for body in bodies:
            response = getattr(client, method)(url, body, content_type="application/json")
            if not 400 <= response.status_code < 500 or not isinstance(response.json(), dict):
                wrong.append(f"{method.upper()} {url} {body[:30]} → {response.status_code}")
    return wrong


def test_json_nested_too_deeply_is_refused_with_400(client, targets):
    before = _counts()

    assert _refusals(client, targets, [TOO_DEEP]) == []
    assert _counts() == before


def test_json_that_is_not_an_object_is_refused(client, targets):
    before = _counts()

    assert _refusals(client, targets, NOT_AN_OBJECT) == []
    assert _counts() == before


def test_values_of_the_wrong_type_never_cause_a_server_error(client, targets):
    base = {"start": 0, "end": 5, "credibility": 2, "kind": "contradicts", "name": "A source"}
    broken = []
    for method, url in targets:
        for field in FIELDS:
            for value in WRONG_VALUES:
                body = json.dumps({**base, field: value})
                response = getattr(client, method)(url, body, content_type="application/json")
                if response.status_code >= 500:
                    broken.append(f"{method.upper()} {url} {field}={value!r} → 500")

    assert broken == []
