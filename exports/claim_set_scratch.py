"""Where reading a claim set keeps what grows with the file, off the Python heap: a private
temporary SQLite database (stdlib `sqlite3`, deleted when closed) with a bounded page cache.

Reading a claim set must remember, for every record, things it checks later: the articles'
text (each claim's span is checked against it), every claim's id (links point at them), every
link's pair (one pair may be linked once per kind), and the checked records themselves, which
the restore writes after the whole file has passed. Held in Python these grew with the file
(a set entry per claim, every article's text); here the memory is SQLite's page cache
(`CACHE_KIB`) whatever the size, the rest spilling to a temporary file. The restore reads the
checked records back from here instead of parsing the file again.
"""

import datetime
import functools
import pickle
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator

#: SQLite's page cache for the scratch database, in KiB: its memory whatever the file's size.
CACHE_KIB = 4096
#: Checked records are written this many at a time.
SPOOL_BATCH = 1000
#: Article texts kept at hand (claims usually come article by article).
TEXTS_AT_HAND = 64

_SCHEMA = """
CREATE TABLE article (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE record_id (kind TEXT, id INTEGER, PRIMARY KEY (kind, id)) WITHOUT ROWID;
CREATE TABLE link_pair (a INTEGER, b INTEGER, kind TEXT, PRIMARY KEY (a, b, kind)) WITHOUT ROWID;
CREATE TABLE spool (kind TEXT NOT NULL, seq INTEGER NOT NULL, record BLOB NOT NULL,
                    PRIMARY KEY (kind, seq)) WITHOUT ROWID;
"""


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
    def add_id(self, kind: str, record_id: int) -> bool:
        """Note the id of a record of `kind`; False if it was noted already."""
        inserted = self.db.execute(
            "INSERT OR IGNORE INTO record_id VALUES (?, ?)", (kind, record_id)
        )
        return bool(inserted.rowcount)

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

    # Checked records, in the file's order.
    def spooled(self, kind: str, records: Iterable[dict]) -> Iterator[dict]:
        """Pass `records` through, keeping each (as it is when the next one is asked for) to be
        read again by `unspool(kind)`."""
        self.db.execute("DELETE FROM spool WHERE kind = ?", (kind,))
        batch = []
        for seq, record in enumerate(records):
            yield record
            batch.append((kind, seq, _dumps(record)))
            if len(batch) >= SPOOL_BATCH:
                self.db.executemany("INSERT INTO spool VALUES (?, ?, ?)", batch)
                batch = []
        self.db.executemany("INSERT INTO spool VALUES (?, ?, ?)", batch)

    def unspool(self, kind: str) -> Iterator[dict]:
        """The records `spooled(kind, …)` kept, in order, a batch at a time."""
        cursor = self.db.execute("SELECT record FROM spool WHERE kind = ? ORDER BY seq", (kind,))
        while rows := cursor.fetchmany(SPOOL_BATCH):
            for (record,) in rows:
                yield _loads(record)


class ScratchIds:
    """The ids of one kind of record seen so far, in the scratch database, to report each id
    used more than once (`exports.claim_set_file.Ids`, for kinds that grow with the file)."""

    def __init__(self, scratch: Scratch, kind: str):
        self.scratch = scratch
        self.kind = kind
        self.repeated: Counter = Counter()

    def add(self, record_id: int) -> None:
        if not self.scratch.add_id(self.kind, record_id):
            self.repeated[record_id] += 1

    def __contains__(self, record_id) -> bool:
        return self.scratch.has_id(self.kind, record_id)

    def report(self, kind, problems) -> None:
        for record_id, repeats in self.repeated.items():
            problems.add(kind.name, f"the id {record_id} is used {repeats + 1} times.")


def _dumps(record: dict) -> bytes:
    """`record` pickled, its aware datetimes as ISO text: pickling one costs ~40 µs (its time
    zone goes through copyreg), ten times the rest of a claim."""
    moments = tuple(key for key, value in record.items() if isinstance(value, datetime.datetime))
    if moments:
        record = {**record, **{key: record[key].isoformat() for key in moments}}
    return pickle.dumps((record, moments), pickle.HIGHEST_PROTOCOL)


def _loads(data: bytes) -> dict:
    record, moments = pickle.loads(data)  # our own pickles, from our own scratch database
    for key in moments:
        record[key] = datetime.datetime.fromisoformat(record[key])
    return record
