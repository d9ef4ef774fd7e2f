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


def json_pieces(rows: ClaimSetRows, metadata: ExportMetadata) -> Pieces:
    """The whole claim set as one JSON object. `totals` (how many of each) comes last because
    it is counted while the file is written."""
    head = {"format": FORMAT_NAME, "version": FORMAT_REVISION, "export": metadata.as_dict()}
    yield open_object(head), 0
    sections = [
        (ARTICLE, rows.articles()),
        (SOURCE, rows.sources()),
        (CLAIM, rows.claims(with_link_ids=False, inlined=False)),
        (LINK, rows.links(with_dismissed=True)),
    ]
    totals = {}
    for kind, batches in sections:
        yield b'"%s": [' % kind.name.encode(), 0
        totals[kind.name] = yield from array_items(
            batches, kind.exported_batch, counts_claims=kind is CLAIM
        )
        yield (b"\n" if totals[kind.name] else b"") + b"],\n", 0
    yield b'"totals": ' + dumps(totals) + b"}\n", 0
