"""Counters of links between live claims, kept by triggers (ADR 0012): links of each kind and
status, and contradictions per (tag, status) and per source.

A link's counts depend on its row, both its claims' state (live? which source?) and their
tags, which other statements change. So the triggers do not add and subtract deltas; they
*refresh* the marks of the links a write touched (`claims_linkmark`: one row per link, one per
source and one per tag it counts under), deleting the marks that no longer hold and inserting
the missing ones, from the state they see. A refresh is idempotent, so it is exact however
PostgreSQL (after the whole statement) or SQLite (after each row) orders the triggers. The
tallies (`claims_linktally`) follow the marks through a trigger per mark row, which is exact.
"""

from django.db import connection, models

CONTRADICTS = "contradicts"


class LinkMark(models.Model):
    """What one link between live claims counts under: (kind, status) with tag 0 and source 0;
    for a contradiction also each source (tag 0) and each tag (source 0) of its claims."""

    link_id = models.IntegerField()
    kind = models.CharField(max_length=16)
    status = models.CharField(max_length=16)
    tag_id = models.IntegerField(default=0)
    source_id = models.IntegerField(default=0)

    class Meta:
        app_label = "claims"
        constraints = [
            models.UniqueConstraint(fields=["link_id", "tag_id", "source_id"], name="link_mark_key")
        ]

    def __str__(self) -> str:
        return f"link {self.link_id}: tag {self.tag_id} source {self.source_id}"


class LinkTally(models.Model):
    """How many marks there are per (kind, status, tag, source)."""

    kind = models.CharField(max_length=16)
    status = models.CharField(max_length=16)
    tag_id = models.IntegerField(default=0)
    source_id = models.IntegerField(default=0)
    n = models.IntegerField(default=0)

    class Meta:
        app_label = "claims"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "status", "tag_id", "source_id"], name="link_tally_key"
            )
        ]
        indexes = [models.Index(fields=["source_id"], name="link_tally_source")]

    def __str__(self) -> str:
        return f"{self.kind} {self.status} tag {self.tag_id} source {self.source_id}: {self.n}"


# --- SQL shared by the triggers (claims migration 0014), the rebuild and the check ----------

_LIVE = (
    "FROM claims_claimlink l JOIN claims_claim a ON a.id = l.claim_a_id "
    "JOIN claims_claim b ON b.id = l.claim_b_id {join} "
    "WHERE a.deleted_at IS NULL AND b.deleted_at IS NULL AND ({links}){only}"
)

# The triggers' form: driven from the few links a write touched, each claim read by its key in
# a subquery the planner cannot turn into a join. Joined (as above), PostgreSQL without
# statistics (a fresh database, a bulk load in one transaction) put the claims table outside
# the loop and probed the links once per pair of claims: 450 claims with links took minutes.
_END = "(SELECT {column} FROM claims_claim c WHERE c.id = l.claim_{end}_id)"
_LINK_DRIVEN = (
    "FROM claims_claimlink l {join} "
    "WHERE COALESCE(" + _END.format(column="c.deleted_at IS NULL", end="a") + ", FALSE) "
    "AND COALESCE(" + _END.format(column="c.deleted_at IS NULL", end="b") + ", FALSE) "
    "AND ({links}){only}"
)


def expected(links: str, *, few: bool = False) -> str:
    """The marks the links matching `links` (a condition on `l`) should have now; `few` when
    `links` picks a handful of links (the triggers), not all of them (the rebuild)."""
    only = f" AND l.kind = '{CONTRADICTS}'"
    if few:
        frame = _LINK_DRIVEN
        source_a = _END.format(column="c.source_id", end="a")
        source_b = _END.format(column="c.source_id", end="b")
    else:
        frame, source_a, source_b = _LIVE, "a.source_id", "b.source_id"
    arms = [
        ("0", "0", "", ""),
        ("0", source_a, "", only),
        ("0", source_b, "", only),
        ("t.tag_id", "0", "JOIN claims_claim_tags t ON t.claim_id = l.claim_a_id", only),
        ("t.tag_id", "0", "JOIN claims_claim_tags t ON t.claim_id = l.claim_b_id", only),
    ]
    return " UNION ".join(
        f"SELECT l.id AS link_id, l.kind AS kind, l.status AS status, {tag} AS tag_id, "
        f"{source} AS source_id " + frame.format(join=join, links=links, only=condition)
        for tag, source, join, condition in arms
    )


