"""How a claim set is written in each export format: rows in, UTF-8 bytes out, no database.

One module per format. Each writer takes a `ClaimSetRows` (the chunked reads of
`exports.selectors`) and yields pieces of the file, each with the number of claims it completes,
so the caller can stream, hash, count and show progress without holding more than one chunk.
The records' keys and values come from the field table, `exports.records`.

- **CSV** (`csv_table`): one row per claim, with grade and link columns.
- **JSON** (`json_document`): one document with the export metadata, the articles with their
  text, the sources, the claims and the links: everything `exports.restore` needs.
- **JSON Lines** (`json_lines`): one claim per line, each line complete in itself (article and
  source inline, no article text).
- **JSON-LD** (`web_annotation`): a W3C Web Annotation `AnnotationCollection`.

Start and end offsets are in Unicode code points into the article's normalized text in every
format, which is also what the W3C `TextPositionSelector` counts.
"""

import datetime
import uuid
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import orjson

if TYPE_CHECKING:
    from exports.records import RecordKind

#: What the JSON claim set says it is (its key "format").
FORMAT_NAME = "corroborate-claim-set"
#: The revision of the JSON claim set's layout (its key "version"): raised only when a file
#: written before could no longer be read the same way. Revision 2 (issue 12) gives each claim
#: its `evaluated_reliability`, and its `grade` is the grade as evaluated (in revision 1 the
#: grade always followed the source's reliability), so an instance that reads only revision 1
#: refuses these files rather than misread their grades.
FORMAT_REVISION = 2
#: The revisions a restore reads. A claim of a revision 1 file records no evaluated
#: reliability: a reviewed one takes its source's reliability in the file, which is what its
#: grade showed when the file was written.
READABLE_FORMAT_REVISIONS = (1, 2)

Pieces = Iterator[tuple[bytes, int]]


class ClaimSetRows(Protocol):
    """The chunked reads a writer needs (see `exports.selectors`)."""

    def claims(self, *, with_link_ids: bool) -> Iterable[list[dict]]: ...

    def links(self, *, with_dismissed: bool) -> Iterable[list[dict]]: ...

    def records(self, kind: "RecordKind") -> Iterable[list[dict]]: ...


@dataclass(frozen=True)
class ExportMetadata:
    """What every export says about itself, in the file or in the response headers."""

    id: uuid.UUID
    exported_at: datetime.datetime
    exported_by: str | None
    via: str
    format: str
    filters: dict[str, str]

    def as_dict(self) -> dict:
        return {
            "id": str(self.id),
            "exported_at": self.exported_at.isoformat(),
            "exported_by": self.exported_by,
            "via": self.via,
            "format": self.format,
            "filters": self.filters,
        }


def dumps(value) -> bytes:
    """`value` as compact UTF-8 JSON (orjson: several times faster than the standard library,
    which is most of the cost of a JSON export). A naive date and time is in UTC (as SQLite
    hands them back) and written as such, with +00:00."""
    return orjson.dumps(value, option=orjson.OPT_NAIVE_UTC)


def open_object(head: dict) -> bytes:
    """`head` as the start of a JSON object that more members will follow."""
    return dumps(head)[:-1] + b",\n"


def array_items(
    batches: Iterable[list[dict]],
    convert: Callable[[list[dict]], list],
    *,
    counts_claims: bool,
    written: int = 0,
) -> Generator[tuple[bytes, int], None, int]:
    """The elements of a JSON array, a batch (`convert`ed from a batch of rows) to a line,
    after `written` earlier ones; returns how many elements the array now has.

    A batch is encoded by one `orjson.dumps` call: a call costs about 4 µs whatever its size,
    which, a record at a time, was most of the time an export took."""
    for batch in batches:
        body = dumps(convert(batch))[1:-1]  # the elements, without the list's brackets
        yield (b"\n" if written == 0 else b",\n") + body, len(batch) if counts_claims else 0
        written += len(batch)
    return written


def each(convert: Callable[[dict], dict]) -> Callable[[list[dict]], list]:
    """A batch converter from a converter of one row."""
    return lambda batch: [convert(row) for row in batch]
