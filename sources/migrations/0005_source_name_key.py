"""A source's name is unique by `name_key` (Unicode's caseless match, computed in Python) instead
of by `LOWER(name)`: SQLite's `lower()` folds only ASCII letters, so "ÉLYSÉE Palace Office" and
"élysée palace office" were two sources there, and PostgreSQL's keeps "Straße" and "STRASSE"
apart.

Rows the old rule let through as two sources and the new one counts as one stay two: the oldest
keeps the plain key, each later one its key with " #<id>" after it, so nothing is merged behind
anyone's back. They are listed side by side in the registry, where a reviewer merges them (an
edit of the later one is refused, naming the first, until then).

The column is added by `ALTER TABLE … ADD COLUMN … NOT NULL DEFAULT ''` on both databases:
Django's own operation would make SQLite rebuild `sources_source`, which drops the trigger on it
(`claims_source_rerated`) and breaks those on claims that read it."""

import unicodedata

from django.db import migrations, models


def name_key(name: str) -> str:
    """`sources.models.name_key` as it was when this migration was written."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def fill_keys(apps, schema_editor):
    Source = apps.get_model("sources", "Source")
    taken, batch = set(), []
    for source in Source.objects.order_by("pk").only("pk", "name").iterator(chunk_size=2000):
        key = name_key(source.name)
        source.name_key = key if key not in taken else f"{key} #{source.pk}"
        taken.add(source.name_key)
        batch.append(source)
        if len(batch) == 2000:
            Source.objects.bulk_update(batch, ["name_key"])
            batch = []
    Source.objects.bulk_update(batch, ["name_key"])


def _column(table: str) -> migrations.RunSQL:
    return migrations.RunSQL(
        f"ALTER TABLE {table} ADD COLUMN name_key varchar(600) NOT NULL DEFAULT ''",
        f"ALTER TABLE {table} DROP COLUMN name_key",
    )


def _field() -> models.CharField:
    return models.CharField(blank=True, editable=False, max_length=600)


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0004_source_name_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[_column("sources_historicalsource"), _column("sources_source")],
            state_operations=[
                migrations.AddField(model_name="historicalsource", name="name_key", field=_field()),
                migrations.AddField(model_name="source", name="name_key", field=_field()),
            ],
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop, elidable=False),
        migrations.RemoveConstraint(
            model_name="source",
            name="source_name_unique_ci",
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.UniqueConstraint(
                models.F("name_key"),
                name="source_name_key_unique",
                violation_error_message="A source with this name already exists.",
            ),
        ),
    ]
