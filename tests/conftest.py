"""Shared fixtures: one user per role, API clients logged in as them, and an article."""

import pytest
from rest_framework.test import APIClient

from tests.factories import ArticleFactory, UserFactory


@pytest.fixture
def analyst(db):
    return UserFactory(username="alice", groups=["analyst"])


@pytest.fixture
def analyst2(db):
    return UserFactory(username="bob", groups=["analyst"])


@pytest.fixture
def reviewer(db):
    return UserFactory(username="rita", groups=["reviewer"])


@pytest.fixture
def staff_user(db):
    return UserFactory(username="sam", is_staff=True, is_superuser=True)


@pytest.fixture
def no_role_user(db):
    """Logged in, but in neither role group."""
    return UserFactory(username="nora")


@pytest.fixture
def api_client(db):
    """`api_client(user)` is an APIClient authenticated as `user`; `api_client()` is anonymous."""

    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user=user)
        return client

    return make


@pytest.fixture
def analyst_client(api_client, analyst):
    return api_client(analyst)


@pytest.fixture
def reviewer_client(api_client, reviewer):
    return api_client(reviewer)


@pytest.fixture
def article(analyst):
    return ArticleFactory(uploaded_by=analyst)
