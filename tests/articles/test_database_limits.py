"""What PostgreSQL cannot hold in a column or an index never makes a write fail with a 500: a
text of many distinct words is stored and searched (its search document bounded), and an
address too long for its index is refused on the field."""

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Article
from articles.selectors import article_search
from articles.services import article_create

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a tsvector's limit is PostgreSQL's")
def test_a_text_of_many_distinct_words_is_stored_and_searchable_by_its_start(analyst):
    # A register of reference numbers: 1.7 MB, each line's words its own.
    text = "\n".join(
        f"Entry {n}: reference RX{n:06d}Q filed under K{n * 7:07d}" for n in range(30000)
    )

    article = article_create(title="Register appendix", text=text, uploaded_by=analyst)

    found = article_search(Article.objects.all(), "RX000017Q")
    assert list(found.values_list("pk", flat=True)) == [article.pk]


def test_an_address_too_long_for_its_index_is_refused_on_the_field(analyst_client):
    url = "https://example.cn/" + "新闻" * 500  # 1,019 characters, 3,019 bytes

    response = analyst_client.post(
        reverse("api:article-list"),
        {"text": "Some words of the article.", "url": url},
        format="json",
    )

    assert response.status_code == 400
    assert "too long to store" in response.json()["url"][0]
    assert not Article.objects.exists()
