"""`GET /api/claims/?article=ID`, the reading view's call, answered without building the claim
filter (issue 17): the same page as the filter gives, the same refusal of an unknown article,
and a fixed number of queries whatever the number of claims."""

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Claim, Tag
from tests.claims.conftest import CLAIMS_URL
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    article = ArticleFactory()
    ClaimFactory.create_batch(3, article=article, tags=["casualties", "convoy"])
    ClaimFactory(article=ArticleFactory())  # another article's claim
    deleted = ClaimFactory(article=article)
    Claim.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    return article


def _through_the_filter(client, **params) -> dict:
    # `status=` (empty) narrows nothing, but takes the query through the claim filter.
    return client.get(CLAIMS_URL, {**params, "status": ""}).json()


@pytest.mark.parametrize("page_size", [None, 2, 3, 500])
def test_the_page_is_the_one_the_filter_gives(analyst_client, article, page_size):
    params = {"article": article.pk} | ({"page_size": page_size} if page_size else {})

    response = analyst_client.get(CLAIMS_URL, params)

    assert response.status_code == 200
    body, expected = response.json(), _through_the_filter(analyst_client, **params)
    assert body["results"] == expected["results"]
    assert body["count"] == expected["count"] == 3
    assert (body["next"] is None) == (expected["next"] is None) == (page_size != 2)


def test_an_article_without_claims_is_an_empty_page(analyst_client):
    body = analyst_client.get(CLAIMS_URL, {"article": ArticleFactory().pk}).json()

    assert (body["count"], body["results"], body["next"]) == (0, [], None)


def test_an_unknown_article_is_refused_as_the_filter_refuses_it(analyst_client, article):
    response = analyst_client.get(CLAIMS_URL, {"article": article.pk + 1000})

    assert response.status_code == 400
    assert response.json() == _through_the_filter(analyst_client, article=article.pk + 1000)
    assert "article" in response.json()


@pytest.mark.parametrize("value", ["x", "-5", "0", "007", str(2**64), ""])
def test_an_article_that_is_no_id_goes_to_the_filter(analyst_client, article, value):
    response = analyst_client.get(CLAIMS_URL, {"article": value})

    expected = analyst_client.get(CLAIMS_URL, {"article": value, "status": ""})
    assert (response.status_code, response.json()) == (expected.status_code, expected.json())


def test_other_filters_still_apply(analyst_client, article):
    body = analyst_client.get(CLAIMS_URL, {"article": article.pk, "tag": "nothing"}).json()

    assert body["count"] == 0


def test_needs_a_login(article):
    assert APIClient().get(CLAIMS_URL, {"article": article.pk}).status_code == 401


def _claims_of(article, count: int) -> None:
    """`count` claims of `article` with two tags each, written in bulk (500 one by one would be
    most of the test's time)."""
    source, author = SourceFactory(), UserFactory()
    claims = Claim.objects.bulk_create(
        ClaimFactory.build_batch(count, article=article, source=source, created_by=author)
    )
    tags = [Tag.objects.get_or_create(name=name)[0] for name in ("one", "two")]
    Claim.tags.through.objects.bulk_create(
        Claim.tags.through(claim_id=claim.pk, tag_id=tag.pk) for claim in claims for tag in tags
    )


@pytest.mark.parametrize("claims", [10, 500])
def test_two_queries_with_a_token_whatever_the_number_of_claims(
    django_assert_max_num_queries, analyst, claims
):
    """The token with its user, then the page with its tags (a first page holding every row,
    even a full one, is counted by its length)."""
    article = ArticleFactory()
    _claims_of(article, claims)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=analyst).key}")

    with django_assert_max_num_queries(2):
        response = client.get(CLAIMS_URL, {"article": article.pk, "page_size": 500})

    body = response.json()
    assert (body["count"], len(body["results"]), body["next"]) == (claims, claims, None)
    assert {tuple(row["tags"]) for row in body["results"]} == {("one", "two")}


def test_a_full_page_followed_by_more_claims_is_counted(analyst_client):
    article = ArticleFactory()
    _claims_of(article, 4)

    body = analyst_client.get(CLAIMS_URL, {"article": article.pk, "page_size": 3}).json()

    assert (body["count"], len(body["results"])) == (4, 3)
    assert body["next"] is not None


def test_each_article_gets_its_own_claims_from_the_compiled_read(analyst_client, article):
    """The read is compiled once per connection and run again with each article's id."""
    other = ArticleFactory()
    ClaimFactory(article=other, tags=["other"])

    first = analyst_client.get(CLAIMS_URL, {"article": article.pk}).json()["results"]
    second = analyst_client.get(CLAIMS_URL, {"article": other.pk}).json()["results"]

    assert {row["article"] for row in first} == {article.pk} and len(first) == 3
    assert [(row["article"], row["tags"]) for row in second] == [(other.pk, ["other"])]
