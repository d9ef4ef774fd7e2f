"""Fixtures for the export and restore tests: the demo data, reading an export's bytes, and the
demo's JSON export on an empty instance."""

import json
from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from claims.demo.loader import load_demo, reset_domain
from project import roles


@pytest.fixture
def demo(db):
    """The Velka valley demo: users admin, analyst, analyst2, reviewer; claims in every status."""
    # The role groups come from a data migration, which a transactional test (the browser tests)
    # flushes away; the demo needs them.
    for role in roles.ROLES:
        Group.objects.get_or_create(name=role)
    return load_demo(password="demo-pass-123")


@pytest.fixture
def export(api_client) -> Callable:
    """`export(user, format="json", **filters)`: the response of `GET /api/export/` and its
    whole content, read from the stream."""

    def run(user, **params):
        response = api_client(user).get(reverse("api:export"), params)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        return response, content

    return run


@pytest.fixture
def export_json(export) -> Callable:
    """`export_json(user, **filters)`: the JSON export, parsed."""

    def run(user, **params):
        response, content = export(user, format="json", **params)
        assert response.status_code == 200, content
        return json.loads(content)

    return run


@pytest.fixture
def document(demo, export_json, staff_user) -> dict:
    """The demo's JSON export, every status, taken before the domain is wiped."""
    exported = export_json(staff_user, status="")
    reset_domain()
    return exported
