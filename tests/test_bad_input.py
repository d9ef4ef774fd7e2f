"""Nonsense in the query string never breaks a page: every GET of the site, with each kind of
bad parameter an address bar or a script can carry, answers with the page (the bad filter
shown as an error or ignored), a 4xx, or a redirect; never a server error.

A sweep over every app, so it sits at the top of tests/ rather than in one app's folder."""

import pytest
from django.test import Client

from tests.factories import ClaimFactory, ClaimLinkFactory, UserFactory
from tests.test_urls_require_login import ALL_URLS, POST_ONLY

pytestmark = pytest.mark.django_db

BAD_PARAMETERS = [
    {"page": "abc"},
    {"page": "-1"},
    {"page": "99999"},
    {"page_size": "100000"},
    {"page_size": "-3"},
    {"sort": "nonsense"},
    {"sort": "-"},
    {"o": "99"},
    {"status": "bogus"},
    {"status": ["approved", "draft"]},
    {"created_after": "not-a-date"},
    {"created_before": "2026-13-45"},
    {"grade": "Z9"},
    {"grade": "B22"},
    {"credibility": "9"},
    {"reliability": "Q"},
    {"source_kind": "alien"},
    {"in_contradiction": "maybe"},
    {"tag": "x" * 500},
    {"source": "abc"},
    {"source": str(2**70)},
    {"page": str(2**70)},
    {"created_by": str(-(2**70))},
    {"article": "-5"},
    {"other_article": "x"},
    {"article": str(2**64)},
    {"created_by": "zz"},
    {"q": "\x00"},
    {"merge_q": "bridge\x00"},
    {"q": "%_%"},
    {"q": "a" * 10_000},
    {"format": "xml"},
    {"claims": "1,a"},
]


@pytest.fixture
def site(analyst):
    """One of everything, so that detail pages have something to show."""
    first = ClaimFactory(created_by=analyst, tags=["casualties"])
    second = ClaimFactory(created_by=analyst)
    link = ClaimLinkFactory(claim_a=first, claim_b=second, created_by=analyst)
    ids = {"articles": first.article_id, "claims": first.pk, "sources": first.source_id}
    ids["links"] = link.pk
    return ids


def _pages(ids: dict[str, int]) -> list[str]:
    """Every GET-able URL of the walk, with the ids of real objects where the walk has 1."""
    pages = []
    for url in ALL_URLS:
        if url in POST_ONLY or (url.startswith("/admin/") and "/1/" in url):
            continue
        parts = url.strip("/").split("/")
        for index, part in enumerate(parts):
            if part == "1" and index and parts[index - 1] in ids:
                parts[index] = str(ids[parts[index - 1]])
        pages.append("/" + "/".join(parts) + ("/" if url.endswith("/") else ""))
    return pages


@pytest.mark.parametrize("parameters", BAD_PARAMETERS, ids=lambda p: next(iter(p))[:20])
def test_bad_query_parameters_never_cause_a_server_error(site, parameters):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    broken = [
        f"{page} → {response.status_code}"
        for page in _pages(site)
        if (response := client.get(page, parameters)).status_code >= 500
    ]

    assert broken == []


ACCEPT_TYPES = ["text/html", "application/xml", "text/csv", "*/*", "application/json; q=0.1"]


@pytest.mark.parametrize("accept", ACCEPT_TYPES)
def test_every_api_address_answers_every_accept_type_without_a_server_error(site, accept):
    """The browsable API renders a page for `text/html`; the others get JSON or a 406."""
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    broken = [
        f"{page} → {response.status_code}"
        for page in _pages(site)
        if page.startswith("/api/")
        and (response := client.get(page, HTTP_ACCEPT=accept)).status_code >= 500
    ]

    assert broken == []
