"""Dashboard, board and matrix aggregates are cached per version of the evidence base: a
repeated view is served from the cache, and any committed change (a claim, its tags, a link's
status, a source, an article, a deletion) shows on the next view. Real commits: the version is
replaced after the transaction commits."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.services import article_create, article_update
from claims import aggregates, services
from claims.models import Claim, LinkStatus
from sources import services as source_services
from tests.claims.conftest import record
from tests.factories import ArticleFactory, ClaimFactory, ClaimLinkFactory, SourceFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def aggregate_cache(settings):
    settings.AGGREGATE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def pair(analyst, analyst2):
    """Two contradicting claims on two articles, the first tagged "casualties"."""
    first = ClaimFactory(created_by=analyst, tags=["casualties"])
    second = ClaimFactory(created_by=analyst2)
    link = ClaimLinkFactory(claim_a=first, claim_b=second, created_by=analyst)
    return first, second, link


def _dashboard(client):
    return client.get(reverse("claims:dashboard")).context


def _tag_counts(client, **params):
    return client.get(reverse("claims:board"), params).context["tag_counts"]


def _queries_of_two_dashboard_views(client, count_queries) -> tuple[int, int]:
    counts = []
    for _ in range(2):
        counts.append(count_queries(client, reverse("claims:dashboard")))
        assert count_queries.response.context["claim_total"] == 2
    return counts[0], counts[1]


def test_a_second_dashboard_view_is_served_from_the_cache(client, count_queries, analyst, pair):
    client.force_login(analyst)

    first, second = _queries_of_two_dashboard_views(client, count_queries)

    # Session, user, roles and the version remain: the five aggregate queries are not run.
    assert second <= first - 5


def test_with_the_cache_off_every_view_counts_afresh(
    client, count_queries, analyst, pair, settings
):
    settings.AGGREGATE_CACHE_SECONDS = 0
    client.force_login(analyst)

    first, second = _queries_of_two_dashboard_views(client, count_queries)

    assert second == first


def test_a_new_claim_shows_on_the_dashboard_at_once(client, analyst, pair):
    client.force_login(analyst)
    assert _dashboard(client)["claim_total"] == 2

    ClaimFactory(created_by=analyst)

    assert _dashboard(client)["claim_total"] == 3


def test_a_deleted_claim_leaves_the_counts_at_once(client, analyst, pair):
    first, _, _ = pair
    client.force_login(analyst)
    assert _dashboard(client)["contradiction_total"] == 1

    services.claim_delete(claim=first, user=analyst)

    context = _dashboard(client)
    assert (context["claim_total"], context["contradiction_total"]) == (1, 0)


def test_tagging_a_claim_changes_the_board_tag_counts_at_once(client, analyst, pair):
    _, second, _ = pair
    client.force_login(analyst)
    assert _tag_counts(client) == [("casualties", 1)]

    second.tags.add(services.tags_from_names(["timeline"])[0])

    assert _tag_counts(client) == [("casualties", 1), ("timeline", 1)]


def test_confirming_a_link_moves_it_between_status_counts(client, reviewer, pair):
    _, _, link = pair
    client.force_login(reviewer)
    assert _tag_counts(client, status="confirmed") == []

    services.link_set_status(
        link=link, status=LinkStatus.CONFIRMED, user=reviewer, version=link.version
    )

    assert _tag_counts(client, status="confirmed") == [("casualties", 1)]
    assert _tag_counts(client, status="proposed") == []


def test_renaming_a_source_renames_its_bar_on_the_dashboard(client, reviewer, pair):
    first, _, _ = pair
    client.force_login(reviewer)
    _dashboard(client)

    source_services.source_update(source=first.source, user=reviewer, name="Renamed ministry")

    labels = [bar.label for bar in _dashboard(client)["source_chart"].bars]
    assert "Renamed ministry" in labels


def test_a_new_contradiction_shows_in_the_matrix_at_once(client, analyst, pair):
    first, second, _ = pair
    client.force_login(analyst)
    matrix = client.get(reverse("claims:matrix")).context["matrix"]
    assert matrix.count(first.article_id, second.article_id) == 1

    third = ClaimFactory(article=second.article, created_by=analyst)
    ClaimLinkFactory(claim_a=first, claim_b=third, created_by=analyst)

    matrix = client.get(reverse("claims:matrix")).context["matrix"]
    assert matrix.count(first.article_id, second.article_id) == 2


def test_a_rolled_back_change_keeps_the_version_and_the_counts(client, analyst, pair):
    client.force_login(analyst)
    before = aggregates.current_token()

    with pytest.raises(RuntimeError), transaction.atomic():
        ClaimFactory(created_by=analyst)
        raise RuntimeError("abandon the transaction")

    assert aggregates.current_token() == before
    assert _dashboard(client)["claim_total"] == 2


def test_a_transaction_of_many_writes_replaces_the_version_once(analyst):
    article = ArticleFactory()
    source = SourceFactory()
    with transaction.atomic():
        for _ in range(5):
            ClaimFactory(article=article, source=source, created_by=analyst)
        pending = transaction.get_connection().run_on_commit
        replacing = [entry for entry in pending if entry[1] is aggregates._replace_token]
        assert len(replacing) == 1
    assert Claim.objects.count() == 5


def test_the_dashboard_and_the_unfiltered_board_share_their_tag_counts(client, analyst, pair):
    client.force_login(analyst)
    _dashboard(client)

    with CaptureQueriesContext(connection) as queries:
        assert _tag_counts(client) == [("casualties", 1)]

    assert not any(
        "claims_claim_tags" in query["sql"] and "GROUP BY" in query["sql"] for query in queries
    )


def test_figures_counted_inside_a_transaction_that_changed_the_evidence_are_not_kept(analyst):
    cache_ = aggregates.AggregateCache()

    with pytest.raises(RuntimeError), transaction.atomic():
        ClaimFactory(created_by=analyst)
        assert cache_.get("claims", Claim.objects.count) == 1
        raise RuntimeError("abandon the transaction")

    assert aggregates.AggregateCache().get("claims", Claim.objects.count) == 0


def _commits(queries) -> int:
    return sum(query["sql"].upper().startswith("COMMIT") for query in queries)


def _statements(queries) -> list[str]:
    """The SQL of each statement run; a prepared one (`EXECUTE name(...)`, ADR 0016) by the
    text it was prepared with on this session."""
    prepared = {}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name, statement FROM pg_prepared_statements")
            prepared = {name: text.split(" AS ", 1)[1] for name, text in cursor.fetchall()}
    statements = []
    for query in queries:
        sql = query["sql"]
        if sql.startswith("EXECUTE "):
            sql = prepared[sql.removeprefix("EXECUTE ").split("(", 1)[0].lower()]
        statements.append(sql)
    return statements


def test_a_claim_write_replaces_the_version_in_its_own_transaction(analyst):
    """One commit per write: the version is replaced before the write commits, not after it
    in a second transaction (a second wait for the disk on PostgreSQL)."""
    article, source = ArticleFactory(), SourceFactory()
    before = aggregates.current_token()

    with CaptureQueriesContext(connection) as queries:
        record(article, analyst, source, 0, 10, tags=["casualties"])

    assert aggregates.current_token() != before
    statements = _statements(queries)
    replaced = next(i for i, sql in enumerate(statements) if "claims_evidencegeneration" in sql)
    assert "claims_evidencegeneration" not in " ".join(statements[replaced + 1 :])
    assert _commits(queries) <= 1  # SQLite logs its COMMIT; psycopg commits without a statement
    assert not transaction.get_connection().run_on_commit


@pytest.mark.parametrize("write", ["create", "update"])
def test_an_article_write_replaces_the_version_in_its_own_transaction(analyst, write, monkeypatch):
    """Adding or changing an article also changes what the aggregates count (the articles
    matrix): the version is replaced before the write commits, not after it in a second
    transaction (a second wait for the disk on PostgreSQL)."""
    article = ArticleFactory(uploaded_by=analyst) if write == "update" else None
    before = aggregates.current_token()
    replacing = aggregates._replace_token
    inside = []

    def replace():
        inside.append(transaction.get_connection().in_atomic_block)
        replacing()

    monkeypatch.setattr(aggregates, "_replace_token", replace)
    if write == "create":
        article_create(text="Troops crossed the river at dawn.", uploaded_by=analyst)
    else:
        article_update(article=article, user=analyst, title="A new title")

    assert aggregates.current_token() != before
    assert inside == [True]


def test_a_refused_claim_write_keeps_the_version(analyst):
    article, source = ArticleFactory(), SourceFactory()
    source_id = source.pk
    source.delete()  # merged away meanwhile: the insert is refused by the foreign key
    source.pk = source_id
    before = aggregates.current_token()

    with pytest.raises(ValidationError):
        record(article, analyst, source, 0, 10)

    assert aggregates.current_token() == before
    assert not Claim.objects.exists()


def test_a_write_inside_a_longer_transaction_replaces_the_version_at_its_commit(analyst):
    article, source = ArticleFactory(), SourceFactory()
    before = aggregates.current_token()

    with transaction.atomic():
        record(article, analyst, source, 0, 10)
        assert aggregates.current_token() == before  # not while the outer transaction runs
        pending = transaction.get_connection().run_on_commit
        assert [entry for entry in pending if entry[1] is aggregates._replace_token]

    assert aggregates.current_token() != before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="one insert statement on PostgreSQL")
def test_a_new_claim_replaces_the_version_in_its_own_insert_statement(analyst):
    """A claim, its tags, its history and the new version: one statement, one round trip."""
    article, source = ArticleFactory(), SourceFactory()
    before = aggregates.current_token()

    with CaptureQueriesContext(connection) as queries:
        claim = record(article, analyst, source, 0, 10, tags=["casualties", "dates"])

    assert aggregates.current_token() != before
    statements = _statements(queries)
    first_words = [sql.strip().split()[0] for sql in statements]
    assert [word for word in first_words if word not in ("SELECT", "BEGIN", "COMMIT")] == ["WITH"]
    assert sum("claims_evidencegeneration" in sql for sql in statements) == 1
    assert sorted(claim.tags.values_list("name", flat=True)) == ["casualties", "dates"]
    assert not transaction.get_connection().run_on_commit
