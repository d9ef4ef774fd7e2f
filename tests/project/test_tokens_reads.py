"""A read by token looks the token and its user up in a query compiled once
(`project.tokens.token_with_user`); a write reads them with the roles. Both refuse a key no token
has; expiry and inactive accounts are in test_tokens.py."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from project import roles
from project.tokens import token_with_user

pytestmark = pytest.mark.django_db


def test_an_unknown_token_is_refused_on_a_read_and_a_write(analyst):
    Token.objects.create(user=analyst)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)

    for response in (client.get("/api/claims/"), client.post("/api/claims/", {}, format="json")):
        assert response.status_code == 401
        assert response.json() == {"detail": "Invalid token."}


def test_a_read_by_token_sees_its_user_as_stored(analyst):
    token = Token.objects.create(user=analyst)

    found = token_with_user(token.key)

    assert (found.pk, found.created, found.user) == (token.pk, token.created, analyst)
    assert (found.user.username, found.user.is_active) == (analyst.username, True)
    assert found.user.groups.filter(name="analyst").exists()


def test_no_token_has_an_unknown_key():
    assert token_with_user("0" * 40) is None


@pytest.mark.parametrize("person", ["analyst", "reviewer", "staff_user"])
def test_a_write_reads_the_token_with_its_users_roles(request, person):
    user = request.getfixturevalue(person)
    token = Token.objects.create(user=user)

    found = token_with_user(token.key, with_roles=True)

    assert (found.pk, found.user) == (token.pk, user)
    groups = set(user.groups.values_list("name", flat=True))
    assert {role: getattr(found, f"in_{role}") for role in roles.ROLES} == {
        role: role in groups for role in roles.ROLES
    }
