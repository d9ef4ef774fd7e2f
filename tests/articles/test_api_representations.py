"""`GET /api/articles/ID/` answered as a plain dict (issue 17): the same body as
`ArticleDetailSerializer` (the documented shape), in two queries by token whatever the number
of claims, and 404 for an id no article has."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from articles.api.representations import article_detail_row
from articles.api.serializers import (
    ArticleCreatedSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
)
from articles.selectors import article_detail, article_list
from claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, UserFactory

pytestmark = pytest.mark.django_db


def _documented(article) -> dict:
    return dict(ArticleDetailSerializer(article_detail().get(pk=article.pk)).data)


@pytest.mark.parametrize("described", [False, True])
def test_the_row_equals_the_serializer(described):
    article = ArticleFactory(title="Ελλάδα «report»")
    if described:
        article.outlet = OutletFactory(name="Le Monde «Ö»")
        article.published_on = datetime.date(2025, 12, 31)
        article.author, article.url, article.language = "Zoë", "https://example.org/ö", "fr"
        article.save()
    ClaimFactory.create_batch(2, article=article)

    row = article_detail_row(article.pk)

    assert row == _documented(article)
    assert list(row) == list(ArticleDetailSerializer().fields)
    assert row["claim_count"] == 2


@pytest.mark.parametrize("claims", [10, 500])
def test_two_queries_by_token_whatever_the_number_of_claims(
    django_assert_max_num_queries, analyst, claims
):
    article = ArticleFactory()
    source, author = ClaimFactory.build().source, UserFactory()
    source.save()
    Claim.objects.bulk_create(
        ClaimFactory.build_batch(claims, article=article, source=source, created_by=author)
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=analyst).key}")

    with django_assert_max_num_queries(2):
        response = client.get(f"/api/articles/{article.pk}/")

    assert response.status_code == 200
    assert response.json()["claim_count"] == claims


@pytest.mark.parametrize("pk", ["999999", "abc", "0", str(2**64)])
def test_an_unknown_article_is_404(analyst_client, pk):
    response = analyst_client.get(f"/api/articles/{pk}/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No Article matches the given query."}


def test_needs_a_login():
    assert APIClient().get(f"/api/articles/{ArticleFactory().pk}/").status_code == 401


# --- The plain list (no filter): the same bodies as the serializer's, by a compiled read ------


def _listed(articles) -> list[dict]:
    return [dict(row) for row in ArticleSerializer(articles, many=True).data]


def test_the_plain_list_equals_the_serializer_page_by_page(analyst_client):
    plain = ArticleFactory(title="plain")
    described = ArticleFactory(
        title="Ελλάδα «report»",
        outlet=OutletFactory(name="Le Monde «Ö»"),
        published_on=datetime.date(2025, 12, 31),
        author="Zoë",
        url="https://example.org/ö",
    )
    ClaimFactory.create_batch(3, article=described)
    ArticleFactory.create_batch(3)
    newest_first = list(article_list())

    first = analyst_client.get("/api/articles/?page_size=2").json()
    second = analyst_client.get("/api/articles/?page_size=2&page=2").json()
    everything = analyst_client.get("/api/articles/").json()

    assert first["count"] == second["count"] == everything["count"] == 5
    assert first["results"] == _listed(newest_first[:2])
    assert second["results"] == _listed(newest_first[2:4])
    assert everything["results"] == _listed(newest_first)
    assert list(everything["results"][0]) == list(ArticleSerializer().fields)
    by_id = {row["id"]: row for row in everything["results"]}
    assert by_id[described.pk]["claim_count"] == 3 and by_id[plain.pk]["outlet_name"] is None
    assert analyst_client.get("/api/articles/?page_size=2&page=9").status_code == 404


def test_the_plain_list_costs_three_queries_by_token_whatever_the_page(
    django_assert_max_num_queries, analyst
):
    ArticleFactory.create_batch(12)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=analyst).key}")

    for query in ("?page_size=10", "?page_size=10&page=2", "?page_size=100"):
        with django_assert_max_num_queries(3):  # token, page, count (not for a whole first page)
            response = client.get(f"/api/articles/{query}")
        assert response.status_code == 200


# --- A new article's answer: its detail (compiled read) and the others at its URL ----------------


def test_a_new_articles_answer_equals_the_created_serializer(analyst_client, analyst):
    earlier = ArticleFactory(url="https://example.org/report/", title="Earlier")
    body = {
        "title": "Ελλάδα «report»",
        "text": "Officials said 4,000 troops crossed the river.\n\nLater reports said 2,000.",
        "url": "https://example.org/report",
        "author": "Zoë",
        "outlet": OutletFactory(name="Le Monde «Ö»").pk,
        "published_on": "2025-12-31",
        "language": "fr",
    }

    response = analyst_client.post("/api/articles/", body, format="json")

    assert response.status_code == 201, response.json()
    stored = article_detail().get(pk=response.json()["id"])
    stored.same_url = [earlier]
    assert response.json() == dict(ArticleCreatedSerializer(stored).data)
    assert response.json()["same_url"] == [
        {"id": earlier.pk, "title": "Earlier", "url": earlier.get_absolute_url()}
    ]


def test_a_new_article_sends_its_text_to_the_database_once(analyst_client, analyst):
    """The checks of the table's constraints are made in Python: the text goes to the database
    in the insert and its history, not in checks before them."""
    text = "A dispatch of its own, long enough to be told apart: troops crossed the river at dawn."
    with CaptureQueriesContext(connection) as queries:
        response = analyst_client.post("/api/articles/", {"text": text}, format="json")

    assert response.status_code == 201
    carrying = [query["sql"] for query in queries if "troops crossed the river" in query["sql"]]
    assert [sql.split()[0] for sql in carrying] == ["INSERT", "INSERT"], carrying
