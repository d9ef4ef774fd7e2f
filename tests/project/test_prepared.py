"""`project.prepared`: a read compiled once gives what its queryset gives, for any values, and
refuses a queryset whose value does not reach the SQL as exactly one parameter."""

import pytest
from django.db.models import Q

from articles.models import Article
from project.prepared import PreparedRead
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _titles(article_id):
    return Article.objects.filter(pk__gte=article_id).order_by("pk").values_list("pk", "title")


def test_rows_equal_the_querysets_for_each_value_and_window():
    articles = ArticleFactory.create_batch(4)
    read = PreparedRead(_titles)

    for article in articles:
        expected = list(_titles(article.pk))
        assert [tuple(row) for row in read.rows(article.pk, offset=0, limit=10)] == expected
        assert [tuple(row) for row in read.rows(article.pk, offset=1, limit=2)] == expected[1:3]


def test_times_come_back_as_the_orm_gives_them():
    article = ArticleFactory()
    read = PreparedRead(lambda pk: Article.objects.filter(pk=pk).values_list("created_at"))

    assert read.rows(article.pk, offset=0, limit=1)[0][0] == article.created_at


def test_a_value_used_twice_is_refused():
    read = PreparedRead(
        lambda pk: Article.objects.filter(Q(pk=pk) | Q(uploaded_by_id=pk)).values_list("pk")
    )

    with pytest.raises(ValueError, match="one SQL parameter"):
        read.rows(1, offset=0, limit=1)
