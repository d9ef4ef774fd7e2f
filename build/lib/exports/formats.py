"""How a claim set is written in each export format: rows in, UTF-8 bytes out, no database.

Each writer takes a `ClaimSetRows` (the chunked reads of `exports.selectors`) and yields pieces
of the file, each with the number of claims it completes, so the caller can stream, hash, count
and show progress without holding more than one chunk.

- **CSV**: one row per claim (`CSV_COLUMNS`), RFC 4180 quoting, `\\r\\n` line ends, optionally
  a UTF-8 byte order mark so spreadsheet programs read the encoding right. A cell that starts
  with `=`, `+`, `-`, `@`, a tab or a carriage return is written with an apostrophe in front, so
  a spreadsheet shows it as text and never runs it as a formula (OWASP "CSV injection");
  `neutralize_formula` says exactly how, and why it can be undone. No metadata line: a comment
  row would break spreadsheets and CSV readers; the metadata is in the response headers and the
  export record.
- **JSON**: one document with the export metadata, the articles with their text, the sources,
  the claims and the links: everything `exports.importing` needs to restore the set.
- **JSON Lines**: one claim per line, each line complete in itself (article and source inline,
  no article text). Metadata as for CSV.
- **JSON-LD**: a W3C Web Annotation `AnnotationCollection` (see `JSONLD_CONTEXT`).

Start and end offsets are in Unicode code points into the article's normalized text in every
format, which is also what the W3C `TextPositionSelector` counts.
"""

import csv
import datetime
import io
import uuid
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

import orjson

from claims.models import grade

FORMAT_NAME = "corroborate-claim-set"
FORMAT_VERSION = 1

CSV_COLUMNS = (
    "claim_id",
    "article_id",
    "article_title",
    "article_url",
    "article_published_on",
    "quote",
    "prefix",
    "suffix",
    "start",
    "end",
    "statement",
    "source_id",
    "source_name",
    "source_kind",
    "reliability",
    "credibility",
    "grade",
    "status",
    "tags",
    "author",
    "reviewer",
    "reviewed_at",
    "contradicts",
    "corroborates",
)
#: Separator of several values (tags, claim ids) in one CSV cell.
CSV_LIST_SEPARATOR = "; "
#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_TRIGGER_SET = frozenset(FORMULA_TRIGGERS)

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: The W3C Web Annotation context, extended with the terms Corroborate adds: the two link
#: purposes (`contradicting`, `corroborating`, used with motivation `linking`) and the grading
#: and review properties. They live under the `urn:corroborate:vocab:` namespace.
JSONLD_CONTEXT = [
    ANNOTATION_CONTEXT,
    {
        "corr": "urn:corroborate:vocab:",
        "contradicting": "corr:contradicting",
        "corroborating": "corr:corroborating",
        "status": "corr:status",
        "grade": "corr:grade",
        "reliability": "corr:reliability",
        "credibility": "corr:credibility",
        "sourceKind": "corr:sourceKind",
        "reviewedBy": "corr:reviewedBy",
        "reviewedAt": {"@id": "corr:reviewedAt", "@type": "xsd:dateTime"},
        "reviewNote": "corr:reviewNote",
        "filters": {"@id": "corr:filters", "@type": "@json"},
    },
]
LINK_PURPOSES = {"contradicts": "contradicting", "corroborates": "corroborating"}


class ClaimSetRows(Protocol):
    """The chunked reads a writer needs (see `exports.selectors`)."""

    def claims(self, *, with_link_ids: bool) -> Iterable[list[dict]]: ...

    def articles(self) -> Iterable[list[dict]]: ...

    def sources(self) -> Iterable[list[dict]]: ...

    def links(self, *, with_dismissed: bool) -> Iterable[list[dict]]: ...


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


Pieces = Iterator[tuple[bytes, int]]


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dumps(value) -> bytes:
    """`value` as compact UTF-8 JSON (orjson: several times faster than the standard library,
    which is most of the cost of a JSON export)."""
    return orjson.dumps(value)


# --- CSV ---------------------------------------------------------------------------------------


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


def _csv_row(row: dict) -> list:
    cell = neutralize_formula
    return [
        row["id"],
        row["article_id"],
        cell(row["article__title"]),
        cell(row["article__url"]),
        _iso(row["article__published_on"]) or "",
        cell(row["quote"]),
        cell(row["prefix"]),
        cell(row["suffix"]),
        row["start"],
        row["end"],
        cell(row["statement"]),
        row["source_id"],
        cell(row["source__name"]),
        row["source__kind"],
        row["source__reliability"],
        row["credibility"],
        grade(row["source__reliability"], row["credibility"]),
        row["status"],
        cell(CSV_LIST_SEPARATOR.join(row["tags"])),
        cell(row["created_by__username"]),
        cell(row["reviewed_by__username"] or ""),
        _iso(row["reviewed_at"]) or "",
        CSV_LIST_SEPARATOR.join(map(str, row["contradicts"])),
        CSV_LIST_SEPARATOR.join(map(str, row["corroborates"])),
    ]


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


