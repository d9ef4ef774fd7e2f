"""Roll-ups of the claim tallies (ADR 0012) that the dashboard reads whole: live claims per
(status, credibility, reliability of the grade) and per source. A few hundred rows at most and
one per source, whatever the number of claims.

The claim trigger keeps them with the claim tallies, in one lock order (claims migration 0018,
`claims.tally_triggers`). `TRIGGERS` below are migration 0015's: a trigger following each change
of `claims_claimtally`, and one for a source's new reliability, which moves the grade of its
claims not yet evaluated; 0018 replaces both (kept for 0015 and 0018's reverse).
"""

from django.db import models

from claims.link_tallies import sqlite_trigger


class GradeTally(models.Model):
    """Live claims per status, credibility and the reliability their grade carries: as
    evaluated for a reviewed claim, else its source's current one."""

    status = models.CharField(max_length=16)
    credibility = models.PositiveSmallIntegerField()
    reliability = models.CharField(max_length=1, blank=True)
    n = models.IntegerField(default=0)

    class Meta:
        app_label = "claims"
        constraints = [
            models.UniqueConstraint(
                fields=["status", "credibility", "reliability"], name="grade_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.status} {self.reliability}{self.credibility}: {self.n}"


class SourceTally(models.Model):
    """Live claims per source."""

    source_id = models.IntegerField(unique=True)
    n = models.IntegerField(default=0)

    class Meta:
        app_label = "claims"
        indexes = [models.Index(fields=["-n"], name="source_tally_busiest")]

    def __str__(self) -> str:
        return f"source {self.source_id}: {self.n}"


def _graded(row: str) -> str:
    return (
        f"COALESCE(NULLIF({row}.evaluated_reliability, ''), "
        f"(SELECT reliability FROM sources_source WHERE id = {row}.source_id), '')"
    )


def _roll(vendor: str, row: str, sign: str) -> list[str]:
    """Statements adding `sign` `row`.n to the roll-ups under a claim tally row's keys. To
    subtract, a plain UPDATE: a roll-up emptied before its tallies (a flush deleting table by
    table) stays empty instead of going negative."""
    if sign == "-":
        return [
            f"UPDATE claims_gradetally SET n = n - {row}.n WHERE status = {row}.status "
            f"AND credibility = {row}.credibility AND reliability = {_graded(row)}",
            f"UPDATE claims_sourcetally SET n = n - {row}.n WHERE source_id = {row}.source_id",
        ]
    alias, grade_n, source_n = (" AS t", "t.n", "t.n") if vendor == "postgresql" else ("", "n", "n")
    return [
        f"INSERT INTO claims_gradetally{alias} (status, credibility, reliability, n) "
        f"VALUES ({row}.status, {row}.credibility, {_graded(row)}, {row}.n) "
        f"ON CONFLICT (status, credibility, reliability) "
        f"DO UPDATE SET n = {grade_n} + {row}.n",
        f"INSERT INTO claims_sourcetally{alias} (source_id, n) VALUES ({row}.source_id, "
        f"{row}.n) ON CONFLICT (source_id) DO UPDATE SET n = {source_n} + {row}.n",
    ]


def _rerate(vendor: str, row: str, sign: str) -> str:
    """Move the grades of the source's unevaluated claims: `sign` under `row`.reliability."""
    alias, stored = (" AS t", "t.n") if vendor == "postgresql" else ("", "n")
    return (
        f"INSERT INTO claims_gradetally{alias} (status, credibility, reliability, n) "
        f"SELECT status, credibility, {row}.reliability, {sign}SUM(n) FROM claims_claimtally "
        f"WHERE source_id = NEW.id AND evaluated_reliability = '' "
        f"GROUP BY status, credibility "
        f"ON CONFLICT (status, credibility, reliability) "
        f"DO UPDATE SET n = {stored} + excluded.n"
    )


def _postgresql() -> list[str]:
    def body(statements: list[str]) -> str:
        return "\n".join(f"{statement};" for statement in statements)

    return [
        f"""
        CREATE OR REPLACE FUNCTION claims_claimtally_rollup() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND OLD.n = NEW.n THEN RETURN NULL; END IF;
            IF TG_OP <> 'INSERT' THEN {body(_roll("postgresql", "OLD", "-"))} END IF;
            IF TG_OP <> 'DELETE' THEN {body(_roll("postgresql", "NEW", "+"))} END IF;
            RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER claims_claimtally_rollup AFTER INSERT OR UPDATE OR DELETE "
        "ON claims_claimtally FOR EACH ROW EXECUTE FUNCTION claims_claimtally_rollup()",
        f"""
        CREATE OR REPLACE FUNCTION claims_source_rerated() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            {_rerate("postgresql", "OLD", "-")};
            {_rerate("postgresql", "NEW", "")};
            RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER claims_source_rerated AFTER UPDATE OF reliability ON sources_source "
        "FOR EACH ROW WHEN (OLD.reliability IS DISTINCT FROM NEW.reliability) "
        "EXECUTE FUNCTION claims_source_rerated()",
    ]


def _sqlite() -> list[str]:
    return [
        sqlite_trigger(
            "claims_claimtally_rollup_insert",
            "INSERT",
            "claims_claimtally",
            _roll("sqlite", "NEW", "+"),
        ),
        sqlite_trigger(
            "claims_claimtally_rollup_update",
            "UPDATE",
            "claims_claimtally",
            _roll("sqlite", "OLD", "-") + _roll("sqlite", "NEW", "+"),
            when="OLD.n <> NEW.n",
        ),
        sqlite_trigger(
            "claims_claimtally_rollup_delete",
            "DELETE",
            "claims_claimtally",
            _roll("sqlite", "OLD", "-"),
        ),
        sqlite_trigger(
            "claims_source_rerated",
            "UPDATE OF reliability",
            "sources_source",
            [_rerate("sqlite", "OLD", "-"), _rerate("sqlite", "NEW", "")],
            when="OLD.reliability IS NOT NEW.reliability",
        ),
    ]


TRIGGERS = {"postgresql": _postgresql, "sqlite": _sqlite}
DROP = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS claims_claimtally_rollup ON claims_claimtally",
        "DROP TRIGGER IF EXISTS claims_source_rerated ON sources_source",
        "DROP FUNCTION IF EXISTS claims_claimtally_rollup()",
        "DROP FUNCTION IF EXISTS claims_source_rerated()",
    ],
    "sqlite": [
        f"DROP TRIGGER IF EXISTS {name}"
        for name in (
            "claims_claimtally_rollup_insert",
            "claims_claimtally_rollup_update",
            "claims_claimtally_rollup_delete",
            "claims_source_rerated",
        )
    ],
}

