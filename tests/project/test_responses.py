"""The site's error pages (404, 500, 400) are pages like the others: a language, a title, a
banner and a main landmark with a level-one heading (WCAG 1.3.1, 2.4.1, 2.4.2)."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from project.responses import bad_request, server_error

pytestmark = pytest.mark.django_db


def _assert_landmarks(html: str) -> None:
    assert '<html lang="en">' in html
    assert re.search(r"<title>[^<]+</title>", html)
    assert "<header" in html
    assert len(re.findall(r"<main\b", html)) == 1
    assert len(re.findall(r"<h1\b", html)) == 1


def test_the_404_page_has_landmarks_and_a_heading(client, analyst):
    client.force_login(analyst)
    response = client.get("/articles/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    _assert_landmarks(html)
    assert "Not found" in html
    assert '<nav aria-label="Main"' in html  # the site's own navigation, not a bare page


def test_the_500_page_has_landmarks_and_a_heading():
    response = server_error(RequestFactory().get("/claims/"))
    assert response.status_code == 500
    _assert_landmarks(response.content.decode())


def test_the_500_page_renders_without_a_request_or_static_files():
    _assert_landmarks(render_to_string("500.html"))


def test_the_400_page_has_landmarks_and_a_heading(analyst):
    request = RequestFactory().get("/claims/")
    request.user = analyst
    response = bad_request(request, ValueError("unreadable"))
    assert response.status_code == 400
    _assert_landmarks(response.content.decode())


@pytest.mark.parametrize("path", ["/api/claim/", "/api/claims/1.5/", "/api/"])
def test_an_api_address_nothing_answers_is_a_404_in_json(analyst_client, path):
    """Audit D7: the site's HTML page answered, where every other API refusal is JSON."""
    response = analyst_client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "/api/schema/" in response.json()["detail"]


def test_a_page_address_nothing_answers_is_still_the_sites_page(client, analyst):
    client.force_login(analyst)
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Not found" in response.content.decode()
