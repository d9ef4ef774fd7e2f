"""CSV: one row per claim (`CSV_COLUMNS`), RFC 4180 quoting, `\\r\\n` line ends, optionally a
UTF-8 byte order mark so spreadsheet programs read the encoding right.

The CSV is for people reading a table: the prefix and suffix are cut at word boundaries with
line breaks made spaces (`readable_context`), the link columns give each linked claim with the
status of the link (`41:confirmed; 57:proposed`) and, in columns of their own, the same claims'
uuids (`contradicts_uuids`), and the grade is given as evaluated (`grade`, `reliability`) and as
the source's current rating would make it (`source_reliability_now`, `grade_now`). A claim's
`uuid` is its identity wherever it is, `claim_id` its row on the instance exported from. The
JSON claim set keeps the exact context for re-anchoring and restoring.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with an
apostrophe in front, so a spreadsheet shows it as text and never runs it as a formula (OWASP
"CSV injection"); `neutralize_formula` says exactly how, and why it can be undone. No metadata
line: a comment row would break spreadsheets and CSV readers; the metadata is in the response
headers and the export record.
"""

import csv
import io
import operator
import re
from collections.abc import Callable
from typing import Any

from claims.models import CONTEXT_LENGTH, grade, graded_reliability
from exports.formats import ClaimSetRows, Pieces
from exports.records import CLAIM, LINK_STATUSES, LINKED_CLAIMS, LINKED_UUIDS, LIST

#: Each column, and the field of the claim record it shows: `key`, or `relation.key` for a
#: field of the article or source the claim inlines. The link columns list the ids of the
#: claims of the set it is linked to (with each link's status), then their uuids in the same
#: order. `uuid` is the claim's identity wherever it is; `claim_id` its row where exported.
COLUMN_FIELDS = {
    "claim_id": "id",
    "uuid": "uuid",
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
    "reliability": "reliability",
    "credibility": "credibility",
    "grade": "grade",
    "source_reliability_now": "source.reliability",
    "grade_now": "grade_now",
    "status": "status",
    "tags": "tags",
    "author": "created_by",
    "reviewer": "reviewed_by",
    "reviewed_at": "reviewed_at",
    "review_note": "review_note",
    **{kind: kind for kind in LINKED_CLAIMS},
    **{LINKED_UUIDS[kind]: LINKED_UUIDS[kind] for kind in LINKED_CLAIMS},
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


_LINE_BREAKS = re.compile(r"[ \t]*[\r\n][\s]*")
_FIRST_SPACE = re.compile(r"\s")


def _one_line(text: str) -> str:
    if "\n" not in text and "\r" not in text:  # most contexts: no pattern to run
        return text
    return _LINE_BREAKS.sub(" ", text)


def readable_context(row: dict) -> tuple[str, str]:
    """The claim's prefix and suffix as a CSV shows them: cut at word boundaries, line breaks
    made spaces. Where the `CONTEXT_LENGTH` code points kept on a side may have cut a word, that
    outer word is left out: the first word of a full-length prefix that does not start the text,
    the last word of a full-length suffix (the row does not carry the text's length, so a last
    word that happens to end the text is left out too). A side with no white space at all
    (Chinese, Japanese, Thai) is kept whole: there are no words to cut at."""
    prefix, suffix = row["prefix"], row["suffix"]
    if len(prefix) == CONTEXT_LENGTH and row["start"] > CONTEXT_LENGTH:
        cut = _FIRST_SPACE.search(prefix)
        prefix = prefix[cut.start() :].lstrip() if cut else prefix
    if len(suffix) == CONTEXT_LENGTH:
        cut = max(suffix.rfind(" "), suffix.rfind("\n"), suffix.rfind("\t"))
        suffix = suffix[:cut].rstrip() if cut >= 0 else suffix
    return _one_line(prefix), _one_line(suffix)


def _graded_reliability(row: dict) -> str:
    return graded_reliability(row["evaluated_reliability"], row["source__reliability"])


def _grade_now(row: dict) -> str:
    return grade(row["source__reliability"], row["credibility"])


def _links_with_status(kind: str) -> Callable[[dict], str]:
    ids, statuses = operator.itemgetter(kind), operator.itemgetter(LINK_STATUSES[kind])
    return lambda row: CSV_LIST_SEPARATOR.join(
        f"{claim_id}:{status}" for claim_id, status in zip(ids(row), statuses(row), strict=True)
    )


def _linked_uuids(kind: str) -> Callable[[dict], str]:
    uuids = operator.itemgetter(LINKED_UUIDS[kind])
    return lambda row: CSV_LIST_SEPARATOR.join(uuids(row))


#: Columns that show no one field of the claim record but are worked out from its fields (the
#: reliability in the grade, the grade the source's current rating would make).
DERIVED_COLUMNS: dict[str, Callable[[dict], Any]] = {
    "reliability": _graded_reliability,
    "grade_now": _grade_now,
}
#: The key under which `_csv_row` leaves a row's `readable_context`, worked out once for its
#: two columns.
_CONTEXT = "_readable_context"

#: Columns computed here from the row rather than read as they are.
_COMPUTED_COLUMNS: dict[str, Callable[[dict], Any]] = {
    "prefix": lambda row: neutralize_formula(row[_CONTEXT][0]),
    "suffix": lambda row: neutralize_formula(row[_CONTEXT][1]),
    **DERIVED_COLUMNS,
    **{kind: _links_with_status(kind) for kind in LINKED_CLAIMS},
    **{LINKED_UUIDS[kind]: _linked_uuids(kind) for kind in LINKED_CLAIMS},
}


def _column_reader(path: str) -> Callable[[dict], Any]:
    """A function from a selector row to the cell of the column showing `path`: text never a
    formula, null empty, a list joined."""
    if path in _COMPUTED_COLUMNS:
        return _COMPUTED_COLUMNS[path]
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
    row[_CONTEXT] = readable_context(row)
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
