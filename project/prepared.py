"""A read compiled to SQL once and run again with other values (issue 17).

Building a queryset and compiling it costs about 1 ms of CPU on every request, four times the
time the database takes to answer the claims of one article. A hot read whose shape never
changes (only its values do) is compiled once per database connection by `PreparedRead`, then
run as the compiled SQL with the request's values, its rows converted as Django converts them
(times on SQLite, fields with `from_db_value`). What the read means stays written as a queryset.

On PostgreSQL a read is also planned once per session (`PREPARE`, then `EXECUTE` with the
values, under one plan whatever they are: `plan_cache_mode = force_generic_plan`, set on each of
the application's sessions): the claims of one article, a join of five tables, took 1.2 ms to
plan and 0.4 ms to run, on every request. That suits a read by a key; a read whose best plan
depends on its window (a whole table's page) says `plan_once=False`. `DB_PREPARED_STATEMENTS=false`
turns it all off, for a pooler that hands one session's statements to other clients (PgBouncer
in transaction mode).
"""

import datetime
import itertools
import re
import weakref
from collections.abc import Callable, Sequence
from typing import Any

import psycopg
from django.conf import settings
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime

_TIMESTAMPTZ = psycopg.postgres.types["timestamptz"].oid
#: Stand-ins for the values while the queryset is compiled, by the values' type: integers no
#: id takes, texts no key has; found again in the compiled parameters by their position.
_MARKERS = {
    int: (-7_919_000_001, -7_919_000_002, -7_919_000_003, -7_919_000_004),
    str: ("\x00prepared-1", "\x00prepared-2", "\x00prepared-3", "\x00prepared-4"),
}
#: A name for each read's prepared statement, unique in the process (a session is one process's).
_NUMBERS = itertools.count(1)
#: The statements prepared on each PostgreSQL session (psycopg's connection), by name.
_PREPARED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_PLACEHOLDER = re.compile(r"%s|%%")


def connect() -> None:
    """Have every new PostgreSQL session of the application keep one plan per prepared read."""
    connection_created.connect(_plan_once, dispatch_uid="project.prepared")


def _plan_once(sender, connection, **kwargs) -> None:
    # On a new session, before any transaction: a SET in one that rolled back would be undone.
    if connection.vendor == "postgresql" and settings.DB_PREPARED_STATEMENTS:
        with connection.connection.cursor() as cursor:
            cursor.execute("SET plan_cache_mode = force_generic_plan")


class PreparedRead:
    """`build(*values)` returns the queryset of rows (`values_list()`, unsliced) for `values`
    of the types `kinds` (integers by default); `rows(*values, offset=, limit=)` runs it,
    compiled at its first use on each connection. Every value must reach the SQL as one
    parameter: the compilation refuses a queryset that folds one into its text or uses it
    twice. `plan_once`: on PostgreSQL, prepared on each session and planned once there."""

    def __init__(
        self,
        build: Callable[..., QuerySet],
        *,
        kinds: tuple[type, ...] | None = None,
        using: str = "default",
        plan_once: bool = True,
    ):
        self.build = build
        self.kinds = kinds or (int,) * build.__code__.co_argcount
        self.using = using
        self.plan_once = plan_once
        self.name = f"corroborate_read_{next(_NUMBERS)}"
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def _compile(self, connection) -> tuple["PreparedStatement", list, list, list]:
        markers = [_MARKERS[kind][n] for n, kind in enumerate(self.kinds)]
        queryset = self.build(*markers)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        params = list(params)
        slots = []
        for marker in markers:
            if params.count(marker) != 1:
                raise ValueError(f"{self.build!r}: each value must be one SQL parameter.")
            slots.append(params.index(marker))
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = sorted(compiler.get_converters(fields).items())
        if connection.vendor == "sqlite" and settings.USE_TZ:
            converters = _quick_times(converters, connection)
        statement = PreparedStatement(f"{sql} LIMIT %s OFFSET %s", name=self.name)
        return statement, params, slots, converters

    def rows(self, *values: int | str, offset: int, limit: int) -> list[Sequence[Any]]:
        connection = connections[self.using]
        compiled = self._compiled.get(connection)
        if compiled is None:
            compiled = self._compiled[connection] = self._compile(connection)
        statement, params, slots, converters = compiled
        params = list(params)
        for slot, kind, value in zip(slots, self.kinds, values, strict=True):
            params[slot] = kind(value)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and settings.USE_TZ:
                native_times(cursor.cursor)
            sql = statement.runnable(connection, cursor) if self.plan_once else statement.sql
            cursor.execute(sql, [*params, limit, offset])
            rows = cursor.fetchall()
        if not converters:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for position, (functions, expression) in converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
            converted.append(row)
        return converted


