"""The JSON claim set: the one format a claim set can be restored from (`exports.restore`).

`{"format", "version", "export", "articles", "sources", "claims", "links", "totals"}`: the export
metadata, then every record of each kind as `exports.records` lists its fields.
"""

from exports.formats import (
    FORMAT_NAME,
    FORMAT_REVISION,
    ClaimSetRows,
    ExportMetadata,
    Pieces,
    array_items,
    dumps,
    open_object,
)
from exports.records import ARTICLE, CLAIM, LINK, SOURCE


def _as_they_are(records: list[dict]) -> list[dict]:
    return records


def json_pieces(rows: ClaimSetRows, metadata: ExportMetadata) -> Pieces:
    """The whole claim set as one JSON object. `totals` (how many of each) comes last because
    it is counted while the file is written."""
    head = {"format": FORMAT_NAME, "version": FORMAT_REVISION, "export": metadata.as_dict()}
    yield open_object(head), 0
    totals = {}
    for kind in (ARTICLE, SOURCE, CLAIM, LINK):
        yield b'"%s": [' % kind.name.encode(), 0
        totals[kind.name] = yield from array_items(
            rows.records(kind), _as_they_are, counts_claims=kind is CLAIM
        )
        yield (b"\n" if totals[kind.name] else b"") + b"],\n", 0
    yield b'"totals": ' + dumps(totals) + b"}\n", 0
