"""A trigram index over article titles for the claim list's free-text search on PostgreSQL.

The claim search (`claims.filters.ClaimFilter.filter_text`) first looks up the articles whose
title contains the words, `UPPER(title) LIKE UPPER('%…%')`: without an index that read all
100,000 articles of a million claims (the sequential scan bench/scale.py reported). A GIN index
of `pg_trgm` trigrams over exactly that expression answers it from the index, as claims
migration 0005 does for quotes and statements.

Where pg_trgm cannot be created the search still works, only slower, so the migration says so
and goes on rather than failing. SQLite has neither: there this migration does nothing.
"""

import sys

from django.db import DatabaseError, migrations, transaction

NAME = "article_title_trgm"


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        sys.stderr.write(
            f"\narticles 0005: no trigram index for titles ({error}); the claim search will "
            "work, reading every article. Install pg_trgm, then `migrate articles 0004` and "
            "`migrate`.\n"
        )
        return
    schema_editor.execute(
        f"CREATE INDEX {NAME} ON articles_article USING gin (UPPER(title) gin_trgm_ops)"
    )


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_outlet_in_sources")]

    operations = [migrations.RunPython(add_index, remove_index, elidable=False)]
