"""An article's outlet is a `sources.Source` (ADR 0005): state only, the foreign key already
references the table that sources 0001 adopted."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_article_search_index"),
        ("sources", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="outlet",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="The publication (a source of kind media outlet).",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="articles",
                        to="sources.source",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalarticle",
                    name="outlet",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The publication (a source of kind media outlet).",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="sources.source",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
