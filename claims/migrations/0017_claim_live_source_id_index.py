"""The claim list sorted by source reads the sources in name order (sources 0004) and each
one's live claims by id: on (source_id, id) for live claims that is an index-only scan. At a
million claims the first sources by name hold 9,435 claims each; read from the heap (the
foreign key's index) the first page took 70–82 ms, from this index 8–19 ms (EXPLAIN ANALYZE).

Database only, PostgreSQL only, as claims 0016.
"""

from django.db import migrations

NAME = "claim_live_source_id"


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {NAME} ON claims_claim (source_id, id) WHERE deleted_at IS NULL"
        )


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0016_tag_filter_indexes")]

    operations = [migrations.RunPython(add_index, remove_index, elidable=False)]