# --- JSON Lines --------------------------------------------------------------------------------


def _claim_line(row: dict) -> dict:
    return {
        "id": row["id"],
        "article": {
            "id": row["article_id"],
            "title": row["article__title"],
            "url": row["article__url"],
            "published_on": _iso(row["article__published_on"]),
            "content_sha256": row["article__content_sha256"],
        },
        "start": row["start"],
        "end": row["end"],
        "quote": row["quote"],
        "prefix": row["prefix"],
        "suffix": row["suffix"],
        "statement": row["statement"],
        "source": {
            "id": row["source_id"],
            "name": row["source__name"],
            "kind": row["source__kind"],
            "reliability": row["source__reliability"],
        },
        "credibility": row["credibility"],
        "grade": grade(row["source__reliability"], row["credibility"]),
        "status": row["status"],
        "tags": row["tags"],
        "created_by": row["created_by__username"],
        "created_at": _iso(row["created_at"]),
        "reviewed_by": row["reviewed_by__username"],
        "reviewed_at": _iso(row["reviewed_at"]),
        "review_note": row["review_note"],
        "contradicts": row["contradicts"],
        "corroborates": row["corroborates"],
    }


def jsonl_pieces(rows: ClaimSetRows) -> Pieces:
    """One JSON object per line, one line per claim."""
    for batch in rows.claims(with_link_ids=True):
        yield b"".join(_dumps(_claim_line(row)) + b"\n" for row in batch), len(batch)


# --- JSON --------------------------------------------------------------------------------------


def _article(row: dict) -> dict:
    return {
        "id": row["id"],
        "title": row["title"],
        "url": row["url"],
        "author": row["author"],
        "published_on": _iso(row["published_on"]),
        "language": row["language"],
        "outlet": row["outlet_id"],
        "original_filename": row["original_filename"],
        "uploaded_by": row["uploaded_by__username"],
        "created_at": _iso(row["created_at"]),
        "content_sha256": row["content_sha256"],
        "text": row["text"],
    }


def _source(row: dict) -> dict:
    return {
        "id": row["id"],
        "name": row["name"],
        "kind": row["kind"],
        "reliability": row["reliability"],
        "description": row["description"],
    }


def _claim(row: dict) -> dict:
    return {
        "id": row["id"],
        "article": row["article_id"],
        "source": row["source_id"],
        "start": row["start"],
        "end": row["end"],
        "quote": row["quote"],
        "prefix": row["prefix"],
        "suffix": row["suffix"],
        "statement": row["statement"],
        "credibility": row["credibility"],
        "grade": grade(row["source__reliability"], row["credibility"]),
        "status": row["status"],
        "tags": row["tags"],
        "created_by": row["created_by__username"],
        "created_at": _iso(row["created_at"]),
        "reviewed_by": row["reviewed_by__username"],
        "reviewed_at": _iso(row["reviewed_at"]),
        "review_note": row["review_note"],
    }


def _link(row: dict) -> dict:
    return {
        "id": row["id"],
        "kind": row["kind"],
        "claim_a": row["claim_a_id"],
        "claim_b": row["claim_b_id"],
        "note": row["note"],
        "status": row["status"],
        "created_by": row["created_by__username"],
        "created_at": _iso(row["created_at"]),
        "decided_by": row["decided_by__username"],
        "decided_at": _iso(row["decided_at"]),
    }


def _items(
    batches: Iterable[list[dict]],
    convert: Callable[[dict], dict],
    *,
    counts_claims: bool,
    written: int = 0,
) -> Generator[tuple[bytes, int], None, int]:
    """The elements of a JSON array, one per line, after `written` earlier ones; returns how
    many elements the array now has."""
    for batch in batches:
        body = b",\n".join(_dumps(convert(row)) for row in batch)
        yield (b"\n" if written == 0 else b",\n") + body, len(batch) if counts_claims else 0
        written += len(batch)
    return written


def _open_object(head: dict) -> bytes:
    """`head` as the start of a JSON object that more members will follow."""
    return _dumps(head)[:-1] + b",\n"


