"""Claims point at `sources.Source` (ADR 0005): state only, the foreign keys already reference the
table that sources 0001 adopted. Then the claims app lets go of the model, and the content types
(which admin log entries point to) follow it to its new app."""

import django.db.models.deletion
from django.db import migrations, models

MOVED = ("source", "historicalsource")


def content_types_follow(apps, schema_editor, old="claims", new="sources"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def content_types_return(apps, schema_editor):
    content_types_follow(apps, schema_editor, old="sources", new="claims")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0007_link_decision_has_decider"),
        ("sources", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="claim",
                    name="source",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="claims",
                        to="sources.source",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalclaim",
                    name="source",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="sources.source",
                    ),
                ),
                migrations.DeleteModel(name="HistoricalSource"),
                migrations.DeleteModel(name="Source"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
