"""Grades fixed at review (issue 12): a claim records its source's reliability when a reviewer
approves or rejects it. Claims already approved or rejected get their source's reliability of
today, the best this migration knows; drafts and submitted claims record none. Reversible: going
back drops the column, and the grades follow the sources again."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

REVIEWED = ["approved", "rejected"]
#: The dashboard's index (claims 0004) gains the evaluated reliability, so that counting claims
#: by grade still reads the index alone (database only, as in 0004).
GRADE_INDEX = "claim_live_grade_idx"
GRADE_COLUMNS = "source_id, status, credibility"


def record_evaluated_reliability(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    Source = apps.get_model("sources", "Source")
    reliability = Source.objects.filter(pk=OuterRef("source_id")).values("reliability")[:1]
    Claim._base_manager.filter(status__in=REVIEWED).update(
        evaluated_reliability=Subquery(reliability)
    )


def forget_evaluated_reliability(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    Claim._base_manager.exclude(evaluated_reliability="").update(evaluated_reliability="")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_outlet_in_sources"),
        ("claims", "0010_link_version"),
        ("sources", "0002_own_tables"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="evaluated_reliability",
            field=models.CharField(
                blank=True,
                choices=[
                    ("A", "A – Completely reliable"),
                    ("B", "B – Usually reliable"),
                    ("C", "C – Fairly reliable"),
                    ("D", "D – Not usually reliable"),
                    ("E", "E – Unreliable"),
                    ("F", "F – Reliability cannot be judged"),
                ],
                max_length=1,
                verbose_name="reliability as evaluated",
            ),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="evaluated_reliability",
            field=models.CharField(
                blank=True,
                choices=[
                    ("A", "A – Completely reliable"),
                    ("B", "B – Usually reliable"),
                    ("C", "C – Fairly reliable"),
                    ("D", "D – Not usually reliable"),
                    ("E", "E – Unreliable"),
                    ("F", "F – Reliability cannot be judged"),
                ],
                max_length=1,
                verbose_name="reliability as evaluated",
            ),
        ),
        migrations.RunPython(record_evaluated_reliability, forget_evaluated_reliability),
        migrations.RunSQL(
            sql=[
                f"DROP INDEX IF EXISTS {GRADE_INDEX}",
                f"CREATE INDEX {GRADE_INDEX} ON claims_claim "
                f"({GRADE_COLUMNS}, evaluated_reliability) WHERE deleted_at IS NULL",
            ],
            reverse_sql=[
                f"DROP INDEX IF EXISTS {GRADE_INDEX}",
                f"CREATE INDEX {GRADE_INDEX} ON claims_claim ({GRADE_COLUMNS}) "
                "WHERE deleted_at IS NULL",
            ],
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("evaluated_reliability__in", ["", "A", "B", "C", "D", "E", "F"]),
                    models.Q(
                        ("status", "rejected"),
                        models.Q(
                            ("evaluated_reliability__in", ["A", "B", "C", "D", "E", "F"]),
                            ("status", "approved"),
                        ),
                        models.Q(
                            ("evaluated_reliability", ""), ("status__in", ["draft", "submitted"])
                        ),
                        _connector="OR",
                    ),
                ),
                name="claim_evaluated_reliability_fits_status",
                violation_error_message="An approved claim records the reliability it was approved with; a draft or submitted claim records none.",
            ),
        ),
    ]
