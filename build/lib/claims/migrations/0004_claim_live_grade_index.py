"""The dashboard counts live claims by source, status and credibility in one pass: an index on
exactly those columns answers it alone, in order. It also serves the registry's counts by
source and status, so it replaces the narrower index of 0003 (database only, as there)."""

from django.db import migrations, models
from django.db.models import Q

NARROWER = "claim_live_source_status_idx"


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_list_page_indexes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AddIndex(
                    model_name="claim",
                    index=models.Index(
                        fields=["source", "status", "credibility"],
                        condition=Q(deleted_at__isnull=True),
                        name="claim_live_grade_idx",
                    ),
                ),
                migrations.RunSQL(
                    sql=f"DROP INDEX IF EXISTS {NARROWER}",
                    reverse_sql=(
                        f"CREATE INDEX {NARROWER} ON claims_claim (source_id, status) "
                        "WHERE deleted_at IS NULL"
                    ),
                ),
            ],
            state_operations=[],
        )
    ]
