"""Fixtures for the claim tests: a graded source, and a claim recorded through the service as
a draft and as submitted."""

import pytest

from claims.models import Claim
from claims.services import claim_create, claim_submit
from tests.factories import SourceFactory


@pytest.fixture
def source():
    return SourceFactory(reliability="B")


def record(article, user, source, start, end, **extra) -> Claim:
    """Record `article.text[start:end]` as a claim through the service."""
    return claim_create(
        article=article,
        start=start,
        end=end,
        quote=article.text[start:end],
        source=source,
        created_by=user,
        **extra,
    )


@pytest.fixture
def draft(article, analyst, source):
    return record(article, analyst, source, 10, 40, credibility=2)


@pytest.fixture
def submitted(draft, analyst):
    return claim_submit(claim=draft, user=analyst)


CLAIMS_URL = "/api/claims/"


def claim_url(claim, action: str = "") -> str:
    """The API address of `claim`, or of one of its actions (`submit`, `approve`…)."""
    return f"{CLAIMS_URL}{claim.pk}/{action + '/' if action else ''}"


def field_messages(response, field: str) -> list[str]:
    """The messages an API error answer gives for `field` (which it must name)."""
    body = response.json()
    assert field in body, body
    return body[field] if isinstance(body[field], list) else [body[field]]


def claim_item(article, source, start: int, **extra) -> dict:
    """The body of `POST /api/claims/` for the 12 characters of `article` from `start`, tagged,
    graded C3 with a source of reliability C; `extra` replaces or adds fields."""
    return {
        "article": article.pk,
        "start": start,
        "end": start + 12,
        "quote": article.text[start : start + 12],
        "source": source.pk,
        "credibility": 3,
        "tags": ["Batch", f"number {start}"],
        **extra,
    }


def admin_change_form(claim: Claim, **fields) -> dict:
    """What the admin's change form of `claim` posts, with `fields` changed."""
    return {
        "article": claim.article_id,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "source": claim.source_id,
        "credibility": claim.credibility,
        "statement": claim.statement,
        "tags": [],
        "version": claim.version,
        **fields,
    }
