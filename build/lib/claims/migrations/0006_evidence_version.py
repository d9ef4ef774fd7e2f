"""The version of the evidence base under which aggregates are cached (claims.aggregates)."""

import uuid

from django.db import migrations, models


def create_version(apps, schema_editor):
    apps.get_model("claims", "EvidenceVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0005_claim_text_search_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="EvidenceVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.UUIDField(default=uuid.uuid4)),
                ("changed_at", models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.RunPython(create_version, migrations.RunPython.noop),
    ]
