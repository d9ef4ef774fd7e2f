"""Indexes for the list pages of the review queue, claim list, board, registry and dashboard,
chosen from the plans of bench/lists.py at 100,000 claims on PostgreSQL.

They are partial indexes (live claims only, or deleted ones only) that exist for query plans
rather than for the model's rules, so they are added to the database only: the models' Meta keeps
describing the domain, and `makemigrations` sees nothing to do.
"""

from django.db import migrations, models
from django.db.models import Q

INDEXES = [
    # The claim list's default order (newest first) and the dashboard's recent weeks.
    (
        "claim",
        models.Index(
            fields=["created_at", "id"],
            condition=Q(deleted_at__isnull=True),
            name="claim_live_created_idx",
        ),
    ),
    # The few deleted claims, so "between live claims" is an anti-join on a handful of ids
    # instead of a join with every claim.
    (
        "claim",
        models.Index(
            fields=["id"], condition=Q(deleted_at__isnull=False), name="claim_deleted_idx"
        ),
    ),
    # Counts of a source's live claims by status, read from the index alone.
    (
        "claim",
        models.Index(
            fields=["source", "status"],
            condition=Q(deleted_at__isnull=True),
            name="claim_live_source_status_idx",
        ),
    ),
    # The contradiction board: newest "contradicts" links first, a page at a time.
    ("claimlink", models.Index(fields=["kind", "created_at", "id"], name="link_kind_created_idx")),
]


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_roles")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AddIndex(model_name=model_name, index=index)
                for model_name, index in INDEXES
            ],
            state_operations=[],
        )
    ]
