"""sources 0005: a source's name is unique by its caseless key. Sources stored before, which the
old rule (`LOWER(name)`) let through as two and the new one counts as one, stay two (the later
one keyed with its id) — nothing is merged behind anyone's back; the claims' triggers on the
table still work; the migration runs backwards."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from claims import tallies
from claims.rollups import GradeTally
from sources.models import Source
from sources.services import source_create, source_named
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("sources", "0004_source_name_index")


@pytest.fixture
def latest():
    nodes = MigrationExecutor(connection).loader.graph.leaf_nodes()
    yield nodes
    MigrationExecutor(connection).migrate(nodes)


def _migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


def test_names_one_source_by_the_new_rule_stay_two_and_the_oldest_keeps_the_name(latest, reviewer):
    _migrate([BEFORE])
    old = MigrationExecutor(connection).loader.project_state([BEFORE]).apps
    OldSource = old.get_model("sources", "Source")
    first = OldSource.objects.create(name="Straße Monitor")
    second = OldSource.objects.create(name="STRASSE MONITOR")
    _migrate(latest)

    keys = dict(Source.objects.values_list("pk", "name_key"))
    assert keys == {first.pk: "strasse monitor", second.pk: f"strasse monitor #{second.pk}"}
    assert source_named("strasse monitor").pk == first.pk
    with pytest.raises(Exception, match="already exists"):
        source_create(name="Strasse monitor", user=reviewer)


def test_the_grade_tallies_still_follow_a_source_regraded(latest):
    """Its trigger on the sources table (claims_source_rerated) survives the migration: the
    dashboard's grade counts move with the source's reliability."""
    _migrate([BEFORE])
    _migrate(latest)
    claim = ClaimFactory(source__reliability="F")

    Source.objects.filter(pk=claim.source_id).update(reliability="B")

    assert tallies.differences() == {}
    assert GradeTally.objects.filter(reliability="B", n=1).exists()


def test_it_runs_backwards(latest):
    Source.objects.create(name="Élysée Palace Office")

    _migrate([BEFORE])

    with connection.cursor() as cursor:
        columns = [
            c.name for c in connection.introspection.get_table_description(cursor, "sources_source")
        ]
    assert "name_key" not in columns
