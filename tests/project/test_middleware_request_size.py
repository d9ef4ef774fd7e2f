"""A request body larger than anything the site takes (`REQUEST_MAX_BYTES`) is refused with 413
before anything reads it, for anyone, logged in or not. Before, Django wrote an uploaded file of
any size to disk, and the CSRF check did so for an anonymous POST to any address (it reads the
form for its token)."""

import io

import pytest
from django.test import Client

from articles.models import Article

pytestmark = pytest.mark.django_db


class _Unread(io.BytesIO):
    """A body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def _post(client: Client, path: str, **headers):
    return client.generic("POST", path, **{"wsgi.input": _Unread(), **headers})


@pytest.mark.parametrize("path", ["/accounts/login/", "/articles/upload/", "/csp-report/"])
def test_a_body_past_the_limit_is_refused_unread_for_anyone(client, settings, path):
    settings.REQUEST_MAX_BYTES = 1_000_000

    response = _post(
        client,
        path,
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(10_000_000_000),
    )

    assert response.status_code == 413
    assert "larger than the 1 MB this server takes in one request" in response.content.decode()


def test_the_api_says_so_in_json(analyst_client, settings):
    settings.REQUEST_MAX_BYTES = 1_000_000

    response = analyst_client.generic(
        "POST",
        "/api/import/",
        CONTENT_TYPE="application/json",
        CONTENT_LENGTH=str(2_000_000),
        **{"wsgi.input": _Unread()},
    )

    assert response.status_code == 413
    assert response.json()["detail"].startswith("What was sent is larger than the 1 MB")


def test_a_body_within_the_limit_is_read_as_before(analyst, client, settings):
    settings.REQUEST_MAX_BYTES = 1_000_000
    client.force_login(analyst)

    response = client.post(
        "/articles/upload/",
        {"pasted_text": "Officials said 8,000 troops crossed the border on Monday.", "title": "T"},
    )

    assert response.status_code == 302
    assert Article.objects.filter(title="T").exists()
