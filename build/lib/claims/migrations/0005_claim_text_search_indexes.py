"""Trigram indexes for the claim list's free-text search on PostgreSQL.

The search is a case-insensitive substring match (analysts look for "12,000" or "Halvern" as
much as for words), which Django writes as `UPPER(column) LIKE UPPER('%…%')`. A GIN index of
`pg_trgm` trigrams over exactly that expression answers it without reading every claim: at
100,000 claims a search went from about 125 ms per query to about 14 ms (bench/lists.py).

`pg_trgm` ships with PostgreSQL and is a trusted extension (any owner of the database may
create it). Where it cannot be created the search still works, only slower, so the migration
says so and goes on rather than failing. SQLite has neither: there this migration does nothing.
"""

import sys

from django.db import DatabaseError, migrations, transaction

#: name → indexed column, for live claims only (deleted ones are never searched).
INDEXES = {"claim_quote_trgm": "quote", "claim_statement_trgm": "statement"}


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        sys.stderr.write(
            f"\nclaims 0005: no trigram indexes for the claim search ({error}); it will work, "
            "scanning every claim. Install pg_trgm, then `migrate claims 0004` and `migrate`.\n"
        )
        return
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX {name} ON claims_claim USING gin (UPPER({column}) gin_trgm_ops) "
            "WHERE deleted_at IS NULL"
        )


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_claim_live_grade_index")]

    operations = [migrations.RunPython(add_indexes, remove_indexes, elidable=False)]
