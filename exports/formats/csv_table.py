"""CSV: one row per claim (`CSV_COLUMNS`), RFC 4180 quoting, `\\r\\n` line ends, optionally a
UTF-8 byte order mark so spreadsheet programs read the encoding right.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with an
apostrophe in front, so a spreadsheet shows it as text and never runs it as a formula (OWASP
"CSV injection"); `neutralize_formula` says exactly how, and why it can be undone. No metadata
line: a comment row would break spreadsheets and CSV readers; the metadata is in the response
headers and the export record.
"""

import csv
import io
import operator
from collections.abc import Callable
from typing import Any

from exports.formats import ClaimSetRows, Pieces
from exports.records import CLAIM, LINKED_CLAIMS, LIST

#: Each column, and the field of the claim record it shows: `key`, or `relation.key` for a
#: field of the article or source the claim inlines. The link columns list the ids of the
#: claims of the set it is linked to.
COLUMN_FIELDS = {
    "claim_id": "id",
    "article_id": "article.id",
    "article_title": "article.title",
    "article_url": "article.url",
    "article_published_on": "article.published_on",
    "quote": "quote",
    "prefix": "prefix",
    "suffix": "suffix",
    "start": "start",
    "end": "end",
    "statement": "statement",
    "source_id": "source.id",
    "source_name": "source.name",
    "source_kind": "source.kind",
    "reliability": "source.reliability",
    "credibility": "credibility",
    "grade": "grade",
    "status": "status",
    "tags": "tags",
    "author": "created_by",
    "reviewer": "reviewed_by",
    "reviewed_at": "reviewed_at",
    **{kind: kind for kind in LINKED_CLAIMS},
}
CSV_COLUMNS = tuple(COLUMN_FIELDS)
#: Separator of several values (tags, claim ids) in one CSV cell.
CSV_LIST_SEPARATOR = "; "
#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_TRIGGER_SET = frozenset(FORMULA_TRIGGERS)


def neutralize_formula(value: str) -> str:
    """`value` as a CSV cell that a spreadsheet shows as text and never runs as a formula.

    If the value, after any apostrophes it starts with, begins with = + - @ tab or CR, one
    apostrophe is put in front. Counting the leading apostrophes (rather than only looking at the
    first character) keeps this reversible: a cell whose text after its apostrophes starts with a
    trigger character had exactly one apostrophe added, so dropping one restores the value.
    """
    first = value[:1]
    if first in _TRIGGER_SET or (first == "'" and value.lstrip("'")[:1] in _TRIGGER_SET):
        return "'" + value
    return value


def _column_reader(path: str) -> Callable[[dict], Any]:
    """A function from a selector row to the cell of the column showing `path`: text never a
    formula, null empty, a list joined."""
    if path in LINKED_CLAIMS:
        ids = operator.itemgetter(path)
        return lambda row: CSV_LIST_SEPARATOR.join(map(str, ids(row)))
    spec, read = CLAIM.field_at(path)
    if spec.json == LIST:
        return lambda row: neutralize_formula(CSV_LIST_SEPARATOR.join(read(row)))
    if str not in spec.json:
        return read
    if type(None) in spec.json:
        return lambda row: neutralize_formula(read(row) or "")
    return lambda row: neutralize_formula(read(row))


_READERS = tuple(_column_reader(path) for path in COLUMN_FIELDS.values())


def _csv_row(row: dict) -> list:
    return [read(row) for read in _READERS]


def csv_pieces(rows: ClaimSetRows, *, bom: bool = False) -> Pieces:
    """A header row, then one row per claim."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # the "excel" dialect: commas, "\r\n", quotes where needed
    if bom:
        buffer.write("\ufeff")
    writer.writerow(CSV_COLUMNS)
    for batch in rows.claims(with_link_ids=True):
        writer.writerows(map(_csv_row, batch))
        yield _drain(buffer), len(batch)
    if buffer.tell():
        yield _drain(buffer), 0


def _drain(buffer: io.StringIO) -> bytes:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode("utf-8")
