"""New claims in one statement on PostgreSQL (issue 17).

Recording claims writes five tables: the tags (created where new), the claims, their tag rows,
one history record per claim and the history of its tag rows. Through the ORM that is five
statements, each built, compiled and sent on its own (3 of a create's 6 ms of CPU). Here it is
one statement of data-modifying `WITH` clauses, written once from the models' fields, sent with
one array per column whatever the number of claims: one round trip, and the tag rows' history
takes its ids from the tag rows in the database, not back through Python. Its text is the same
for any claims, so it is prepared once per session and planned once (ADR 0016).

The claims' ids are drawn from their sequence in the statement itself, before the inserts, so
that every row of the statement (tag rows, history) can name its claim: an INSERT's RETURNING
says nothing of the input row a claim came from. Tag names are inserted in sorted order, so
two transactions creating the same new tags lock them in the same order (no deadlock), as
`tags_named` does. The triggers (tallies, link marks) fire at the end of the statement,
when every row is in; the foreign keys are checked at commit, as for the ORM's inserts.

SQLite has no `INSERT` inside `WITH`: it takes one statement per table, written the same way
(`insert_claims_in_steps`). `tests/claims/test_claim_inserts.py` holds each to the rows the
ORM's own inserts write.
"""

from collections.abc import Iterable, Sequence
from functools import cache

from django.db import connection
from django.utils import timezone

from claims.aggregates import evidence_changed, token_replacement
from claims.models import Claim, Tag
from project.prepared import PreparedStatement

HistoricalClaim = Claim.history.model

#: What a new claim's history record says besides the claim's own fields.
_HISTORY_EXTRA = ("history_date", "history_change_reason", "history_type", "history_user_id")


def _columns() -> list:
    """The claim's concrete fields as an insert writes them (its id excepted)."""
    return [field for field in Claim._meta.concrete_fields if not field.primary_key]


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _history_extra(user) -> list:
    """The values of `_HISTORY_EXTRA` for new claims recorded now by `user`."""
    date = HistoricalClaim._meta.get_field("history_date")
    return [date.get_db_prep_save(timezone.now(), connection), "", "+", getattr(user, "pk", None)]


def _stored(claim: Claim, pk: int) -> None:
    """Tell `claim` it is stored, under `pk`."""
    claim.pk, claim._state.adding, claim._state.db = pk, False, connection.alias


def tags_named(slugs: Iterable[str]) -> dict[str, Tag]:
    """The tags with these (already slugified) names, created where new, in one statement.

    An upsert rather than read-then-insert: one round trip, and two requests creating the same
    new tag at once both get it. The names are sorted so that two transactions lock the rows
    they share in the same order (no deadlock)."""
    slugs = sorted(set(slugs))
    if not slugs:
        return {}
    tags = Tag.objects.bulk_create(
        [Tag(name=slug) for slug in slugs],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["name"],
    )
    return {tag.name: tag for tag in tags}


@cache
def _statement(replacing: str | None) -> str:
    """The statement; `replacing`, the token's replacement to run in it (or None)."""
    fields = _columns()
    columns = ", ".join(_q(field.column) for field in fields)
    arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
    tracked = [field.column for field in HistoricalClaim.tracked_fields if not field.primary_key]
    history_columns = ", ".join(_q(column) for column in ["id", *tracked, *_HISTORY_EXTRA])
    history_values = ", ".join(["new.id", *(f"i.{_q(column)}" for column in tracked)])
    history_field = HistoricalClaim._meta.get_field
    extra = ", ".join(f"%s::{history_field(name).db_type(connection)}" for name in _HISTORY_EXTRA)
    tags_through = Claim.tags.through._meta.db_table
    history_tags = HistoricalClaim._meta.get_field("historicalclaim_tags").related_model
    return f"""
WITH input AS (
    SELECT * FROM unnest({arrays}) WITH ORDINALITY AS i({columns}, ord)
), new AS (
    SELECT ord, nextval(pg_get_serial_sequence('{Claim._meta.db_table}', 'id')) AS id
    FROM input ORDER BY ord
), wanted AS (
    SELECT * FROM unnest(%s::bigint[], %s::text[]) AS w(ord, name)
), tag AS (
    INSERT INTO {Tag._meta.db_table} (name) SELECT DISTINCT name FROM wanted ORDER BY name
    ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name
    RETURNING id, name
), claim AS (
    INSERT INTO {Claim._meta.db_table} (id, {columns})
    SELECT new.id, {", ".join(f"i.{_q(field.column)}" for field in fields)}
    FROM input i JOIN new USING (ord) ORDER BY ord
), claim_tag AS (
    INSERT INTO {tags_through} (claim_id, tag_id)
    SELECT new.id, tag.id FROM wanted JOIN new USING (ord) JOIN tag USING (name)
    ORDER BY new.id, tag.id
    RETURNING id, claim_id, tag_id
), history AS (
    INSERT INTO {HistoricalClaim._meta.db_table} ({history_columns})
    SELECT {history_values}, {extra} FROM input i JOIN new USING (ord) ORDER BY ord
    RETURNING history_id, id
), history_tag AS (
    INSERT INTO {history_tags._meta.db_table} (id, claim_id, tag_id, history_id)
    SELECT ct.id, ct.claim_id, ct.tag_id, h.history_id FROM claim_tag ct
    JOIN history h ON h.id = ct.claim_id
){f", generation AS ({replacing} RETURNING 1)" if replacing else ""}
SELECT ord, id, NULL FROM new UNION ALL SELECT NULL, id, name FROM tag
{"UNION ALL SELECT 0, 0, NULL FROM generation" if replacing else ""}
"""


