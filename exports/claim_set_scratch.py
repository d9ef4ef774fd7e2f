"""Where reading a claim set keeps what grows with the file, off the Python heap: a private
temporary SQLite database (stdlib `sqlite3`, deleted when closed) with a bounded page cache.

Reading a claim set must remember, for every record, things it checks later: the articles'
text (each claim's span is checked against it), every claim's id (links point at them), every
link's pair (one pair may be linked once per kind), every claim's and link's uuid (one names one
record), and the checked records themselves, which
the restore writes after the whole file has passed. Held in Python these grew with the file
(a set entry per claim, every article's text); here the memory is SQLite's page cache
(`CACHE_KIB`) whatever the size, the rest spilling to a temporary file. The restore reads the
checked records back from here instead of parsing the file again.
"""

import datetime
import functools
import marshal
import sqlite3
from collections.abc import Iterable, Iterator

#: SQLite's page cache for the scratch database, in KiB: its memory whatever the file's size.
CACHE_KIB = 4096
#: Checked records are written this many at a time, or fewer when they reach `SPOOL_BYTES`
#: first: a thousand articles with their text held 11 MB, a thousand claims 1 MB.
SPOOL_BATCH = 1000
SPOOL_BYTES = 256 * 1024
#: Article texts kept at hand (claims usually come article by article).
TEXTS_AT_HAND = 64

#: Ids are noted as they come (a file may repeat one: counted when the kind is read) and a batch
#: at a time. A record is spooled in a plain rowid table, in order: a WITHOUT ROWID table keeps
#: each row inside its key's b-tree, where an article's text spills and is copied around.
_SCHEMA = """
CREATE TABLE article (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE record_id (kind TEXT, id INTEGER);
CREATE INDEX record_id_key ON record_id (kind, id);
CREATE TABLE link_pair (a INTEGER, b INTEGER, kind TEXT, PRIMARY KEY (a, b, kind)) WITHOUT ROWID;
CREATE TABLE record_uuid (uuid TEXT PRIMARY KEY, place TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE spool (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, record BLOB NOT NULL);
CREATE TABLE id_here (kind TEXT, file_id INTEGER, id INTEGER NOT NULL, matched INTEGER NOT NULL,
                      PRIMARY KEY (kind, file_id)) WITHOUT ROWID;
CREATE INDEX spool_kind ON spool (kind, seq);
"""
#: Ids noted are written this many at a time.
ID_BATCH = 2000


