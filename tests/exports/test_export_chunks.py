"""An export reads each section a chunk at a time (`exports.selectors`): whatever the chunk sizes,
the file holds every record once, in the same order. The demo's 8 articles, 12 sources, 40 claims
and 15 links are read here in chunks that divide them exactly (the last chunk full: the read must
not stop early, nor ask past the end) and in chunks that leave a short last one."""

import pytest

from exports import selectors


def _records(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "export"}


@pytest.mark.parametrize(
    ("claims", "articles", "links"),
    [(5, 4, 5), (7, 3, 4), (1, 1, 1)],
    ids=["exact", "short-last", "one-at-a-time"],
)
def test_a_json_export_read_in_small_chunks_holds_every_record_once(
    demo, export_json, staff_user, monkeypatch, claims, articles, links
):
    whole = export_json(staff_user, status="all")
    monkeypatch.setattr(selectors, "CLAIM_CHUNK_SIZE", claims)
    monkeypatch.setattr(selectors, "ARTICLE_CHUNK_SIZE", articles)
    monkeypatch.setattr(selectors, "LINK_CHUNK_SIZE", links)

    chunked = export_json(staff_user, status="all")

    assert _records(chunked) == _records(whole)
    assert chunked["totals"] == {"articles": 8, "sources": 12, "claims": 40, "links": 15}
