"""pg_trgm, for the similar-name prompt when a source is added (`sources.selectors`): its
`similarity()` compares a new name with every existing one. A trusted extension that ships
with PostgreSQL; on SQLite this does nothing (rapidfuzz compares the names there).

No trigram index: measured at 10,000 sources whose names share common words, a GIN index over
LOWER(name) returned more than half the rows as candidates for `%`, PostgreSQL rightly
preferred reading the table (about 150 ms either way on a loaded machine), and a registry
holds hundreds to a few thousand sources, where the comparison takes a few milliseconds."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class SharedTrigramExtension(TrigramExtension):
    """Created here if missing, never dropped on the way back: the claim search's trigram
    indexes (claims 0005) need the extension too."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


class Migration(migrations.Migration):
    dependencies = [("sources", "0002_own_tables")]

    operations = [SharedTrigramExtension()]
