"""The move of Source from claims to its own app (sources 0001–0002, articles 0004, claims 0008):
a database migrated from before the move, with data in it, keeps every row, every reference
and every history entry, and works afterwards; the move also runs backwards."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import Article
from claims.models import Claim
from sources.models import Source
from sources.services import source_create

pytestmark = pytest.mark.django_db(transaction=True)

#: The apps the move touches, and suggestions, which is built after it (unapplied with them).
MOVED_APPS = {"sources", "articles", "claims", "suggestions"}
#: The last migrations before the move, of the apps it touches.
BEFORE = [("articles", "0003_article_search_index"), ("claims", "0007_link_decision_has_decider")]
#: Before the move the sources app had no migration applied ("zero").
SOURCES_ZERO = ("sources", None)


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


@pytest.fixture
def latest():
    nodes = MigrationExecutor(connection).loader.graph.leaf_nodes()
    yield nodes
    _migrate(nodes)


@pytest.fixture
def before_the_move(latest):
    """Every app at its latest migration, but those the move touches at theirs before it."""
    return [node for node in latest if node[0] not in MOVED_APPS] + BEFORE


def _apps_at(nodes):
    state_nodes = [node for node in nodes if node != SOURCES_ZERO]
    return MigrationExecutor(connection).loader.project_state(state_nodes).apps


def _store_data_before_the_move(apps) -> dict:
    """What a database of the previous release holds: sources (one with a history of two
    reliabilities), an article with an outlet, claims on two sources, an admin log entry."""
    User = apps.get_model("auth", "User")
    OldSource = apps.get_model("claims", "Source")
    HistoricalSource = apps.get_model("claims", "HistoricalSource")
    user = User.objects.create(username="analyst")
    outlet = OldSource.objects.create(name="Valley Courier", kind="media_outlet", reliability="C")
    ministry = OldSource.objects.create(name="Ministry of Defence", kind="government")
    for reliability in ("F", "B"):
        HistoricalSource.objects.create(
            id=ministry.pk,
            name=ministry.name,
            kind=ministry.kind,
            reliability=reliability,
            created_at=ministry.created_at,
            updated_at=ministry.updated_at,
            history_date=ministry.created_at,
            history_type="~",
            history_user=user,
        )
    article = apps.get_model("articles", "Article").objects.create(
        title="Report",
        text="Officials said 8,000 troops crossed. Others said 60,000.",
        content_sha256="1" * 64,
        uploaded_by=user,
        outlet=outlet,
    )
    Claim = apps.get_model("claims", "Claim")
    claims = [
        Claim.objects.create(
            article=article,
            source=source,
            start=start,
            end=end,
            quote=article.text[start:end],
            credibility=2,
            created_by=user,
        )
        for source, start, end in [(ministry, 0, 36), (outlet, 37, 55)]
    ]
    return {
        "outlet": outlet.pk,
        "ministry": ministry.pk,
        "article": article.pk,
        "claims": {claim.pk: claim.source_id for claim in claims},
    }


def test_a_database_from_before_the_move_keeps_every_source_and_reference(latest, before_the_move):
    _migrate([*before_the_move, SOURCES_ZERO])
    assert "claims_source" in _tables() and "sources_source" not in _tables()
    old_apps = _apps_at(before_the_move)
    stored = _store_data_before_the_move(old_apps)
    _migrate(latest)

    assert "sources_source" in _tables() and "claims_source" not in _tables()
    assert "sources_historicalsource" in _tables()
    ministry = Source.objects.get(pk=stored["ministry"])
    assert (ministry.name, ministry.kind) == ("Ministry of Defence", "government")
    assert [r.reliability for r in ministry.history.order_by("history_id")] == ["F", "B"]
    assert Article.objects.get(pk=stored["article"]).outlet.name == "Valley Courier"
    assert {
        claim.pk: claim.source_id for claim in Claim.all_objects.filter(pk__in=stored["claims"])
    } == stored["claims"]
    assert ContentType.objects.get_for_model(Source).app_label == "sources"
    assert not ContentType.objects.filter(app_label="claims", model="source").exists()


def test_after_the_move_new_sources_get_fresh_ids_and_the_rules_hold(
    latest, before_the_move, reviewer
):
    _migrate([*before_the_move, SOURCES_ZERO])
    old_apps = _apps_at(before_the_move)
    stored = _store_data_before_the_move(old_apps)
    _migrate(latest)

    created = source_create(name="Observer mission", user=reviewer)

    assert created.pk > max(stored["outlet"], stored["ministry"])
    with pytest.raises(Exception, match="already exists"):
        source_create(name="valley courier", user=reviewer)


def test_the_move_runs_backwards_without_losing_a_source(latest, before_the_move, reviewer):
    kept = source_create(name="Observer mission", user=reviewer)

    _migrate([*before_the_move, SOURCES_ZERO])

    assert "claims_source" in _tables() and "sources_source" not in _tables()
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM claims_source WHERE id = %s", [kept.pk])
        assert cursor.fetchone() == ("Observer mission",)