def refresh(links: str, marks: str, *, locked: bool = False) -> list[str]:
    """Statements bringing the marks of the links matching `links` (on `l`; `marks` is the
    same set as a condition on the marks' `link_id`) up to date; `locked` (PostgreSQL) first
    locks the tally rows they may write, in key order (`lock_tallies`)."""
    now = expected(links, few=True)
    return [
        *([lock_tallies(now, marks)] if locked else []),
        f"DELETE FROM claims_linkmark WHERE {marks} AND NOT EXISTS (SELECT 1 FROM ({now}) e "
        "WHERE e.link_id = claims_linkmark.link_id AND e.tag_id = claims_linkmark.tag_id "
        "AND e.source_id = claims_linkmark.source_id AND e.kind = claims_linkmark.kind "
        "AND e.status = claims_linkmark.status)",
        "INSERT INTO claims_linkmark (link_id, kind, status, tag_id, source_id) "
        f"SELECT e.link_id, e.kind, e.status, e.tag_id, e.source_id FROM ({now}) e "
        "WHERE NOT EXISTS (SELECT 1 FROM claims_linkmark m WHERE m.link_id = e.link_id "
        "AND m.tag_id = e.tag_id AND m.source_id = e.source_id)",
    ]


def lock_tallies(now: str, marks: str) -> str:
    """Lock the tally rows of the marks the links have (`marks`) and should have (`now`), in
    key order, creating the missing ones at 0 (claims migration 0018). The refresh then counts
    marks out and in, in whatever order, under locks it already holds: two transactions moving
    links between the same tallies in opposite directions (one proposed → confirmed, the other
    back) queue on the first row they share instead of deadlocking. `WHERE FALSE` locks an
    existing row without writing it."""
    return (
        f"INSERT INTO claims_linktally AS t ({_TALLY_KEY}, n) SELECT {_TALLY_KEY}, 0 FROM "
        f"(SELECT {_TALLY_KEY} FROM claims_linkmark WHERE {marks} "
        f"UNION SELECT {_TALLY_KEY} FROM ({now}) e) k ORDER BY {_TALLY_KEY} "
        f"ON CONFLICT ({_TALLY_KEY}) DO UPDATE SET n = t.n WHERE FALSE"
    )


def has_links(claim: str) -> str:
    """Whether the claim with id `claim` is an end of any link. A claim with none (every new
    claim, most others) has no marks to refresh: the triggers stop at this one index probe
    instead of running the refresh's three statements for nothing (0.7 ms a tag row)."""
    return (
        f"EXISTS (SELECT 1 FROM claims_claimlink WHERE claim_a_id = {claim} "
        f"OR claim_b_id = {claim})"
    )


def links_of_claim(claim: str) -> tuple[str, str]:
    """(`links`, `marks`) conditions for the links touching the claim with id `claim`."""
    return (
        f"(l.claim_a_id = {claim} OR l.claim_b_id = {claim})",
        f"link_id IN (SELECT id FROM claims_claimlink WHERE claim_a_id = {claim} "
        f"OR claim_b_id = {claim})",
    )


_TALLY_KEY = "kind, status, tag_id, source_id"


def count_mark(vendor: str, row: str, sign: str) -> str:
    """Count a mark row in or (`sign` "-") out of its tally: out is a plain UPDATE, so a tally
    emptied before its marks (a flush deleting table by table) stays empty, never negative."""
    if sign == "-":
        key = " AND ".join(f"{column} = {row}.{column}" for column in _TALLY_KEY.split(", "))
        return f"UPDATE claims_linktally SET n = n - 1 WHERE {key};"
    alias, stored = (" AS t", "t.n") if vendor == "postgresql" else ("", "n")
    values = ", ".join(f"{row}.{column}" for column in _TALLY_KEY.split(", "))
    return (
        f"INSERT INTO claims_linktally{alias} ({_TALLY_KEY}, n) VALUES ({values}, 1) "
        f"ON CONFLICT ({_TALLY_KEY}) DO UPDATE SET n = {stored} + 1;"
    )


def _postgresql() -> list[str]:
    def body(statements: list[str]) -> str:
        return "\n".join(f"{statement};" for statement in statements)

    link_changed = " OR ".join(
        f"OLD.{column} IS DISTINCT FROM NEW.{column}"
        for column in ("kind", "status", "claim_a_id", "claim_b_id")
    )
    return [
        f"""
        CREATE OR REPLACE FUNCTION claims_link_marks_of_link() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE target integer;
        BEGIN
            IF TG_OP = 'UPDATE' AND NOT ({link_changed}) THEN RETURN NULL; END IF;
            IF TG_OP = 'DELETE' THEN target := OLD.id; ELSE target := NEW.id; END IF;
            {body(refresh("l.id = target", "link_id = target", locked=True))}
            IF TG_OP = 'UPDATE' AND OLD.id <> NEW.id THEN
                {body(refresh("l.id = OLD.id", "link_id = OLD.id", locked=True))}
            END IF;
            RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER claims_link_marks AFTER INSERT OR UPDATE OR DELETE ON claims_claimlink "
        "FOR EACH ROW EXECUTE FUNCTION claims_link_marks_of_link()",
        f"""
        CREATE OR REPLACE FUNCTION claims_link_marks_of_claim() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE target integer;
        BEGIN
            IF TG_OP = 'UPDATE' AND OLD.deleted_at IS NOT DISTINCT FROM NEW.deleted_at
               AND OLD.source_id = NEW.source_id THEN
                RETURN NULL;
            END IF;
            target := OLD.id;
            IF NOT {has_links("target")} THEN RETURN NULL; END IF;
            {body(refresh(*links_of_claim("target"), locked=True))}
            RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER claims_link_marks AFTER UPDATE OR DELETE ON claims_claim "
        "FOR EACH ROW EXECUTE FUNCTION claims_link_marks_of_claim()",
        f"""
        CREATE OR REPLACE FUNCTION claims_link_marks_of_tag() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE target integer;
        BEGIN
            IF TG_OP = 'DELETE' THEN target := OLD.claim_id; ELSE target := NEW.claim_id; END IF;
            IF NOT {has_links("target")} THEN RETURN NULL; END IF;
            {body(refresh(*links_of_claim("target"), locked=True))}
            RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER claims_link_marks AFTER INSERT OR DELETE ON claims_claim_tags "
        "FOR EACH ROW EXECUTE FUNCTION claims_link_marks_of_tag()",
        f"""
        CREATE OR REPLACE FUNCTION claims_link_tally() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN {count_mark("postgresql", "OLD", "-")}
            ELSE {count_mark("postgresql", "NEW", "+")}
            END IF;
            RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER claims_link_tally AFTER INSERT OR DELETE ON claims_linkmark "
        "FOR EACH ROW EXECUTE FUNCTION claims_link_tally()",
    ]


def sqlite_trigger(name: str, event: str, table: str, statements: list[str], when: str = "") -> str:
    """A SQLite trigger running `statements` after `event` on each row of `table`."""
    body = " ".join(f"{statement};" for statement in statements)
    when = f" WHEN {when}" if when else ""
    return f"CREATE TRIGGER {name} AFTER {event} ON {table}{when} BEGIN {body} END"


