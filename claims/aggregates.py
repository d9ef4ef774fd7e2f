"""Aggregates over the whole evidence base (dashboard counts, contradictions per tag, the
articles matrix), cached until the evidence changes.

Each cached value is keyed by the current `EvidenceGeneration` token. Saving or deleting an
article, source, tag, claim or link, or changing a claim's tags, replaces the token once the
transaction commits (`evidence_changed`, connected in `claims.hooks`), so the next read
computes afresh: the figures are never staler than the last commit. Replacing the token after
the commit, in its own statement, keeps writers from queueing on the row for the length of
their transactions (the claim services replace it as the last statement of theirs instead,
`evidence_write`: one commit per write, the row locked for that commit only); a value computed
from uncommitted-then-committed data is at worst stored under a token that is already retired.

Writes that bypass model signals (`QuerySet.update`, `bulk_create`, raw SQL) must call
`evidence_changed()` themselves when they change what is counted. The cache's timeout
(`AGGREGATE_CACHE_SECONDS`, 0 to switch caching off) only bounds how long unused entries are
kept.
"""

import contextlib
import hashlib
import uuid
from collections.abc import Callable, Iterator
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from claims import statistics
from claims.models import EvidenceGeneration

T = TypeVar("T")
SINGLETON = 1


def evidence_changed(*args, using: str | None = None, **kwargs) -> None:
    """Retire the current token once the surrounding transaction commits (at once outside
    one). A signal receiver, or a plain call after a write that sends no signal. A transaction
    that saves a thousand rows replaces the token once."""
    if not _change_pending(using):
        transaction.on_commit(_replace_token, using=using)


def _change_pending(using: str | None = None) -> bool:
    """Whether the current transaction has changed the evidence (its token is to be replaced
    when it commits)."""
    pending = getattr(transaction.get_connection(using), "run_on_commit", [])
    return any(entry[1] is _replace_token for entry in pending)


@contextlib.contextmanager
def evidence_write(using: str | None = None) -> Iterator[None]:
    """`transaction.atomic()` for a write that changes the evidence. When the block is the
    outermost transaction, the generation is replaced as its last statement and commits with
    the write: one commit instead of two (each commit waits for the write-ahead log to reach
    the disk on PostgreSQL, ~10 ms on a busy one). The row is locked only from that last
    statement to the commit, as long as the statement of its own held it. Nested in a longer
    transaction, the replacement waits for that one's commit (`evidence_changed`)."""
    with transaction.atomic(using=using):
        connection = transaction.get_connection(using)
        outermost = len(connection.atomic_blocks) == 1
        enclosing = getattr(connection, "evidence_write_outermost", False)
        connection.evidence_write_outermost = outermost
        try:
            yield
        finally:
            connection.evidence_write_outermost = enclosing
        if outermost and _change_pending(using):
            _replace_token()
            connection.run_on_commit = [
                entry for entry in connection.run_on_commit if entry[1] is not _replace_token
            ]


def token_replacement(using: str | None = None) -> tuple[str, list] | None:
    """The statement replacing the token and its values, for a write to run as part of its own
    last statement (`claim_inserts`: one round trip less), when that write is the outermost
    `evidence_write` block's and nothing is pending yet; None otherwise (`evidence_changed`,
    as ever). A write that runs it and finds the row updated needs no `evidence_changed`."""
    connection = transaction.get_connection(using)
    if not getattr(connection, "evidence_write_outermost", False) or _change_pending(using):
        return None
    return _replacement(connection)


def _replacement(connection) -> tuple[str, list]:
    meta, quote = EvidenceGeneration._meta, connection.ops.quote_name
    token, changed_at = meta.get_field("token"), meta.get_field("changed_at")
    return (
        f"UPDATE {quote(meta.db_table)} SET {quote(token.column)} = %s, "
        f"{quote(changed_at.column)} = %s WHERE {quote(meta.pk.column)} = %s",
        [
            token.get_db_prep_save(uuid.uuid4(), connection),
            changed_at.get_db_prep_save(timezone.now(), connection),
            SINGLETON,
        ],
    )


def _replace_token() -> None:
    """One UPDATE of the singleton row, written out (the ORM would build and compile it on
    every write: 0.4 ms of CPU of a claim's creation)."""
    connection = transaction.get_connection()
    with connection.cursor() as cursor:
        cursor.execute(*_replacement(connection))
        replaced = cursor.rowcount
    if not replaced:
        EvidenceGeneration.objects.get_or_create(pk=SINGLETON)


def current_token() -> str:
    token = EvidenceGeneration.objects.filter(pk=SINGLETON).values_list("token", flat=True).first()
    return str(token) if token else "no-generation-yet"


def query_key(queryset: QuerySet) -> tuple[str, tuple]:
    """What identifies a queryset's result within one generation: its SQL and parameters (or
    "nothing" for a queryset known to match no row, which has no SQL)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return "nothing", ()
    return sql, tuple(params)


class AggregateCache:
    """Cached aggregates for one request: the generation is read once, on first use."""

    def __init__(self) -> None:
        self._token: str | None = None

    @property
    def token(self) -> str:
        if self._token is None:
            self._token = current_token()
        return self._token

    def get(self, name: str, compute: Callable[[], T], *key: object) -> T:
        """The value of `compute()` for `name` and `key` in the current generation."""
        timeout = settings.AGGREGATE_CACHE_SECONDS
        if not timeout or _change_pending():
            # Figures that count this transaction's own uncommitted writes must not be kept
            # under a generation other processes read (and the writes may yet be rolled back).
            return compute()
        digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
        cache_key = f"corroborate:aggregate:{self.token}:{name}:{digest}"
        value = cache.get(cache_key)
        if value is None:
            value = compute()
            cache.set(cache_key, value, timeout)
        return value

    def contradictions_per_tag(self, links: QuerySet) -> list[tuple[str, int]]:
        """`statistics.contradictions_per_tag(links)`, cached. Keyed without the order, which
        does not change the counts: the dashboard and the unfiltered board share one entry
        whatever order each one's queryset carries."""
        return self.get(
            "contradictions_per_tag",
            lambda: statistics.contradictions_per_tag(links),
            query_key(links.order_by()),
        )
