"""`read_claim_set` reads the file as a stream (ijson): from bytes, text or an open file, a byte
order mark skipped, bad bytes and bad JSON refused saying where, and the articles, claims and
links read back from a scratch database each time rather than held."""

import io
import json
import sqlite3

import pytest

from exports.claim_set_file import _refuse_lone_surrogates
from exports.validation import ClaimSetRefused, read_claim_set

pytestmark = pytest.mark.django_db


def _problems(content) -> list[str]:
    with pytest.raises(ClaimSetRefused) as refused:
        read_claim_set(content)
    return refused.value.problems


def test_an_open_file_is_read_as_the_bytes_are(document):
    content = json.dumps(document).encode()

    from_file = read_claim_set(io.BytesIO(content))
    from_bytes = read_claim_set(content)

    assert list(from_file.claims) == list(from_bytes.claims)
    assert list(from_file.links) == list(from_bytes.links)
    assert from_file.sources == from_bytes.sources
    assert from_file.usernames == from_bytes.usernames


def test_claims_and_links_are_read_again_not_held(document):
    claim_set = read_claim_set(json.dumps(document))

    assert not isinstance(claim_set.claims, list)
    assert len(claim_set.claims) == len(document["claims"])
    assert len(claim_set.links) == len(document["links"])
    first, second = list(claim_set.claims), list(claim_set.claims)
    assert first == second
    assert first[0]["prefix"] == document["claims"][0]["prefix"]
    assert first[0]["created_at"].tzinfo is not None  # dates parsed on every reading
    assert claim_set.tag_names == {tag for claim in document["claims"] for tag in claim["tags"]}


def test_a_byte_order_mark_at_the_start_is_skipped(document):
    claim_set = read_claim_set(b"\xef\xbb\xbf" + json.dumps(document).encode())

    assert len(claim_set.claims) == len(document["claims"])


def test_a_byte_that_is_not_utf8_is_refused_saying_where():
    assert _problems(b'{"format": "\xff"}') == [
        "The file is not UTF-8 text (bad byte at position 12)."
    ]


def test_json_cut_short_is_refused_as_not_valid_json(document):
    content = json.dumps(document)[:-40]

    [problem] = _problems(content)

    assert problem.startswith("The file is not valid JSON (")
    assert problem.endswith("Import the JSON export exactly as it was downloaded.")


def test_a_document_that_is_not_an_object_is_refused():
    assert _problems("[1, 2]") == [
        "The file is not a Corroborate claim-set export (not an object)."
    ]


def test_an_empty_file_is_refused_as_not_valid_json():
    assert _problems(b"")[0].startswith("The file is not valid JSON")


def test_claims_that_are_an_object_are_missing_or_not_a_list(document):
    document["claims"], document["links"] = {"a": 1}, []

    assert "claims: missing, or not a list." in _problems(json.dumps(document))


def test_an_id_used_twice_is_reported_once_with_its_count(document):
    document["claims"].append(dict(document["claims"][0]))
    document["claims"].append(dict(document["claims"][0]))

    problems = _problems(json.dumps(document))

    assert f"claims: the id {document['claims'][0]['id']} is used 3 times." in problems


def test_records_in_any_order_of_the_keys_read_the_same(document):
    """Sources and articles are read in a pass that stops where both end: a file that puts
    them last is read to its end, with the same result."""
    reordered = {key: document[key] for key in ("links", "claims", "articles", "sources")}
    reordered.update((key, value) for key, value in document.items() if key not in reordered)

    usual, last = read_claim_set(json.dumps(document)), read_claim_set(json.dumps(reordered))

    assert next(iter(reordered)) == "links"
    assert list(last.articles) == list(usual.articles)
    assert last.sources == usual.sources
    assert list(last.claims) == list(usual.claims)
    assert list(last.links) == list(usual.links)


def test_a_repeated_article_id_is_refused_in_the_leading_pass(document):
    document["articles"].append(dict(document["articles"][0]))

    problems = _problems(json.dumps(document))

    assert f"articles: the id {document['articles'][0]['id']} is used 2 times." in problems


def test_the_records_live_in_a_scratch_database_deleted_on_close(document):
    claim_set = read_claim_set(json.dumps(document))
    assert len(list(claim_set.articles)) == len(document["articles"])

    claim_set.close()

    with pytest.raises(sqlite3.ProgrammingError):
        list(claim_set.claims)


@pytest.mark.parametrize("chunk_size", [7, 13, 64])
def test_an_escape_cut_by_the_end_of_a_chunk_is_judged_whole(chunk_size):
    """The pass reads the file in chunks: a pair cut in two is a whole character, and a lone
    half at any place is found, at its byte."""
    pair = b'{"a": "' + b"x" * 5 + b"\\ud83d\\ude80" + b'", "b": "\\\\ud800"}'
    for shift in range(chunk_size):
        _refuse_lone_surrogates(io.BytesIO(b" " * shift + pair), chunk_size=chunk_size)
        lone = b" " * shift + b'{"a": "x\\ud800y"}'
        where = lone.index(b"\\ud800")
        with pytest.raises(ClaimSetRefused) as refusal:
            _refuse_lone_surrogates(io.BytesIO(lone), chunk_size=chunk_size)
        assert f"at byte {where}." in refusal.value.problems[0]