def _sqlite() -> list[str]:
    link_changed = " OR ".join(
        f"OLD.{column} IS NOT NEW.{column}"
        for column in ("kind", "status", "claim_a_id", "claim_b_id")
    )
    return [
        sqlite_trigger(
            "claims_link_marks_insert",
            "INSERT",
            "claims_claimlink",
            refresh("l.id = NEW.id", "link_id = NEW.id"),
        ),
        sqlite_trigger(
            "claims_link_marks_update",
            "UPDATE",
            "claims_claimlink",
            refresh("l.id = NEW.id", "link_id = NEW.id")
            + refresh("l.id = OLD.id", "link_id = OLD.id"),
            when=link_changed,
        ),
        sqlite_trigger(
            "claims_link_marks_delete",
            "DELETE",
            "claims_claimlink",
            refresh("l.id = OLD.id", "link_id = OLD.id"),
        ),
        sqlite_trigger(
            "claims_link_marks_claim_update",
            "UPDATE",
            "claims_claim",
            refresh(*links_of_claim("OLD.id")),
            when="(OLD.deleted_at IS NOT NEW.deleted_at OR OLD.source_id IS NOT NEW.source_id) "
            f"AND {has_links('OLD.id')}",
        ),
        sqlite_trigger(
            "claims_link_marks_claim_delete",
            "DELETE",
            "claims_claim",
            refresh(*links_of_claim("OLD.id")),
            when=has_links("OLD.id"),
        ),
        sqlite_trigger(
            "claims_link_marks_tag_insert",
            "INSERT",
            "claims_claim_tags",
            refresh(*links_of_claim("NEW.claim_id")),
            when=has_links("NEW.claim_id"),
        ),
        sqlite_trigger(
            "claims_link_marks_tag_delete",
            "DELETE",
            "claims_claim_tags",
            refresh(*links_of_claim("OLD.claim_id")),
            when=has_links("OLD.claim_id"),
        ),
        sqlite_trigger(
            "claims_link_tally_insert",
            "INSERT",
            "claims_linkmark",
            [count_mark("sqlite", "NEW", "+").rstrip(";")],
        ),
        sqlite_trigger(
            "claims_link_tally_delete",
            "DELETE",
            "claims_linkmark",
            [count_mark("sqlite", "OLD", "-").rstrip(";")],
        ),
    ]


TRIGGERS = {"postgresql": _postgresql, "sqlite": _sqlite}
DROP = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS claims_link_marks ON claims_claimlink",
        "DROP TRIGGER IF EXISTS claims_link_marks ON claims_claim",
        "DROP TRIGGER IF EXISTS claims_link_marks ON claims_claim_tags",
        "DROP TRIGGER IF EXISTS claims_link_tally ON claims_linkmark",
        "DROP FUNCTION IF EXISTS claims_link_marks_of_link()",
        "DROP FUNCTION IF EXISTS claims_link_marks_of_claim()",
        "DROP FUNCTION IF EXISTS claims_link_marks_of_tag()",
        "DROP FUNCTION IF EXISTS claims_link_tally()",
    ],
    "sqlite": [
        f"DROP TRIGGER IF EXISTS {name}"
        for name in (
            "claims_link_marks_insert",
            "claims_link_marks_update",
            "claims_link_marks_delete",
            "claims_link_marks_claim_update",
            "claims_link_marks_claim_delete",
            "claims_link_marks_tag_insert",
            "claims_link_marks_tag_delete",
            "claims_link_tally_insert",
            "claims_link_tally_delete",
        )
    ],
}

RECOUNT_TALLY = f"SELECT {_TALLY_KEY}, COUNT(*) FROM ({expected('1 = 1')}) e GROUP BY {_TALLY_KEY}"


def rebuild(cursor) -> None:
    """Mark every link afresh and recount the tallies (inside the caller's transaction)."""
    mark_columns = "link_id, kind, status, tag_id, source_id"
    if connection.vendor == "postgresql":
        # A million marks without a trigger each: the tallies are counted from them after.
        cursor.execute("ALTER TABLE claims_linkmark DISABLE TRIGGER claims_link_tally")
        cursor.execute("DELETE FROM claims_linkmark")
        cursor.execute(f"INSERT INTO claims_linkmark ({mark_columns}) {expected('1 = 1')}")
        cursor.execute("ALTER TABLE claims_linkmark ENABLE TRIGGER claims_link_tally")
        cursor.execute("DELETE FROM claims_linktally")
        cursor.execute(
            f"INSERT INTO claims_linktally ({_TALLY_KEY}, n) SELECT {_TALLY_KEY}, COUNT(*) "
            f"FROM claims_linkmark GROUP BY {_TALLY_KEY}"
        )
    else:  # small: let the mark triggers count
        cursor.execute("DELETE FROM claims_linkmark")
        cursor.execute("DELETE FROM claims_linktally")
        cursor.execute(f"INSERT INTO claims_linkmark ({mark_columns}) {expected('1 = 1')}")
