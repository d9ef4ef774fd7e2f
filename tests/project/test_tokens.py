"""API tokens (project/tokens.py): revoked when the password changes, by whatever path, or the
account is deactivated, never by a login; refused once older than API_TOKEN_DAYS, with a message
saying how to get a new one, which the token endpoint then hands out; and the page where people
see, create and revoke their own token, its key shown only once."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "velka-valley-ledger-2291"
PAGE = "/accounts/tokens/"
CREATE = "/accounts/tokens/create/"
REVOKE = "/accounts/tokens/revoke/"


def _age(token: Token, **age) -> Token:
    """Make `token` look created `age` ago (`created` is set once, when it is made)."""
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - datetime.timedelta(**age))
    token.refresh_from_db()
    return token


def _api_get(key: str, url: str = "/api/claims/"):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get(url)


def _token_from_endpoint(username: str = "alice", password: str = PASSWORD):
    return APIClient().post(
        reverse("api:token"), {"username": username, "password": password}, format="json"
    )


# --- Revocation -------------------------------------------------------------------------------


def _through_the_password_page(user, client):
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302


def _through_the_admin(user, client):
    client.force_login(user.__class__.objects.get(username="sam"))
    response = client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302


def _through_set_password_and_save(user, client):
    user.set_password(NEW_PASSWORD)
    user.save()


def _through_set_unusable_password(user, client):
    user.set_unusable_password()
    user.save()


def _through_changepassword(user, client):
    with mock.patch("getpass.getpass", return_value=NEW_PASSWORD):
        call_command("changepassword", user.get_username(), stdout=mock.Mock())


@pytest.mark.parametrize(
    "change_password",
    [
        _through_the_password_page,
        _through_the_admin,
        _through_set_password_and_save,
        _through_set_unusable_password,
        _through_changepassword,
    ],
    ids=[
        "password page",
        "admin",
        "set_password and save",
        "set_unusable_password",
        "manage.py changepassword",
    ],
)
def test_a_password_change_revokes_the_token(client, analyst, staff_user, change_password):
    key = Token.objects.create(user=analyst).key

    change_password(analyst, client)

    assert not Token.objects.filter(user=analyst).exists()
    assert _api_get(key).status_code == 401


@pytest.mark.parametrize("update_fields", [None, ["is_active"]], ids=["save", "save is_active"])
def test_deactivating_the_account_revokes_the_token(analyst, update_fields):
    Token.objects.create(user=analyst)

    analyst.is_active = False
    analyst.save(update_fields=update_fields)

    assert not Token.objects.filter(user=analyst).exists()


def test_a_login_is_no_password_change(client, analyst):
    token = Token.objects.create(user=analyst)

    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    _token_from_endpoint()  # logs in too

    assert response.status_code == 302
    assert Token.objects.get(user=analyst) == token
    # The same user's password change, right after, does revoke it.
    _through_set_password_and_save(analyst, client)
    assert not Token.objects.filter(user=analyst).exists()


def test_a_login_that_rehashes_an_outdated_password_hash_keeps_the_token(client, analyst):
    # A salt too short for today's hasher: the login stores a new hash of the same password.
    analyst.password = make_password(PASSWORD, salt="short", hasher="md5")
    analyst.save()
    outdated = analyst.password
    token = Token.objects.create(user=analyst)

    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})

    analyst.refresh_from_db()
    assert response.status_code == 302
    assert analyst.password != outdated
    assert Token.objects.get(user=analyst) == token
    # A hash of another password stored in its place is a change.
    analyst.password = make_password(NEW_PASSWORD)
    analyst.save()
    assert not Token.objects.filter(user=analyst).exists()


def test_other_changes_to_the_account_keep_the_token(analyst, analyst2):
    token = Token.objects.create(user=analyst)
    other = Token.objects.create(user=analyst2)

    analyst.email = "alice@elsewhere.example"
    analyst.first_name = "Alice"
    analyst.save()
    analyst2.set_password(NEW_PASSWORD)
    analyst2.save()

    assert Token.objects.get(user=analyst) == token
    assert not Token.objects.filter(pk=other.pk).exists()


# --- Expiry -----------------------------------------------------------------------------------


def test_a_token_is_accepted_for_api_token_days_and_refused_after(settings, analyst):
    settings.API_TOKEN_DAYS = 30
    token = _age(Token.objects.create(user=analyst), days=29, hours=23)
    assert _api_get(token.key).status_code == 200

    _age(token, days=30, minutes=1)
    response = _api_get(token.key)

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert "expired" in detail
    assert "/api/auth/token/" in detail
    assert "/accounts/tokens/" in detail


def test_the_token_endpoint_hands_out_a_fresh_token_in_place_of_an_expired_one(analyst):
    expired = _age(Token.objects.create(user=analyst), days=31)

    response = _token_from_endpoint()

    assert response.status_code == 200
    fresh = response.json()["token"]
    assert fresh != expired.key
    assert Token.objects.get(user=analyst).key == fresh
    assert _api_get(fresh).status_code == 200
    assert _api_get(expired.key).status_code == 401


def test_the_token_endpoint_hands_out_the_same_token_while_it_is_valid(analyst):
    token = _age(Token.objects.create(user=analyst), days=29)

    assert _token_from_endpoint().json()["token"] == token.key
    # ... and it is accepted until it expires (then the endpoint would replace it).
    assert _api_get(token.key).status_code == 200
    _age(token, days=31)
    assert _token_from_endpoint().json()["token"] != token.key


def test_with_api_token_days_0_tokens_never_expire(settings, client, analyst):
    settings.API_TOKEN_DAYS = 0
    token = _age(Token.objects.create(user=analyst), days=3650)

    assert _api_get(token.key).status_code == 200
    assert _token_from_endpoint().json()["token"] == token.key
    client.force_login(analyst)
    page = client.get(PAGE).content.decode()
    assert "Tokens do not expire" in page
    assert "never" in page


# --- The page ---------------------------------------------------------------------------------


@pytest.fixture
def alice_client(client, analyst):
    client.force_login(analyst)
    return client


def test_the_page_shows_when_the_token_was_created_and_expires_never_its_key(
    settings, alice_client, analyst
):
    settings.API_TOKEN_DAYS = 30
    token = _age(Token.objects.create(user=analyst), days=2)
    expires = token.created + datetime.timedelta(days=30)

    page = alice_client.get(PAGE).content.decode()

    assert f'datetime="{token.created.isoformat()}"' in page
    assert f'datetime="{expires.isoformat()}"' in page
    assert "Expires" in page
    assert token.key not in page


def test_the_page_says_when_a_token_has_expired(alice_client, analyst):
    token = _age(Token.objects.create(user=analyst), days=40)

    page = alice_client.get(PAGE).content.decode()

    assert "Expired" in page
    assert token.key not in page


def test_the_page_says_when_there_is_no_token(alice_client):
    page = alice_client.get(PAGE).content.decode()

    assert "You have no API token." in page
    assert "Revoke" not in page


def test_every_page_links_to_the_token_page(alice_client):
    page = alice_client.get(reverse("claims:dashboard")).content.decode()

    assert f'href="{PAGE}"' in page


def test_creating_a_token_shows_its_key_once(alice_client, analyst):
    response = alice_client.post(CREATE)

    key = Token.objects.get(user=analyst).key
    assert response.status_code == 200
    assert key in response.content.decode()
    assert "Copy it now" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert key not in alice_client.get(PAGE).content.decode()
    assert _api_get(key).status_code == 200


def test_creating_a_token_replaces_the_old_one(alice_client, analyst):
    old = _age(Token.objects.create(user=analyst), days=40)

    alice_client.post(CREATE)

    new = Token.objects.get(user=analyst)
    assert new.key != old.key
    assert _api_get(old.key).status_code == 401
    assert _api_get(new.key).status_code == 200


def test_revoking_deletes_the_token(alice_client, analyst):
    key = Token.objects.create(user=analyst).key

    response = alice_client.post(REVOKE, follow=True)

    assert response.redirect_chain == [(PAGE, 302)]
    assert "revoked" in response.content.decode()
    assert not Token.objects.filter(user=analyst).exists()
    assert _api_get(key).status_code == 401


@pytest.mark.parametrize("url", [CREATE, REVOKE])
def test_create_and_revoke_take_only_a_post(alice_client, analyst, url):
    token = Token.objects.create(user=analyst)

    assert alice_client.get(url).status_code == 405
    assert Token.objects.get(user=analyst) == token


@pytest.mark.parametrize("url", [CREATE, REVOKE])
def test_create_and_revoke_need_the_csrf_token(analyst, url):
    token = Token.objects.create(user=analyst)
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)

    refused = client.post(url)
    csrf = client.get(PAGE).context["csrf_token"]
    accepted = client.post(url, {"csrfmiddlewaretoken": str(csrf)})

    assert refused.status_code == 403
    assert accepted.status_code in (200, 302)
    assert not Token.objects.filter(pk=token.pk).exists()


@pytest.mark.parametrize("url", [PAGE, CREATE, REVOKE])
def test_the_token_page_needs_a_login(client, analyst, url):
    token = Token.objects.create(user=analyst)

    response = client.post(url) if url != PAGE else client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('login')}?next=")
    assert list(Token.objects.all()) == [token]


@pytest.mark.parametrize("viewer", ["analyst2", "staff_user"])
def test_another_users_token_is_never_shown_or_touched(request, analyst, viewer):
    theirs = _age(Token.objects.create(user=analyst), days=3)
    client = Client()
    client.force_login(request.getfixturevalue(viewer))

    page = client.get(PAGE).content.decode()
    client.post(CREATE)
    client.post(REVOKE)

    assert "You have no API token." in page
    assert theirs.key not in page
    assert theirs.created.isoformat() not in page
    assert Token.objects.get(user=analyst) == theirs
    assert Token.objects.count() == 1


# --- Roles read with the token (issue 17) -----------------------------------------------------


def _token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def _claim_payload() -> dict:
    from tests.factories import ArticleFactory, SourceFactory

    article, source = ArticleFactory(), SourceFactory()
    return {
        "article": article.pk,
        "start": 0,
        "end": 12,
        "quote": article.text[:12],
        "source": source.pk,
        "credibility": 3,
    }


def test_the_roles_read_with_the_token_let_an_analyst_record_a_claim(analyst):
    response = _token_client(analyst).post("/api/claims/", _claim_payload(), format="json")

    assert response.status_code == 201, response.json()


def test_a_role_taken_away_counts_from_the_next_request(analyst):
    client = _token_client(analyst)
    analyst.groups.clear()

    response = client.post("/api/claims/", _claim_payload(), format="json")

    assert response.status_code == 403


def test_a_token_of_someone_in_no_role_records_nothing(no_role_user):
    response = _token_client(no_role_user).post("/api/claims/", _claim_payload(), format="json")

    assert response.status_code == 403


def test_a_reviewer_by_token_reviews_and_an_analyst_does_not(analyst, analyst2, reviewer):
    from claims.models import ClaimStatus
    from tests.factories import ClaimFactory

    claim = ClaimFactory(created_by=analyst, status=ClaimStatus.SUBMITTED)
    url = f"/api/claims/{claim.pk}/approve/"

    assert _token_client(analyst2).post(url, {}, format="json").status_code == 403
    assert _token_client(reviewer).post(url, {}, format="json").status_code == 200


def test_a_token_of_an_inactive_user_is_refused(analyst):
    client = _token_client(analyst)
    type(analyst).objects.filter(pk=analyst.pk).update(is_active=False)  # no signal: token kept

    assert client.get("/api/claims/").status_code == 401


def test_the_password_changed_page_says_the_token_went_with_the_old_password(client, analyst):
    Token.objects.create(user=analyst)
    _through_the_password_page(analyst, client)

    page = client.get(reverse("password_change_done")).content.decode()

    assert "API token you had was revoked" in page
    assert reverse("tokens") in page
