"""`project.prepared`: a read compiled once gives what its queryset gives, for any values, and
refuses a queryset whose value does not reach the SQL as exactly one parameter; on PostgreSQL
a read by a key is planned once per session."""

import pytest
from django.db import connection, transaction
from django.db.models import Q

from articles.models import Article
from project.prepared import PreparedRead, PreparedStatement
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


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="statements prepared on PostgreSQL sessions"
)


def _plans(read: PreparedRead) -> tuple[int, int] | None:
    """How often PostgreSQL planned the read's statement on this session: (generic, custom)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = %s",
            [read.name],
        )
        return cursor.fetchone()


@postgresql_only
def test_a_read_by_key_is_planned_once_on_a_session():
    articles = ArticleFactory.create_batch(3)
    read = PreparedRead(_titles)

    for _ in range(3):
        for article in articles:
            expected = list(_titles(article.pk))
            assert [tuple(row) for row in read.rows(article.pk, offset=0, limit=9)] == expected

    generic, custom = _plans(read)
    assert custom == 0
    assert generic >= 1


@postgresql_only
def test_a_read_whose_plan_depends_on_its_window_is_planned_each_time():
    read = PreparedRead(_titles, plan_once=False)
    ArticleFactory()

    read.rows(1, offset=0, limit=9)

    assert _plans(read) is None


@postgresql_only
def test_prepared_reads_can_be_turned_off(settings):
    settings.DB_PREPARED_STATEMENTS = False
    read = PreparedRead(_titles)
    article = ArticleFactory()

    assert [tuple(row) for row in read.rows(article.pk, offset=0, limit=9)] == [
        (article.pk, article.title)
    ]
    assert _plans(read) is None


@postgresql_only
def test_a_statement_prepared_in_a_transaction_rolled_back_still_runs():
    article = ArticleFactory()
    read = PreparedRead(_titles)

    with pytest.raises(RuntimeError), transaction.atomic():
        read.rows(article.pk, offset=0, limit=9)
        raise RuntimeError

    assert [tuple(row) for row in read.rows(article.pk, offset=0, limit=9)] == [
        (article.pk, article.title)
    ]


@postgresql_only
def test_each_new_session_keeps_one_plan_per_prepared_read():
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone()[0] == "force_generic_plan"


@postgresql_only
def test_statements_without_a_name_of_their_own_each_get_one():
    """Two statements prepared on one session, neither named by its caller (as the new-claims
    statement's two forms are), run side by side."""
    first = PreparedStatement("SELECT %s::int + 1")
    second = PreparedStatement("SELECT %s::int * 10")

    with connection.cursor() as cursor:
        for statement, expected in ((first, 3), (second, 20), (first, 3)):
            cursor.execute(statement.runnable(connection, cursor), [2])
            assert cursor.fetchone()[0] == expected
