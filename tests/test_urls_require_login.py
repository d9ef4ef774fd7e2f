"""Walk every URL pattern: anonymous visitors are sent to the login page (pages, the admin
included) or get 401 (API).

A sweep over every app, so it sits at the top of tests/ rather than in one app's folder."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

#: The only pages an anonymous visitor may open: the logins, and the health answers a load
#: balancer reads (they say whether the database answers, nothing about the evidence).
PUBLIC = {"/accounts/login/", "/admin/login/", "/healthz", "/readyz"}
#: Where anonymous visitors are sent: the site's login, or the admin's for admin pages.
LOGIN_PAGES = ("/accounts/login/?next=", "/admin/login/?next=")
#: Log-out pages accept POST only; anonymous visitors are not let in to anything there. (The
#: browser's reports of blocked content are taken from anyone, and only logged.)
POST_ONLY = {"/accounts/logout/", "/admin/logout/", "/api/auth/token/", "/csp-report/"}
#: What a walked address has for a uuid (1 for an id).
UUID_PLACEHOLDER = "00000000-0000-4000-8000-000000000001"
#: Pages under /api/ meant for people: they redirect to the login page like any other page.
API_PAGES = {"/api/docs/"}


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def _first_alternative(match: re.Match) -> str:
    body = match.group(1)
    if body.startswith("[") or body in {".+", ".*", r"\d+", "[0-9]+"}:
        return "1"
    return body.split("|")[0]


def _concrete(route: str) -> str:
    """A URL that resolves to `route`, with 1 (or the first literal choice, or a uuid) for each
    parameter."""
    path = re.sub(r"\\\.\(\?P<format>[^)]*\)/\?", "", route)
    path = re.sub(r"\(\?P<\w+>((?:[^()]|\([^)]*\))*)\)", _first_alternative, path)
    path = re.sub(r"<uuid:\w+>", UUID_PLACEHOLDER, path)
    path = re.sub(r"<(?:\w+:)?\w+>", "1", path)
    path = path.replace("^", "").replace("$", "").replace("\\", "")
    return "/" + path


def _all_urls() -> list[str]:
    urls = sorted({_concrete(route) for route in _routes(get_resolver().url_patterns)})
    resolvable = []
    for url in urls:
        try:
            resolve(url)
        except Resolver404:
            continue
        resolvable.append(url)
    return resolvable


ALL_URLS = _all_urls()


def test_the_walk_covers_every_part_of_the_site():
    for expected in ("/articles/1/", "/claims/1/", "/api/claims/1/", "/api/schema/", "/admin/"):
        assert expected in ALL_URLS
    assert len(ALL_URLS) > 40


@pytest.mark.django_db
@pytest.mark.parametrize("url", ALL_URLS)
def test_anonymous_visitor_is_kept_out(client, url):
    response = client.get(url)

    if url in PUBLIC:
        assert response.status_code == 200
    elif url in POST_ONLY:
        assert response.status_code in (302, 405)
    elif url.startswith("/api/") and url not in API_PAGES:
        assert response.status_code == 401
        assert b"Authentication credentials were not provided." in response.content
        if url != "/api/schema/":  # the schema view renders OpenAPI, other endpoints JSON
            assert response.json() == {"detail": "Authentication credentials were not provided."}
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN_PAGES)


#: The site's own pages (the API and the admin answer for themselves).
PAGE_URLS = [url for url in ALL_URLS if not url.startswith(("/api/", "/admin/"))]


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_a_page_answers_a_method_it_does_not_take_with_405(client, staff_user, method):
    client.force_login(staff_user)

    answered = {url: getattr(client, method)(url).status_code for url in PAGE_URLS}

    assert {url: code for url, code in answered.items() if code != 405} == {}
