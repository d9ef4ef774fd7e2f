"""The JSON claim set's reads: each kind of record as the file writes it, a chunk at a time,
read with a database cursor in the record's own column order.

The JSON claim set inlines nothing and converts nothing a JSON encoder cannot: its records are
the columns of one row each (plus a claim's tags and grade). So this path skips what the other
formats need from `exports.selectors` (rows as dicts of lookups, Django's per-value converters,
one reader call per field): the rows come from the cursor as tuples, and a record is built from
each by one C-level pick (`RecordKind.records_from_tuples`). On PostgreSQL the cursor is
server-side and reads time stamps with psycopg's compiled loader (Django's own wraps it in
Python, which was a fifth of an export's time); on SQLite time stamps come back naive, in UTC,
and the encoder writes them with their +00:00 (`exports.formats.dumps`).
"""

from collections import defaultdict
from collections.abc import Iterator

from django.db import connections
from django.db.models import QuerySet

from claims.models import Claim
from exports.records import RecordKind
from project.prepared import native_times


def tuples(
    queryset: QuerySet,
    lookups: tuple[str, ...],
    size: int,
    *,
    by_keys: bool = False,
    order: str = "pk",
) -> Iterator[list[tuple]]:
    """`queryset` in `order` (id order by default) as tuples of `lookups`, `size` rows at a
    time.

    Through a server-side cursor on PostgreSQL, so that memory stays flat whatever the number of
    rows; it stops at the first short chunk, without asking for the empty one that would follow
    (on PostgreSQL each is a round trip). `by_keys`: the queryset selects at most `size` rows by
    a list of their keys; they are read by one query on a plain cursor (a server-side one would
    hold the same rows, after three more round trips)."""
    query = queryset.order_by(order).values_list(*lookups).query
    connection = connections[queryset.db]
    sql, params = query.get_compiler(connection=connection).as_sql()
    with connection.cursor() if by_keys else connection.chunked_cursor() as cursor:
        if connection.vendor == "postgresql":
            native_times(cursor.cursor)
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(size):
            yield rows
            if len(rows) < size:
                break


def tags_in_range(first: int, last: int) -> dict[int, list[str]]:
    """The tag names of the claims with ids from `first` to `last`, by claim id, each list
    sorted by code point (in Python: the same order on every database, whatever its
    collation)."""
    tags = defaultdict(list)
    through = Claim.tags.through.objects.filter(claim_id__gte=first, claim_id__lte=last)
    for claim_id, name in through.order_by().values_list("claim_id", "tag__name"):
        tags[claim_id].append(name)
    for names in tags.values():
        names.sort()
    return tags


def records(
    queryset: QuerySet, kind: RecordKind, size: int, *, by_keys: bool = False
) -> Iterator[list[dict]]:
    """The records of `kind` for the rows of `queryset`, in id order, `size` at a time
    (`by_keys`: see `tuples`)."""
    lookups = kind.own_lookups
    id_at = lookups.index("id")
    for rows in tuples(queryset, lookups, size, by_keys=by_keys):
        tags = tags_in_range(rows[0][id_at], rows[-1][id_at]) if kind.has_tags else None
        yield kind.records_from_tuples(rows, lookups, tags)