@cache
def _prepared(replacing: str | None) -> PreparedStatement:
    # Planned once per session (ADR 0016): planning the statement took 0.6-0.8 ms a create.
    return PreparedStatement(_statement(replacing))


def insert_claims_at_once(
    claims: Sequence[Claim], slugs: Sequence[Sequence[str]], *, user
) -> dict[str, Tag]:
    """Insert new `claims` with the tags named at the same index of `slugs` (created where
    new) and one "+" history record each, by `user`, in one statement. Gives each claim its
    id; returns the tags by name. The evidence token is replaced in the same statement where
    the surrounding `evidence_write` allows (`aggregates.token_replacement`), and is otherwise
    left to `evidence_changed`."""
    fields = _columns()
    columns: list[list] = [[] for _ in fields]
    for claim in claims:
        for values, field in zip(columns, fields, strict=True):
            values.append(field.get_db_prep_save(field.pre_save(claim, True), connection))
    orders = [order for order, names in enumerate(slugs, 1) for _ in names]
    names = [name for claim_names in slugs for name in claim_names]
    parameters = [*columns, orders, names, *_history_extra(user)]
    replacement = token_replacement()
    if replacement:
        parameters += replacement[1]
    with connection.cursor() as cursor:
        statement = _prepared(replacement and replacement[0])
        cursor.execute(statement.runnable(connection, cursor), parameters)
        rows = cursor.fetchall()
    tags, replaced = {}, False
    for order, row_id, name in rows:
        if order == 0:
            replaced = True
        elif name is None:
            _stored(claims[order - 1], row_id)
        else:
            tags[name] = Tag(pk=row_id, name=name)
    if not replaced:
        evidence_changed()
    return tags


#: Values per statement at most (SQLite allows 32,766 parameters).
_MOST_VALUES = 30_000


def _insert_rows(cursor, table: str, columns: Sequence[str], rows: list, returning: str = ""):
    """`rows` into `table`, as few multi-row statements as the parameter limit allows; the
    `returning` columns of the rows, in the order of `rows`."""
    if not rows:
        return []
    names = ", ".join(_q(column) for column in columns)
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    per_statement = max(1, _MOST_VALUES // len(columns))
    returned = []
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        cursor.execute(
            f"INSERT INTO {_q(table)} ({names}) VALUES {', '.join([placeholders] * len(chunk))}"
            + (f" RETURNING {returning}" if returning else ""),
            [value for row in chunk for value in row],
        )
        if returning:
            returned += cursor.fetchall()
    return returned


def insert_claims_in_steps(
    claims: Sequence[Claim], slugs: Sequence[Sequence[str]], *, user
) -> dict[str, Tag]:
    """What `insert_claims_at_once` writes, for a database with no `INSERT` inside `WITH`
    (SQLite): the tags' upsert (`tags_named`), then one statement per table (claims, tag rows,
    history records, their tags), each written from the models' fields as the one statement is,
    without the ORM building and compiling each (half of a create's CPU on SQLite). The
    evidence token is replaced at the end of the transaction (`evidence_changed`)."""
    fields = _columns()
    tracked = [field for field in HistoricalClaim.tracked_fields if not field.primary_key]
    history_tags = HistoricalClaim._meta.get_field("historicalclaim_tags").related_model
    extra = _history_extra(user)
    # created_at and updated_at are set on the claims here, as the ORM's insert sets them.
    values = [
        [field.get_db_prep_save(field.pre_save(claim, True), connection) for field in fields]
        for claim in claims
    ]
    tags = tags_named(name for claim_names in slugs for name in claim_names)
    with connection.cursor() as cursor:
        ids = _insert_rows(
            cursor, Claim._meta.db_table, [field.column for field in fields], values, "id"
        )
        for claim, (pk,) in zip(claims, ids, strict=True):
            _stored(claim, pk)
        wanted = [
            [claim.pk, tags[name].pk]
            for claim, claim_names in zip(claims, slugs, strict=True)
            for name in claim_names
        ]
        tag_rows = _insert_rows(
            cursor,
            Claim.tags.through._meta.db_table,
            ["claim_id", "tag_id"],
            wanted,
            "id, claim_id, tag_id",
        )
        records = [
            [claim.pk]
            + [
                field.get_db_prep_save(getattr(claim, field.attname), connection)
                for field in tracked
            ]
            + extra
            for claim in claims
        ]
        history = dict(
            _insert_rows(
                cursor,
                HistoricalClaim._meta.db_table,
                ["id", *(field.column for field in tracked), *_HISTORY_EXTRA],
                records,
                "id, history_id",
            )
        )
        _insert_rows(
            cursor,
            history_tags._meta.db_table,
            ["id", "claim_id", "tag_id", "history_id"],
            [[row, claim, tag, history[claim]] for row, claim, tag in tag_rows],
        )
    evidence_changed()
    return tags


def new_claims_writer():
    """The writer of new claims for the database in use."""
    return insert_claims_at_once if connection.vendor == "postgresql" else insert_claims_in_steps
