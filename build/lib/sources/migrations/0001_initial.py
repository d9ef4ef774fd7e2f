"""Source moves from the claims app to its own app at the bottom of the layers (ADR 0005).

The rows stay where they are: this migration only tells Django's state that the model now
belongs here, still on the tables `claims_source` and `claims_historicalsource`; claims 0008 and
articles 0004 point their foreign keys here, and 0002 then renames the tables. No row is copied,
so nothing can be lost, on SQLite or PostgreSQL.
"""

import django.db.models.deletion
import django.db.models.functions.text
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("claims", "0007_link_decision_has_decider"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalSource",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=200)),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("government", "Government"),
                                    ("intelligence", "Intelligence service"),
                                    ("military", "Military"),
                                    ("international_organisation", "International organisation"),
                                    ("media_outlet", "Media outlet"),
                                    ("think_tank", "Think tank / expert"),
                                    ("anonymous_official", "Anonymous official"),
                                    ("other", "Other"),
                                ],
                                default="other",
                                max_length=32,
                            ),
                        ),
                        (
                            "reliability",
                            models.CharField(
                                choices=[
                                    ("A", "A – Completely reliable"),
                                    ("B", "B – Usually reliable"),
                                    ("C", "C – Fairly reliable"),
                                    ("D", "D – Not usually reliable"),
                                    ("E", "E – Unreliable"),
                                    ("F", "F – Reliability cannot be judged"),
                                ],
                                default="F",
                                max_length=1,
                            ),
                        ),
                        ("description", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(blank=True, editable=False)),
                        ("updated_at", models.DateTimeField(blank=True, editable=False)),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                                max_length=1,
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "claims_historicalsource",
                        "verbose_name": "historical source",
                        "verbose_name_plural": "historical sources",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="Source",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=200)),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("government", "Government"),
                                    ("intelligence", "Intelligence service"),
                                    ("military", "Military"),
                                    ("international_organisation", "International organisation"),
                                    ("media_outlet", "Media outlet"),
                                    ("think_tank", "Think tank / expert"),
                                    ("anonymous_official", "Anonymous official"),
                                    ("other", "Other"),
                                ],
                                default="other",
                                max_length=32,
                            ),
                        ),
                        (
                            "reliability",
                            models.CharField(
                                choices=[
                                    ("A", "A – Completely reliable"),
                                    ("B", "B – Usually reliable"),
                                    ("C", "C – Fairly reliable"),
                                    ("D", "D – Not usually reliable"),
                                    ("E", "E – Unreliable"),
                                    ("F", "F – Reliability cannot be judged"),
                                ],
                                default="F",
                                max_length=1,
                            ),
                        ),
                        ("description", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        "db_table": "claims_source",
                        "ordering": ["name"],
                        "indexes": [
                            models.Index(fields=["kind"], name="claims_sour_kind_eb3405_idx"),
                            models.Index(
                                fields=["reliability"], name="claims_sour_reliabi_570c82_idx"
                            ),
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                django.db.models.functions.text.Lower("name"),
                                name="source_name_unique_ci",
                                violation_error_message="A source with this name already exists.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("reliability__in", ["A", "B", "C", "D", "E", "F"])
                                ),
                                name="source_reliability_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    (
                                        "kind__in",
                                        [
                                            "government",
                                            "intelligence",
                                            "military",
                                            "international_organisation",
                                            "media_outlet",
                                            "think_tank",
                                            "anonymous_official",
                                            "other",
                                        ],
                                    )
                                ),
                                name="source_kind_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("name", ""), _negated=True),
                                name="source_name_not_empty",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