def json_pieces(rows: ClaimSetRows, metadata: ExportMetadata) -> Pieces:
    """`{"format", "version", "export", "articles", "sources", "claims", "links", "totals"}`.

    `totals` (how many of each) comes last because it is counted while the file is written.
    """
    head = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "export": metadata.as_dict()}
    yield _open_object(head), 0
    sections = [
        ("articles", rows.articles(), _article, False),
        ("sources", rows.sources(), _source, False),
        ("claims", rows.claims(with_link_ids=False), _claim, True),
        ("links", rows.links(with_dismissed=True), _link, False),
    ]
    totals = {}
    for name, batches, convert, counts_claims in sections:
        yield b'"%s": [' % name.encode(), 0
        totals[name] = yield from _items(batches, convert, counts_claims=counts_claims)
        yield (b"\n" if totals[name] else b"") + b"],\n", 0
    yield b'"totals": ' + _dumps(totals) + b"}\n", 0


# --- W3C Web Annotation (JSON-LD) ---------------------------------------------------------------


def claim_iri(claim_id: int) -> str:
    return f"urn:corroborate:claim:{claim_id}"


def article_iri(url: str, content_sha256: str) -> str:
    """The article's own URL where it has one; otherwise a URN naming its normalized text, the
    same on every instance that holds the text."""
    return url or f"urn:corroborate:article:{content_sha256}"


def _person(username: str | None) -> dict | None:
    return {"type": "Person", "nickname": username} if username else None


def _without_empty(annotation: dict) -> dict:
    return {key: value for key, value in annotation.items() if value not in (None, "", [])}


def _claim_annotation(row: dict) -> dict:
    body = []
    if row["statement"]:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": row["statement"],
                "format": "text/plain",
            }
        )
    body.append(
        {
            "type": "TextualBody",
            "purpose": "identifying",
            "value": row["source__name"],
            "sourceKind": row["source__kind"],
            "reliability": row["source__reliability"],
        }
    )
    body.append(
        {
            "type": "TextualBody",
            "purpose": "assessing",
            "value": grade(row["source__reliability"], row["credibility"]),
            "reliability": row["source__reliability"],
            "credibility": row["credibility"],
        }
    )
    body.extend({"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in row["tags"])
    return _without_empty(
        {
            "id": claim_iri(row["id"]),
            "type": "Annotation",
            "motivation": "assessing",
            "created": _iso(row["created_at"]),
            "creator": _person(row["created_by__username"]),
            "status": row["status"],
            "reviewedBy": _person(row["reviewed_by__username"]),
            "reviewedAt": _iso(row["reviewed_at"]),
            "reviewNote": row["review_note"],
            "body": body,
            "target": {
                "source": article_iri(row["article__url"], row["article__content_sha256"]),
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": row["quote"],
                        "prefix": row["prefix"],
                        "suffix": row["suffix"],
                    },
                    {"type": "TextPositionSelector", "start": row["start"], "end": row["end"]},
                ],
            },
        }
    )


def _link_annotation(row: dict) -> dict:
    body = [
        {
            "type": "SpecificResource",
            "source": claim_iri(row["claim_b_id"]),
            "purpose": LINK_PURPOSES[row["kind"]],
        }
    ]
    if row["note"]:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": row["note"]})
    return _without_empty(
        {
            "id": f"urn:corroborate:link:{row['id']}",
            "type": "Annotation",
            "motivation": "linking",
            "created": _iso(row["created_at"]),
            "creator": _person(row["created_by__username"]),
            "status": row["status"],
            "body": body,
            "target": claim_iri(row["claim_a_id"]),
        }
    )


def jsonld_pieces(rows: ClaimSetRows, metadata: ExportMetadata) -> Pieces:
    """An `AnnotationCollection` whose first (and only) `AnnotationPage` holds an `Annotation`
    per claim, then one per link between claims of the set (dismissed links left out).

    A claim's target is its article (`article_iri`) with a `TextQuoteSelector` and a
    `TextPositionSelector`; its bodies carry the statement (purpose `describing`), the source
    (`identifying`), the grade (`assessing`) and the tags (`tagging`). A link is an annotation
    with motivation `linking` whose target is one claim and whose body is the other, with
    purpose `contradicting` or `corroborating`. `total` comes last, counted while writing.
    """
    filters = ", ".join(f"{name} {value}" for name, value in metadata.filters.items())
    head = _without_empty(
        {
            "@context": JSONLD_CONTEXT,
            "id": f"urn:uuid:{metadata.id}",
            "type": "AnnotationCollection",
            "label": f"Corroborate claims ({filters or 'any status'})",
            "created": metadata.exported_at.isoformat(),
            "creator": _person(metadata.exported_by),
            "generator": {"type": "Software", "name": "Corroborate"},
            "filters": metadata.filters,
        }
    )
    yield _open_object(head) + b'"first": {"type": "AnnotationPage", "startIndex": 0, "items": [', 0
    written = yield from _items(
        rows.claims(with_link_ids=False), _claim_annotation, counts_claims=True
    )
    written = yield from _items(
        rows.links(with_dismissed=False), _link_annotation, counts_claims=False, written=written
    )
    yield (b"\n" if written else b"") + b']},\n"total": %d}\n' % written, 0
