"""JSON Lines: one claim per line, each line complete in itself: the claim record with its
article (without the text) and its source inline, the ids of the claims of the set it is linked
to, and in the same order each link's status (`contradicts_status`: a proposed link nobody has
reviewed is not a confirmed one) and each linked claim's uuid (`contradicts_uuids`: its identity
wherever it is, where the id is its row on the instance exported from). The export metadata is
in the response headers and the export record."""

import operator

from exports.formats import ClaimSetRows, Pieces, dumps
from exports.records import CLAIM, LINK_STATUSES, LINKED_CLAIMS, LINKED_UUIDS


def _line_readers() -> tuple:
    readers = dict(CLAIM.inlined_readers)
    keys = [key for key in readers if key != "source"]
    # A line has always named the source after the statement (the JSON claim set puts its id
    # beside the article's); files in use depend on the order.
    keys.insert(keys.index("statement") + 1, "source")
    linked = [
        (name, operator.itemgetter(name))
        for kind in LINKED_CLAIMS
        for name in (kind, LINK_STATUSES[kind], LINKED_UUIDS[kind])
    ]
    return (*((key, readers[key]) for key in keys), *linked)


LINE_READERS = _line_readers()


def claim_line(row: dict) -> dict:
    """A claim as one line of the file, from a selector row read with its link ids."""
    return {key: read(row) for key, read in LINE_READERS}


def jsonl_pieces(rows: ClaimSetRows) -> Pieces:
    """One JSON object per line, one line per claim."""
    for batch in rows.claims(with_link_ids=True):
        yield b"".join(dumps(claim_line(row)) + b"\n" for row in batch), len(batch)
