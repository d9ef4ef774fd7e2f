"""The tally triggers touch tally rows in one global order (ADR 0012): two transactions moving
counts between the same rows in opposite directions queue instead of deadlocking. The claim
trigger keeps the roll-ups itself (the roll-up trigger on the claim tallies goes), a re-rating
moves its grades in one ordered statement, and on PostgreSQL a link refresh locks its tally rows
by key first. The counts themselves do not change: nothing is recounted."""

import importlib

from django.db import migrations


def _claim_tallies_0013():
    return importlib.import_module("claims.migrations.0013_claim_tallies")


def _replace(schema_editor, drops, creates) -> None:
    for statement in drops:
        schema_editor.execute(statement)
    for statement in creates:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    from claims import link_tallies, rollups, tally_triggers

    vendor = schema_editor.connection.vendor
    if vendor not in tally_triggers.TRIGGERS:
        raise NotImplementedError(f"No tally triggers written for {vendor}.")
    drops = [*_claim_tallies_0013().DROP[vendor], *rollups.DROP[vendor]]
    creates = tally_triggers.TRIGGERS[vendor]()
    if vendor == "postgresql":  # SQLite's link triggers are unchanged (one writer at a time)
        drops += link_tallies.DROP[vendor]
        creates += link_tallies.TRIGGERS[vendor]()
    _replace(schema_editor, drops, creates)


def backwards(apps, schema_editor):
    from claims import rollups, tally_triggers

    vendor = schema_editor.connection.vendor
    old = _claim_tallies_0013()
    creates = {"postgresql": old._postgresql, "sqlite": old._sqlite}[vendor]()
    creates += rollups.TRIGGERS[vendor]()
    _replace(schema_editor, tally_triggers.DROP[vendor], creates)
    # The link triggers keep locking their rows first: the same counts, in any schema.


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0017_claim_live_source_id_index"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