#: Recounts from the claims themselves: (table, stored columns, recount query).
RECOUNT = {
    "claims_gradetally": (
        "status, credibility, reliability, n",
        "SELECT c.status, c.credibility, "
        "COALESCE(NULLIF(c.evaluated_reliability, ''), s.reliability), COUNT(*) "
        "FROM claims_claim c JOIN sources_source s ON s.id = c.source_id "
        "WHERE c.deleted_at IS NULL GROUP BY c.status, c.credibility, "
        "COALESCE(NULLIF(c.evaluated_reliability, ''), s.reliability)",
    ),
    "claims_sourcetally": (
        "source_id, n",
        "SELECT source_id, COUNT(*) FROM claims_claim WHERE deleted_at IS NULL GROUP BY source_id",
    ),
}


def rebuild(cursor) -> None:
    """Recount the roll-ups from the claim tallies (which must be right)."""
    cursor.execute("DELETE FROM claims_gradetally")
    cursor.execute("DELETE FROM claims_sourcetally")
    cursor.execute(
        "INSERT INTO claims_gradetally (status, credibility, reliability, n) "
        "SELECT t.status, t.credibility, "
        "COALESCE(NULLIF(t.evaluated_reliability, ''), s.reliability, ''), SUM(t.n) "
        "FROM claims_claimtally t LEFT JOIN sources_source s ON s.id = t.source_id "
        "GROUP BY t.status, t.credibility, "
        "COALESCE(NULLIF(t.evaluated_reliability, ''), s.reliability, '')"
    )
    cursor.execute(
        "INSERT INTO claims_sourcetally (source_id, n) "
        "SELECT source_id, SUM(n) FROM claims_claimtally GROUP BY source_id"
    )
