"""Counters of live claims kept by the database itself (ADR 0012): how many live claims there
are per (source, status, credibility, reliability as evaluated) and per (author, day created,
UTC). The dashboard, the source registry and the activity chart read these few thousand rows
instead of counting a million claims.

Triggers on `claims_claim` (claims migration 0013; since 0018 in one lock order,
`claims.tally_triggers`) keep them in the same transaction as every write, whatever wrote it:
a service, the admin, the bulk restore (`bulk_create`), a source merge (`bulk_update`), a soft
delete, raw SQL. A row's counts depend on that row alone, so a trigger per row is exact for
statements of any size on both PostgreSQL and SQLite.

`python manage.py rebuild_tallies` recounts them from the claims (after a COPY with triggers
off, as `bench generate` does, or to check them: `--check`).
"""

from django.db import connection, models, transaction

from claims import link_tallies, rollups


class ClaimTally(models.Model):
    """Live claims per source, status, credibility and reliability as evaluated ("" until a
    reviewer decides). Plain integer ids, no foreign key: rows of a deleted source are 0."""

    source_id = models.IntegerField()
    status = models.CharField(max_length=16)
    credibility = models.PositiveSmallIntegerField()
    evaluated_reliability = models.CharField(max_length=1, blank=True)
    n = models.IntegerField(default=0)

    class Meta:
        app_label = "claims"
        constraints = [
            models.UniqueConstraint(
                fields=["source_id", "status", "credibility", "evaluated_reliability"],
                name="claim_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"source {self.source_id} {self.status} {self.credibility}: {self.n}"


class ClaimDayTally(models.Model):
    """Live claims per author and the day they were recorded (UTC)."""

    created_by_id = models.IntegerField()
    day = models.DateField()
    n = models.IntegerField(default=0)

    class Meta:
        app_label = "claims"
        constraints = [
            models.UniqueConstraint(fields=["created_by_id", "day"], name="claim_day_tally_key")
        ]
        indexes = [models.Index(fields=["day"], name="claim_day_tally_day")]

    def __str__(self) -> str:
        return f"author {self.created_by_id} on {self.day}: {self.n}"


# --- Recounting ------------------------------------------------------------------------------

_DAY = {
    "postgresql": "(created_at AT TIME ZONE 'UTC')::date",
    "sqlite": "date(created_at)",
}

RECOUNT = {
    "claims_claimtally": (
        "source_id, status, credibility, evaluated_reliability, n",
        "SELECT source_id, status, credibility, evaluated_reliability, COUNT(*) "
        "FROM claims_claim WHERE deleted_at IS NULL "
        "GROUP BY source_id, status, credibility, evaluated_reliability",
    ),
    "claims_claimdaytally": (
        "created_by_id, day, n",
        "SELECT created_by_id, {day}, COUNT(*) FROM claims_claim WHERE deleted_at IS NULL "
        "GROUP BY created_by_id, {day}",
    ),
}


def _recount_sql(table: str) -> tuple[str, str]:
    columns, select = {**RECOUNT, **rollups.RECOUNT}[table]
    return columns, select.format(day=_DAY[connection.vendor])


def recounted() -> dict[str, set[tuple]]:
    """What the tallies (and the links' marks) should hold, counted from the claims and links
    now (rows with n > 0)."""
    found = {}
    with connection.cursor() as cursor:
        for table in [*RECOUNT, *rollups.RECOUNT]:
            cursor.execute(_recount_sql(table)[1])
            found[table] = {_plain(row) for row in cursor.fetchall()}
        cursor.execute(link_tallies.expected("1 = 1"))
        found["claims_linkmark"] = set(cursor.fetchall())
        cursor.execute(link_tallies.RECOUNT_TALLY)
        found["claims_linktally"] = set(cursor.fetchall())
    return found


def stored() -> dict[str, set[tuple]]:
    """What the tallies hold (rows with n ≠ 0)."""
    found = {}
    with connection.cursor() as cursor:
        for table in [*RECOUNT, *rollups.RECOUNT]:
            columns = _recount_sql(table)[0]
            cursor.execute(f"SELECT {columns} FROM {table} WHERE n <> 0")
            found[table] = {_plain(row) for row in cursor.fetchall()}
        cursor.execute("SELECT link_id, kind, status, tag_id, source_id FROM claims_linkmark")
        found["claims_linkmark"] = set(cursor.fetchall())
        cursor.execute(
            "SELECT kind, status, tag_id, source_id, n FROM claims_linktally WHERE n <> 0"
        )
        found["claims_linktally"] = set(cursor.fetchall())
    return found


def _plain(row) -> tuple:
    """A row with dates as ISO text (SQLite's `date()` gives text, PostgreSQL a date)."""
    return tuple(value.isoformat() if hasattr(value, "isoformat") else value for value in row)


def differences() -> dict[str, tuple[set[tuple], set[tuple]]]:
    """Per tally table whose rows differ from a recount: (rows stored but not recounted, rows
    recounted but not stored). Empty when every tally is right."""
    now, expected = stored(), recounted()
    return {
        table: (now[table] - expected[table], expected[table] - now[table])
        for table in now
        if now[table] != expected[table]
    }


def rebuild() -> None:
    """Empty the tallies and count them afresh from the claims and links, in one transaction
    (writers of claims, tags and links wait on the table locks meanwhile: no change is lost)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "LOCK TABLE claims_claim, claims_claim_tags, claims_claimlink IN SHARE MODE"
            )
        rebuild_claim_tallies(cursor)
        rollups.rebuild(cursor)
        link_tallies.rebuild(cursor)


def rebuild_claim_tallies(cursor) -> None:
    """Recount the claim tallies alone (claims migration 0013, before the links had any)."""
    for table in RECOUNT:
        columns, select = _recount_sql(table)
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(f"INSERT INTO {table} ({columns}) {select}")


def install_triggers(module, schema_editor) -> None:
    """In a migration: create the triggers of a tally module (`link_tallies`, `rollups`: its
    `TRIGGERS[vendor]()`) and count its tallies afresh (its `rebuild(cursor)`)."""
    vendor = schema_editor.connection.vendor
    if vendor not in module.TRIGGERS:
        raise NotImplementedError(f"No tally triggers written for {vendor}.")
    for statement in module.TRIGGERS[vendor]():
        schema_editor.execute(statement)
    with schema_editor.connection.cursor() as cursor:
        module.rebuild(cursor)


def drop_triggers(module, schema_editor) -> None:
    """In a migration: drop the triggers `install_triggers` created (its `DROP[vendor]`)."""
    for statement in module.DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)
