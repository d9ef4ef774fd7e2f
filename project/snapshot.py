"""Reads that see the database as it was at one moment, however long they take.

An export reads its articles, sources, claims and links by separate queries, a chunk at a time,
for as long as the file takes to write (minutes at a million claims), while the team goes on
writing. Read statement by statement, the claims section could hold a claim written after the
articles section was read, on an article the file lacks, and the file would not restore.

`read_snapshot()` runs the reads in one read-only transaction that sees one snapshot:
- PostgreSQL: `REPEATABLE READ, READ ONLY`. Writers are never blocked; a write inside fails.
- SQLite: a deferred transaction (the settings make every other transaction `IMMEDIATE`, which
  would take the write lock for the whole read). In WAL mode, which the settings turn on, its
  first read fixes what it sees, and writers go on meanwhile.
"""

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction


@contextmanager
def read_snapshot(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Every query inside on `using` sees the same snapshot of the database. Inside a
    transaction already begun, the reads run in that transaction, as it is."""
    connection = connections[using]
    if connection.in_atomic_block:
        yield
        return
    with ExitStack() as stack:
        if connection.vendor == "sqlite":
            # The mode is read from the settings when the connection opens: open it first (an
            # export may be the first thing a job worker or a thread asks of the database).
            connection.ensure_connection()
            immediate, connection.transaction_mode = connection.transaction_mode, "DEFERRED"
            try:
                stack.enter_context(transaction.atomic(using=using))  # BEGIN DEFERRED
            finally:
                connection.transaction_mode = immediate
        else:
            stack.enter_context(transaction.atomic(using=using))
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield
