"""The tables take the sources app's names (`sources_source`, `sources_historicalsource`) and the
indexes names of their own. A rename in place: foreign keys that point at the table follow it on
SQLite (3.26+) and PostgreSQL alike, and no row moves."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("sources", "0001_initial")]

    operations = [
        migrations.AlterModelTable(name="source", table=None),
        migrations.AlterModelTable(name="historicalsource", table=None),
        migrations.RenameIndex(
            model_name="source", new_name="source_kind_idx", old_name="claims_sour_kind_eb3405_idx"
        ),
        migrations.RenameIndex(
            model_name="source",
            new_name="source_reliability_idx",
            old_name="claims_sour_reliabi_570c82_idx",
        ),
    ]