class PreparedStatement:
    """SQL with `%s` parameters as a statement prepared once on each PostgreSQL session:
    `ready` returns the `EXECUTE` to run with the same parameters, preparing it on the session
    first. `runnable` gives the SQL itself where statements are not prepared."""

    def __init__(self, sql: str, *, name: str | None = None):
        self.sql = sql
        self.name = name or f"corroborate_statement_{next(_NUMBERS)}"
        numbers = itertools.count(1)
        numbered = _PLACEHOLDER.sub(lambda m: "%" if m[0] == "%%" else f"${next(numbers)}", sql)
        self.prepare = f"PREPARE {self.name} AS {numbered}"
        self.execute = f"EXECUTE {self.name}({', '.join(['%s'] * (next(numbers) - 1))})"

    def ready(self, connection, cursor) -> str:
        prepared = _PREPARED.setdefault(connection.connection, set())
        if self.name not in prepared:
            # Not undone by a rollback; no placeholders left for the driver to fill.
            cursor.cursor.execute(self.prepare)
            prepared.add(self.name)
        return self.execute

    def runnable(self, connection, cursor) -> str:
        """What to run with the parameters on `connection` and its `cursor`."""
        if connection.vendor == "postgresql" and settings.DB_PREPARED_STATEMENTS:
            return self.ready(connection, cursor)
        return self.sql


def _quick_times(converters: list, connection) -> list:
    """SQLite's converters with Django's time converter replaced by one that gives the same
    aware time without reading the settings and checking the zone for each value (8 µs a value
    through `settings.USE_TZ` and `make_aware`: 4 ms of a page of 500 claims)."""
    zone = connection.timezone
    slow = connection.ops.convert_datetimefield_value

    def aware(value, expression, connection):
        if value is None:
            return None
        if not isinstance(value, datetime.datetime):
            value = parse_datetime(value)
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)

    return [
        (position, ([aware if function == slow else function for function in functions], expr))
        for position, (functions, expr) in converters
    ]


def native_times(cursor) -> None:
    """Read times with psycopg's own loader (C, in its binary build) instead of Django's, which
    is written in Python and costs 3 µs a value: 3 ms of a page of 500 claims. With USE_TZ
    both give the same aware time, in the session's time zone (UTC, as Django sets it); only
    the tzinfo object may differ, which neither a comparison nor the formatting sees."""
    loader = psycopg.adapters.get_loader(_TIMESTAMPTZ, psycopg.pq.Format.TEXT)
    cursor.adapters.register_loader(_TIMESTAMPTZ, loader)


class PreparedRows:
    """The rows of a `PreparedRead` for some values, as a paginator reads them: sliced (one
    query per slice) and counted by `count()`, asked only when the paginator needs the
    total."""

    def __init__(self, read: PreparedRead, *values: int, count: Callable[[], int]):
        self.read = read
        self.values = values
        self._count = count

    def count(self) -> int:
        return self._count()

    def __getitem__(self, window: slice) -> list[Sequence[Any]]:
        start = window.start or 0
        return self.read.rows(*self.values, offset=start, limit=window.stop - start)


class PreparedGet:
    """A row of `queryset` by its primary key, as a model instance with every field loaded, by
    one `PreparedRead`: what `queryset.filter(pk=pk).first()` reads, without building and
    compiling that query on each request (about 0.6 ms of CPU a lookup)."""

    def __init__(self, queryset: QuerySet, using: str = "default"):
        self.model = queryset.model
        self.fields = [field.attname for field in self.model._meta.concrete_fields]
        self.read = PreparedRead(
            lambda pk: queryset.filter(pk=pk).order_by().values_list(*self.fields), using=using
        )

    def __call__(self, pk: int):
        """The instance with primary key `pk`, or None when there is none."""
        rows = self.read.rows(pk, offset=0, limit=1)
        return self.model.from_db(self.read.using, self.fields, rows[0]) if rows else None
