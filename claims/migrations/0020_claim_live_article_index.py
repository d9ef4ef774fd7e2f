"""The live claims of one article, newest first, on their own index: the reading view's read
(`GET /api/claims/?article=ID`) becomes an ordered index scan with no sort, and the claim count
of each article on the article list an index-only scan.

Without it PostgreSQL chose by its statistics, and statistics go stale: on a database filled
since its last ANALYZE (a new installation, an import, autovacuum off) it took the live claims'
partial index, read every live claim and kept the article's, per article listed. On the peers
harness's 2,020 claims that was 55 ms for a page of 100 articles against 1.5 ms on this index,
and it grows with the claims. With this index the cheaper plan is the same whatever the
statistics say (it matches both conditions of either read).

Database only, PostgreSQL only, as claims 0016 and 0017.
"""

from django.db import migrations

NAME = "claim_live_article"


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON claims_claim "
            "(article_id, created_at DESC, id DESC) WHERE deleted_at IS NULL"
        )


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0019_link_triggers_skip_unlinked_claims")]

    operations = [migrations.RunPython(add_index, remove_index, elidable=False)]
