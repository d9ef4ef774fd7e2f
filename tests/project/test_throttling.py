"""Login throttling on every door that takes a password: the login page, the admin's login and
the API's token endpoint refuse after too many failures, per address and per account, say how
long to wait (429; JSON on the API), and a success or a staff member's unlock clears it."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from rest_framework.test import APIClient

from project.throttling import client_address
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LIMIT = 3


@pytest.fixture(autouse=True)
def throttling(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_ENABLED = True


@pytest.fixture
def alice():
    user = UserFactory(username="alice", groups=["analyst"])
    user.set_password(PASSWORD)
    user.save()
    return user


def _log_in(client, password, username="alice", address="203.0.113.7"):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def _token(password, username="alice", address="203.0.113.7"):
    return APIClient().post(
        reverse("api:token"),
        {"username": username, "password": password},
        format="json",
        REMOTE_ADDR=address,
    )


def test_the_login_page_refuses_after_too_many_wrong_passwords(client, alice):
    for _ in range(LIMIT - 1):
        assert _log_in(client, "wrong").status_code == 200  # the form again, with its error

    refused = _log_in(client, "wrong")
    again = _log_in(client, PASSWORD)

    for response in (refused, again):
        assert response.status_code == 429
        assert "Try again in 15 minutes" in response.content.decode()
        assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_the_right_password_before_the_limit_clears_the_count(client, alice):
    for _ in range(LIMIT - 1):
        _log_in(client, "wrong")
    assert _log_in(client, PASSWORD).status_code == 302
    client.logout()

    for _ in range(LIMIT - 1):
        assert _log_in(client, "wrong").status_code == 200


def test_logging_in_as_oneself_does_not_clear_the_failures_counted_against_another_account(
    client, alice
):
    """Audit D1: the attacker's own logins between guesses wiped every failure from their
    address, the victim's account's included, so its lock never came."""
    mallory = UserFactory(username="mallory", groups=["analyst"])
    mallory.set_password(PASSWORD)
    mallory.save()
    for _ in range(LIMIT - 1):
        assert _log_in(client, "wrong").status_code == 200
        assert _log_in(client, PASSWORD, username="mallory").status_code == 302
        client.logout()
    _log_in(client, "wrong")

    assert _log_in(client, PASSWORD, address="192.0.2.50").status_code == 429


def test_a_token_obtained_clears_the_failures_of_its_account(alice):
    for _ in range(LIMIT - 1):
        assert _token("wrong").status_code == 400
    assert _token(PASSWORD).status_code == 200

    assert [_token("wrong").status_code for _ in range(LIMIT - 1)] == [400] * (LIMIT - 1)
    assert _token(PASSWORD).status_code == 200


def test_an_account_is_locked_whatever_address_the_guesses_come_from(client, alice):
    for n in range(LIMIT):
        _log_in(client, "wrong", address=f"198.51.100.{n + 1}")

    assert _log_in(client, PASSWORD, address="192.0.2.50").status_code == 429


def test_an_address_is_locked_whatever_accounts_it_tries(client, alice):
    UserFactory(username="bob")
    for n in range(LIMIT):
        _log_in(client, "wrong", username=f"someone-{n}")

    assert _log_in(client, PASSWORD, username="alice").status_code == 429
    # Another address may still log in to the same account.
    assert _log_in(client, PASSWORD, address="192.0.2.50").status_code == 302


def test_the_token_endpoint_answers_429_with_json_saying_how_long_to_wait(alice):
    for _ in range(LIMIT):
        assert _token("wrong").status_code == 400

    response = _token(PASSWORD)

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "Try again in 15 minutes" in response.json()["detail"]
    assert response.json()["retry_after"] == 900
    assert "token" not in response.json()


def test_failures_on_the_token_endpoint_lock_the_login_page_too(client, alice):
    for _ in range(LIMIT):
        _token("wrong")

    assert _log_in(client, PASSWORD).status_code == 429


def test_the_admin_login_is_throttled_too(client, alice):
    alice.is_staff = True
    alice.save()
    for _ in range(LIMIT):
        client.post(
            reverse("admin:login"),
            {"username": "alice", "password": "wrong"},
            REMOTE_ADDR="203.0.113.7",
        )

    response = client.post(
        reverse("admin:login"),
        {"username": "alice", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )

    assert response.status_code == 429


def test_staff_unlock_by_deleting_the_attempts_in_the_admin(client, alice, staff_user):
    for _ in range(LIMIT):
        _log_in(client, "wrong")
    assert _log_in(client, PASSWORD).status_code == 429
    client.force_login(staff_user)
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))

    response = client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": attempts, "post": "yes"},
    )
    client.logout()

    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert _log_in(client, PASSWORD).status_code == 302


def test_the_token_endpoint_refuses_a_body_that_is_not_an_object_with_400():
    """Found by schemathesis: a JSON list as the body was a server error."""
    response = APIClient().post(reverse("api:token"), [None, None], format="json")

    assert response.status_code == 400


def _behind_the_proxy(client, username, password, forwarded_for):
    """A login through one reverse proxy on 127.0.0.1, which appended the caller's address."""
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_a_trusted_proxy_each_client_is_counted_apart(client, alice, settings):
    """Audit D6: the setting did nothing (axes reads it only with django-ipware), so one
    stranger's guesses locked every user out, all seeming to come from the proxy."""
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(LIMIT):
        _behind_the_proxy(client, f"nobody-{n}", "wrong", "203.0.113.66")

    assert _behind_the_proxy(client, "alice", PASSWORD, "198.51.100.9").status_code == 302
    client.logout()
    # The stranger's own address is locked, whatever it writes in front of it.
    spoofed = _behind_the_proxy(client, "alice", PASSWORD, "192.0.2.1, 203.0.113.66")
    assert spoofed.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "counted"),
    [
        (0, "203.0.113.66", "127.0.0.1"),  # no proxy trusted: the header is the client's
        (1, "203.0.113.66", "203.0.113.66"),
        (1, "192.0.2.1, 203.0.113.66", "203.0.113.66"),
        (2, "192.0.2.1, 203.0.113.66, 10.0.0.2", "203.0.113.66"),
        (2, "203.0.113.66", "127.0.0.1"),  # fewer addresses than proxies: came round them
        (1, "not an address", "127.0.0.1"),
        (1, "", "127.0.0.1"),
    ],
)
def test_the_address_counted(rf, settings, proxies, forwarded_for, counted):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.post("/accounts/login/", REMOTE_ADDR="127.0.0.1")
    request.META["HTTP_X_FORWARDED_FOR"] = forwarded_for

    assert client_address(request) == counted
