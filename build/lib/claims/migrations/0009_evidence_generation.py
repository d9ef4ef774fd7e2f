"""The aggregate cache's token row is an evidence *generation* (ADR 0004): "version" is kept
for the claim's edit lock alone. A rename in place; the row and its token stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_source_moves_to_sources")]

    operations = [migrations.RenameModel(old_name="EvidenceVersion", new_name="EvidenceGeneration")]
