"""The trigram indexes of claims migration 0005 are an optimisation: where PostgreSQL will not
create the `pg_trgm` extension, the migration says so and goes on instead of failing."""

import importlib

import pytest
from django.db import DatabaseError, connection

trigram_migration = importlib.import_module("claims.migrations.0005_claim_text_search_indexes")

pytestmark = pytest.mark.django_db


class _SchemaEditor:
    """Records what the migration asks for; refuses to create the extension."""

    def __init__(self, vendor: str):
        self.connection = type("Connection", (), {"vendor": vendor, "alias": connection.alias})
        self.executed: list[str] = []

    def execute(self, sql: str) -> None:
        self.executed.append(sql)
        if sql.startswith("CREATE EXTENSION"):
            raise DatabaseError('permission denied to create extension "pg_trgm"')


def test_without_pg_trgm_the_migration_warns_and_creates_no_index(capsys):
    editor = _SchemaEditor("postgresql")

    trigram_migration.add_indexes(apps=None, schema_editor=editor)

    assert editor.executed == ["CREATE EXTENSION IF NOT EXISTS pg_trgm"]  # and no index
    assert "no trigram indexes for the claim search" in capsys.readouterr().err


def test_on_sqlite_the_migration_does_nothing(capsys):
    editor = _SchemaEditor("sqlite")

    trigram_migration.add_indexes(apps=None, schema_editor=editor)

    assert editor.executed == []
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexes are PostgreSQL's")
def test_on_postgresql_the_claim_search_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'claims_claim' "
            "AND indexname LIKE '%%_trgm'"
        )
        names = {name for (name,) in cursor.fetchall()}

    assert names == {"claim_quote_trgm", "claim_statement_trgm"}
