"""Claims and links get a UUID: their identity across instances, which a row id is not (claim 42
here and claim 42 of another team are two claims; a restored claim gets a new row id). The JSON-LD
export names them by it (`urn:uuid:…`), and a restore keeps the one the file gives.

Written for a database of a million claims, in three steps: the column is added nullable (no
copy of the table), every existing row gets a UUID (on PostgreSQL one `UPDATE` with
`gen_random_uuid()`, evaluated per row; on SQLite from Python, a batch of ids at a time), and only
then is it made unique and required.

The history records carry the UUID of their claim or link, as they carry its other fields: a
record's UUID is copied from the row it records; the records of a link deleted since (its row is
gone) share one new UUID per link.

SQLite cannot make an existing column NOT NULL without copying the table, and Django's copy
would drop the tally triggers (claims 0013, 0014, 0018) and the indexes written in SQL (claims
0011): there the column stays nullable in the schema, and two triggers refuse a NULL as the
constraint would. The unique index is the same on both databases.
"""

import uuid

from django.db import migrations, models

TABLES = ("claims_claim", "claims_claimlink")
HISTORY = {
    "claims_historicalclaim": "claims_claim",
    "claims_historicalclaimlink": "claims_claimlink",
}
#: Rows given a UUID per statement on SQLite (ids read, then updated by key).
BATCH = 10_000


def _sqlite_fill(cursor, table: str) -> None:
    last = 0
    while True:
        cursor.execute(
            f"SELECT id FROM {table} WHERE id > %s AND uuid IS NULL ORDER BY id LIMIT %s",
            [last, BATCH],
        )
        ids = [row_id for (row_id,) in cursor.fetchall()]
        if not ids:
            return
        cursor.executemany(
            f"UPDATE {table} SET uuid = %s WHERE id = %s", [(uuid.uuid4().hex, pk) for pk in ids]
        )
        last = ids[-1]


def _sqlite_fill_gone(cursor, history: str) -> None:
    """One new UUID for each record id whose row is gone (a deleted link), on all its records."""
    cursor.execute(f"SELECT DISTINCT id FROM {history} WHERE uuid IS NULL")
    gone = [row_id for (row_id,) in cursor.fetchall()]
    for start in range(0, len(gone), BATCH):
        cursor.executemany(
            f"UPDATE {history} SET uuid = %s WHERE id = %s AND uuid IS NULL",
            [(uuid.uuid4().hex, pk) for pk in gone[start : start + BATCH]],
        )


def fill(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    with schema_editor.connection.cursor() as cursor:
        for table in TABLES:
            if postgresql:
                cursor.execute(f"UPDATE {table} SET uuid = gen_random_uuid() WHERE uuid IS NULL")
            else:
                _sqlite_fill(cursor, table)
        for history, table in HISTORY.items():
            if postgresql:
                cursor.execute(
                    f"UPDATE {history} h SET uuid = t.uuid FROM {table} t WHERE t.id = h.id"
                )
                cursor.execute(
                    f"UPDATE {history} h SET uuid = gone.uuid FROM (SELECT id, "
                    f"gen_random_uuid() AS uuid FROM {history} WHERE uuid IS NULL GROUP BY id) "
                    "gone WHERE h.id = gone.id AND h.uuid IS NULL"
                )
            else:
                cursor.execute(
                    f"UPDATE {history} SET uuid = (SELECT t.uuid FROM {table} t "
                    f"WHERE t.id = {history}.id)"
                )
                _sqlite_fill_gone(cursor, history)


def _required(table: str) -> list[str]:
    """SQLite's stand-in for NOT NULL on `table.uuid` (see the module's docstring)."""
    refusal = f"SELECT RAISE(ABORT, 'NOT NULL constraint failed: {table}.uuid')"
    return [
        f"CREATE TRIGGER {table}_uuid_required_insert BEFORE INSERT ON {table} "
        f"WHEN NEW.uuid IS NULL BEGIN {refusal}; END",
        f"CREATE TRIGGER {table}_uuid_required_update BEFORE UPDATE OF uuid ON {table} "
        f"WHEN NEW.uuid IS NULL BEGIN {refusal}; END",
    ]


def require(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for table in TABLES:
        if postgresql:
            schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN uuid SET NOT NULL")
            schema_editor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {table}_uuid_key UNIQUE (uuid)"
            )
        else:
            schema_editor.execute(f"CREATE UNIQUE INDEX {table}_uuid_key ON {table} (uuid)")
            for statement in _required(table):
                schema_editor.execute(statement)
    for history in HISTORY:
        if postgresql:
            schema_editor.execute(f"ALTER TABLE {history} ALTER COLUMN uuid SET NOT NULL")
        schema_editor.execute(f"CREATE INDEX {history}_uuid_idx ON {history} (uuid)")


def unrequire(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for table in TABLES:
        if postgresql:
            schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {table}_uuid_key")
            schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN uuid DROP NOT NULL")
        else:
            schema_editor.execute(f"DROP INDEX {table}_uuid_key")
            for when in ("insert", "update"):
                schema_editor.execute(f"DROP TRIGGER {table}_uuid_required_{when}")
    for history in HISTORY:
        schema_editor.execute(f"DROP INDEX {history}_uuid_idx")
        if postgresql:
            schema_editor.execute(f"ALTER TABLE {history} ALTER COLUMN uuid DROP NOT NULL")


def _field(**options) -> models.UUIDField:
    return models.UUIDField(editable=False, verbose_name="UUID", **options)


MODELS = ("claim", "claimlink", "historicalclaim", "historicalclaimlink")


class Migration(migrations.Migration):
    dependencies = [("claims", "0022_tag_history")]

    operations = [
        *(migrations.AddField(model, "uuid", _field(null=True)) for model in MODELS),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(require, unrequire, elidable=False)],
            state_operations=[
                *(
                    migrations.AlterField(model, "uuid", _field(default=uuid.uuid4, unique=True))
                    for model in ("claim", "claimlink")
                ),
                *(
                    migrations.AlterField(model, "uuid", _field(default=uuid.uuid4, db_index=True))
                    for model in ("historicalclaim", "historicalclaimlink")
                ),
            ],
        ),
    ]