class Scratch:
    """The scratch database of one reading; `close()` deletes it."""

    def __init__(self):
        # "": a private temporary on-disk database, deleted when the connection closes.
        self.db = sqlite3.connect("", isolation_level=None)
        self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.executescript(_SCHEMA)
        self.db.execute("BEGIN")
        self.text = functools.lru_cache(maxsize=TEXTS_AT_HAND)(self._text)

    def close(self) -> None:
        self.text.cache_clear()
        self.db.close()

    # Articles' text, by the file's id.
    def add_article(self, article_id: int, text: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO article VALUES (?, ?)", (article_id, text))

    def _text(self, article_id: int) -> str | None:
        row = self.db.execute("SELECT text FROM article WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else row[0]

    # Records' ids, by kind.
    def has_id(self, kind: str, record_id) -> bool:
        if not isinstance(record_id, int) or isinstance(record_id, bool):
            return False
        found = self.db.execute(
            "SELECT 1 FROM record_id WHERE kind = ? AND id = ?", (kind, record_id)
        ).fetchone()
        return found is not None

    def ids(self, kind: str) -> "ScratchIds":
        return ScratchIds(self, kind)

    # Links' pairs.
    def add_link_pair(self, low: int, high: int, kind: str) -> bool:
        """Note a link of `kind` between two claims; False if the pair was noted already."""
        inserted = self.db.execute(
            "INSERT OR IGNORE INTO link_pair VALUES (?, ?, ?)", (low, high, kind)
        )
        return bool(inserted.rowcount)

    # Claims' and links' uuids, with where each was first seen.
    def add_uuid(self, value: str, where: str) -> str | None:
        """Note the uuid `value` of the record at `where`; the place of the record noted with it
        before, if any."""
        if self.db.execute(
            "INSERT OR IGNORE INTO record_uuid VALUES (?, ?)", (value, where)
        ).rowcount:
            return None
        (place,) = self.db.execute(
            "SELECT place FROM record_uuid WHERE uuid = ?", (value,)
        ).fetchone()
        return place

    # Checked records, in the file's order.
    def spooled(
        self, kind: str, records: Iterable[dict], moments: tuple[str, ...] = ()
    ) -> Iterator[dict]:
        """Pass `records` through, keeping each (as it is when the next one is asked for) to be
        read again by `unspool(kind)`. `moments` are the keys that may hold a date or a date and
        time: kept as ISO text (`_dumps`)."""
        self.db.execute("DELETE FROM spool WHERE kind = ?", (kind,))
        batch, size = [], 0
        for record in records:
            yield record
            data = _dumps(record, moments)
            batch.append((kind, data))
            size += len(data)
            if len(batch) >= SPOOL_BATCH or size >= SPOOL_BYTES:
                self.db.executemany("INSERT INTO spool (kind, record) VALUES (?, ?)", batch)
                batch, size = [], 0
        self.db.executemany("INSERT INTO spool (kind, record) VALUES (?, ?)", batch)

    def unspool(self, kind: str) -> Iterator[dict]:
        """The records `spooled(kind, …)` kept, in order, one row at a time (a batch of a
        thousand articles would hold their texts at once)."""
        cursor = self.db.execute("SELECT record FROM spool WHERE kind = ? ORDER BY seq", (kind,))
        for (record,) in cursor:
            yield _loads(record)


class ScratchIds:
    """The ids of one kind of record, in the scratch database, to report each id used more
    than once (`exports.claim_set_file.Ids`, for kinds that grow with the file) and to say
    which ids there are (`in`, once all are noted)."""

    def __init__(self, scratch: Scratch, kind: str):
        self.scratch = scratch
        self.kind = kind
        self.pending: list[tuple[str, int]] = []

    def add(self, record_id: int) -> None:
        self.pending.append((self.kind, record_id))
        if len(self.pending) >= ID_BATCH:
            self._flush()

    def _flush(self) -> None:
        self.scratch.db.executemany("INSERT INTO record_id VALUES (?, ?)", self.pending)
        self.pending = []

    def __contains__(self, record_id) -> bool:
        if self.pending:
            self._flush()
        return self.scratch.has_id(self.kind, record_id)

    def report(self, kind, problems) -> None:
        self._flush()
        repeated = self.scratch.db.execute(
            "SELECT id, COUNT(*) FROM record_id WHERE kind = ? GROUP BY id HAVING COUNT(*) > 1 "
            "ORDER BY MIN(rowid)",
            (self.kind,),
        )
        for record_id, uses in repeated:
            problems.add(kind.name, f"the id {record_id} is used {uses} times.")


class IdMap:
    """The id a restore gave (or found) here for each record of one kind, by the file's id, in
    the scratch database: written a batch at a time (`flush` before reading), read a batch at
    a time (`get`). The restore's links look their claims up here."""

    def __init__(self, scratch: Scratch, kind: str, batch: int):
        self.scratch = scratch
        self.kind = kind
        self.batch = batch
        self.pending: list[tuple[str, int, int, bool]] = []

    def add(self, file_id: int, record_id: int, *, matched: bool) -> None:
        self.pending.append((self.kind, file_id, record_id, matched))
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        self.scratch.db.executemany(
            "INSERT OR REPLACE INTO id_here VALUES (?, ?, ?, ?)", self.pending
        )
        self.pending = []

    def get(self, file_ids: Iterable[int]) -> dict[int, tuple[int, bool]]:
        """(id here, matched?) by the file's id, for `file_ids` (a batch: one query)."""
        file_ids = list(file_ids)
        marks = ", ".join("?" * len(file_ids))
        rows = self.scratch.db.execute(
            f"SELECT file_id, id, matched FROM id_here WHERE kind = ? AND file_id IN ({marks})",
            (self.kind, *file_ids),
        )
        return {file_id: (record_id, bool(matched)) for file_id, record_id, matched in rows}


def _dumps(record: dict, moments: tuple[str, ...]) -> bytes:
    """`record` marshalled, its dates and times (under `moments`) as ISO text. Records hold
    what JSON and the checks put there (text, numbers, lists, objects, dates): `marshal`
    writes a claim in 7 µs where `pickle` took 10 (it sends each aware datetime's time zone
    through copyreg), and needs no scan of every value for dates."""
    parsed = []
    for key in moments:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            parsed.append((key, isinstance(value, datetime.datetime)))
    if parsed:
        record = {**record, **{key: record[key].isoformat() for key, _ in parsed}}
    return marshal.dumps((record, parsed))


def _loads(data: bytes) -> dict:
    record, parsed = marshal.loads(data)  # our own, from our own scratch database
    for key, with_time in parsed:
        kind = datetime.datetime if with_time else datetime.date
        record[key] = kind.fromisoformat(record[key])
    return record
