"""The claim tallies' triggers as claims migration 0018 writes them (ADR 0012): each claim write
moves its counts in every tally at once, touching the tally rows in **one global order** so that
two writers never wait for each other in a cycle.

Before 0018 a claim update subtracted 1 from its old tally row and added 1 to its new one, in
that order, and the roll-ups followed each tally row through a trigger of their own. Two
transactions moving claims between the same two rows in opposite directions (one draft →
submitted, the other submitted → draft) locked the two rows in opposite orders: PostgreSQL
detected the deadlock and refused one. Now:

- the claim trigger keeps the roll-ups itself (no cascade whose locks would interleave), table
  after table: claim tallies, grades, sources, days (then the link marks' trigger, which fires
  after it, claims_claim_tally < claims_link_marks, locks the link tallies, in order too);
- within a table, of the old and the new row the one with the smaller key is written first;
- a row whose key does not change is not written at all (a status change writes two claim
  tallies and two grades, no source or day row);
- a re-rating moves its source's grades in one statement ordered by key, and a claim write
  that grades by its source's reliability waits for a re-rating of that source under way (on
  PostgreSQL; before, the claim could be counted under the old grade after the re-rating had
  moved it: a wrong grade count).

SQLite runs one writer at a time; its triggers apply the same changes in the same order.
"""

#: Per tally, in the order tables are locked: (table, key columns, key of a claim row). The
#: grade's reliability is the claim's as evaluated, else its source's now.
_GRADE = (
    "COALESCE(NULLIF({row}.evaluated_reliability, ''), "
    "(SELECT reliability FROM sources_source WHERE id = {row}.source_id), '')"
)
_DAY = {
    "postgresql": "({row}.created_at AT TIME ZONE 'UTC')::date",
    "sqlite": "date({row}.created_at)",
}


def _tallies(vendor: str) -> list[tuple[str, list[str], list[str]]]:
    return [
        (
            "claims_claimtally",
            ["source_id", "status", "credibility", "evaluated_reliability"],
            ["{row}.source_id", "{row}.status", "{row}.credibility", "{row}.evaluated_reliability"],
        ),
        (
            "claims_gradetally",
            ["status", "credibility", "reliability"],
            ["{row}.status", "{row}.credibility", _GRADE],
        ),
        ("claims_sourcetally", ["source_id"], ["{row}.source_id"]),
        ("claims_claimdaytally", ["created_by_id", "day"], ["{row}.created_by_id", _DAY[vendor]]),
    ]


#: The columns a tally key reads: an update that changes none of them changes no count (and
#: takes no lock on a tally row).
COUNTED = (
    "source_id",
    "status",
    "credibility",
    "evaluated_reliability",
    "created_by_id",
    "created_at",
    "deleted_at",
)


def _subtract(table: str, columns: list[str], values: list[str], when: str) -> str:
    """A plain UPDATE: a counted row's tally exists (one emptied meanwhile, as a flush deleting
    table by table does, stays empty instead of going negative)."""
    key = " AND ".join(f"{column} = {value}" for column, value in zip(columns, values, strict=True))
    return f"UPDATE {table} SET n = n - 1 WHERE {key} AND {when}"


def _add(vendor: str, table: str, columns: list[str], values: list[str], when: str) -> str:
    """An upsert. SQLite refuses a table alias inside a trigger; its bare `n` is the stored
    row's. (`SELECT … WHERE` keeps SQLite's upsert unambiguous.)"""
    alias, stored = (" AS t", "t.n") if vendor == "postgresql" else ("", "n")
    names = ", ".join(columns)
    return (
        f"INSERT INTO {table}{alias} ({names}, n) SELECT {', '.join(values)}, 1 WHERE {when} "
        f"ON CONFLICT ({names}) DO UPDATE SET n = {stored} + 1"
    )


def moves(vendor: str, *, was: str, live: str) -> list[str]:
    """Statements moving a claim's counts from its old row to its new one in every tally, each
    table's smaller key first. `was` and `live` are conditions: the old row counted (it existed
    and was live), the new one counts."""
    statements = []
    for table, columns, key in _tallies(vendor):
        old = [value.format(row="OLD") for value in key]
        new = [value.format(row="NEW") for value in key]
        old_key, new_key = f"({', '.join(old)})", f"({', '.join(new)})"
        statements += [
            _subtract(table, columns, old, f"{was} AND (NOT {live} OR {old_key} < {new_key})"),
            _add(vendor, table, columns, new, f"{live} AND (NOT {was} OR {old_key} <> {new_key})"),
            _subtract(table, columns, old, f"{was} AND {live} AND {old_key} > {new_key}"),
        ]
    return statements


def counts(vendor: str, row: str, sign: str) -> list[str]:
    """Statements adding (`sign` "+") or subtracting 1 under `row`'s keys in every tally."""
    statements = []
    for table, columns, key in _tallies(vendor):
        values = [value.format(row=row) for value in key]
        if sign == "-":
            statements.append(_subtract(table, columns, values, "TRUE"))
        else:
            statements.append(_add(vendor, table, columns, values, "TRUE"))
    return statements


def _unchanged(vendor: str) -> str:
    same = " IS NOT DISTINCT FROM " if vendor == "postgresql" else " IS "
    return " AND ".join(f"OLD.{column}{same}NEW.{column}" for column in COUNTED)


