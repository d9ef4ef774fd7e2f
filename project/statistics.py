"""Table statistics after bulk writes (issue 17).

PostgreSQL plans from statistics that autovacuum refreshes only after enough rows changed and
its next round: right after a bulk load (an import, the demo) the planner still believes the
tables are as they were, and may read every claim where an index would find a few. A bulk
write therefore asks for fresh statistics of what it filled, once its transaction commits.
SQLite plans without them; nothing is done there."""

from django.db import connection, transaction
from django.db.models import Model


def refresh_statistics(*models: type[Model]) -> None:
    """ANALYZE the tables of `models` once the current transaction commits (at once outside
    one), on PostgreSQL."""
    tables = [model._meta.db_table for model in models]

    def analyze() -> None:
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")

    transaction.on_commit(analyze)
