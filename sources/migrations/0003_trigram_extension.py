"""pg_trgm, for the similar-name prompt when a source is added (`sources.selectors`): its
`similarity()` compares a new name with every existing one. A trusted extension that ships
with PostgreSQL; on SQLite this does nothing (rapidfuzz compares the names there).

No trigram index: a registry holds thousands of sources, not millions, and the comparison
reads them all in a few milliseconds (bench/similar_sources.py)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("sources", "0002_own_tables")]

    operations = [TrigramExtension()]