def _rerated(vendor: str) -> str:
    """Move the grades of the source's unevaluated claims from its old reliability to its new
    one: both changes in one statement, by key."""
    alias, stored = (" AS t", "t.n") if vendor == "postgresql" else ("", "n")
    arm = (
        "SELECT status, credibility, {row}.reliability AS reliability, {sign}n AS n "
        "FROM claims_claimtally WHERE source_id = NEW.id AND evaluated_reliability = ''"
    )
    return (
        f"INSERT INTO claims_gradetally{alias} (status, credibility, reliability, n) "
        "SELECT status, credibility, reliability, SUM(n) FROM "
        f"({arm.format(row='OLD', sign='-')} UNION ALL {arm.format(row='NEW', sign='')}) moved "
        "WHERE TRUE GROUP BY status, credibility, reliability "
        "ORDER BY status, credibility, reliability "
        f"ON CONFLICT (status, credibility, reliability) DO UPDATE SET n = {stored} + excluded.n"
    )


def _body(statements: list[str]) -> str:
    return "\n".join(f"{statement};" for statement in statements)


#: PostgreSQL: the grade of an unevaluated claim is its source's reliability *now*, which a
#: re-rating may be changing in another transaction. Sharing the sources' rows (in id order)
#: waits for that re-rating to commit, so the claim is counted under the new grade, which the
#: re-rating (reading the claim tallies afresh) cannot move a second time; and a re-rating
#: that comes second waits for the claim's transaction, whose counts it then reads.
_SOURCES_SHARED = (
    "PERFORM 1 FROM sources_source WHERE id IN (OLD.source_id, NEW.source_id) "
    "ORDER BY id FOR SHARE;"
)


def _postgresql() -> list[str]:
    return [
        f"""
        CREATE OR REPLACE FUNCTION claims_claim_tally() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE was boolean; live boolean;
        BEGIN
            IF TG_OP = 'UPDATE' AND {_unchanged("postgresql")} THEN
                RETURN NULL;
            END IF;
            IF TG_OP = 'INSERT' THEN was := FALSE; ELSE was := OLD.deleted_at IS NULL; END IF;
            IF TG_OP = 'DELETE' THEN live := FALSE; ELSE live := NEW.deleted_at IS NULL; END IF;
            IF TG_OP = 'INSERT' THEN
                IF live AND NEW.evaluated_reliability = '' THEN {_SOURCES_SHARED} END IF;
                IF live THEN {_body(counts("postgresql", "NEW", "+"))} END IF;
            ELSIF TG_OP = 'DELETE' THEN
                IF was THEN {_body(counts("postgresql", "OLD", "-"))} END IF;
            ELSE
                IF (was AND OLD.evaluated_reliability = '')
                   OR (live AND NEW.evaluated_reliability = '') THEN
                    {_SOURCES_SHARED}
                END IF;
                {_body(moves("postgresql", was="was", live="live"))}
            END IF;
            RETURN NULL;
        END
        $$
        """,
        "CREATE TRIGGER claims_claim_tally AFTER INSERT OR UPDATE OR DELETE ON claims_claim "
        "FOR EACH ROW EXECUTE FUNCTION claims_claim_tally()",
        f"""
        CREATE OR REPLACE FUNCTION claims_source_rerated() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            {_rerated("postgresql")};
            RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER claims_source_rerated AFTER UPDATE OF reliability ON sources_source "
        "FOR EACH ROW WHEN (OLD.reliability IS DISTINCT FROM NEW.reliability) "
        "EXECUTE FUNCTION claims_source_rerated()",
    ]


def _sqlite() -> list[str]:
    changed = f"NOT ({_unchanged('sqlite')})"
    moved = moves("sqlite", was="(OLD.deleted_at IS NULL)", live="(NEW.deleted_at IS NULL)")
    return [
        "CREATE TRIGGER claims_claim_tally_insert AFTER INSERT ON claims_claim "
        f"WHEN NEW.deleted_at IS NULL BEGIN {_body(counts('sqlite', 'NEW', '+'))} END",
        "CREATE TRIGGER claims_claim_tally_delete AFTER DELETE ON claims_claim "
        f"WHEN OLD.deleted_at IS NULL BEGIN {_body(counts('sqlite', 'OLD', '-'))} END",
        "CREATE TRIGGER claims_claim_tally_update AFTER UPDATE ON claims_claim "
        f"WHEN {changed} BEGIN {_body(moved)} END",
        "CREATE TRIGGER claims_source_rerated AFTER UPDATE OF reliability ON sources_source "
        f"WHEN OLD.reliability IS NOT NEW.reliability BEGIN {_rerated('sqlite')}; END",
    ]


TRIGGERS = {"postgresql": _postgresql, "sqlite": _sqlite}
DROP = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS claims_claim_tally ON claims_claim",
        "DROP TRIGGER IF EXISTS claims_source_rerated ON sources_source",
        "DROP FUNCTION IF EXISTS claims_claim_tally()",
        "DROP FUNCTION IF EXISTS claims_source_rerated()",
    ],
    "sqlite": [
        f"DROP TRIGGER IF EXISTS {name}"
        for name in (
            "claims_claim_tally_insert",
            "claims_claim_tally_delete",
            "claims_claim_tally_update",
            "claims_source_rerated",
        )
    ],
}
