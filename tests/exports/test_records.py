"""The field table (`exports.records`) is the one every part reads: the selectors read its
lookups, every format writes its keys, the validator checks and fills them, and a field added to
the table shows up in the export without touching anything else."""

import csv
import dataclasses
import datetime
import io
import json

import orjson
import pytest

from articles.models import Article
from claims.demo.loader import reset_domain
from claims.models import Claim, ClaimLink
from exports import selectors
from exports.formats import json_document
from exports.formats.csv_table import COLUMN_FIELDS, DERIVED_COLUMNS
from exports.records import (
    ARTICLE,
    CLAIM,
    DERIVED,
    LINK,
    LINK_STATUSES,
    LINKED_CLAIMS,
    RECORD_KINDS,
    SOURCE,
    TEXT,
    Field,
    Role,
)
from exports.restore import claim_set_import
from sources.models import Source

pytestmark = pytest.mark.django_db

INLINED = dict(CLAIM.inlined)


def test_each_json_record_has_the_table_keys_in_order(demo, export_json, staff_user):
    document = export_json(staff_user, status="")

    for kind in RECORD_KINDS:
        assert document[kind.name], kind.name
        assert {tuple(record) for record in document[kind.name]} == {kind.keys}


def test_a_json_lines_claim_has_the_claim_keys_with_article_and_source_inline(
    demo, export, staff_user
):
    _, content = export(staff_user, format="jsonl", status="")
    lines = [json.loads(line) for line in content.decode().splitlines()]

    assert lines
    for line in lines:
        assert set(line) == {*CLAIM.keys, *LINKED_CLAIMS}
        assert tuple(line["article"]) == INLINED["article"].keys
        assert tuple(line["source"]) == INLINED["source"].keys


def test_every_csv_column_shows_a_field_of_the_table(demo, export, staff_user):
    _, content = export(staff_user, format="csv", status="")
    header = next(csv.reader(io.StringIO(content.decode())))

    assert header == list(COLUMN_FIELDS)
    for path in COLUMN_FIELDS.values():
        if path in LINKED_CLAIMS or path in DERIVED_COLUMNS:
            continue
        relation, _, key = path.rpartition(".")
        kind = INLINED[relation] if relation else CLAIM
        assert key in kind.keys, path
        assert CLAIM.field_at(path)[0] == kind.field(key)


def test_the_selectors_read_the_table_lookups(demo):
    claims = Claim.objects.all()

    (claim_rows,) = list(selectors.claim_batches(claims, with_link_ids=True))
    article_rows = next(iter(selectors.article_batches(claims)))
    source_rows = next(iter(selectors.source_batches(claims)))
    link_rows = next(iter(selectors.link_batches(claims)))

    assert set(claim_rows[0]) == {
        *CLAIM.lookups,
        "tags",
        *LINKED_CLAIMS,
        *LINK_STATUSES.values(),
    }
    assert set(article_rows[0]) == set(ARTICLE.lookups)
    assert set(source_rows[0]) == set(SOURCE.lookups)
    assert set(link_rows[0]) == set(LINK.lookups)


@pytest.mark.parametrize("kind", RECORD_KINDS, ids=lambda kind: kind.name)
def test_a_batch_is_written_byte_for_byte_as_each_record_would_be(demo, kind):
    """The JSON claim set encodes a batch at once (`exported_batch`, dates left to orjson);
    each record must come out as `exported` writes it, dates and moments as `isoformat()`."""
    claims = Claim.objects.all()
    exact_second = datetime.datetime(2026, 3, 1, 12, 0, 0, tzinfo=datetime.UTC)
    claims.filter(pk=claims.order_by("pk").values("pk")[:1]).update(reviewed_at=exact_second)
    Article.objects.filter(pk=Article.objects.order_by("pk").values("pk")[:1]).update(
        published_on=None, title='Zürich — «quoted» "title" 🚀'
    )
    reads = {
        "articles": lambda: selectors.article_batches(claims),
        "sources": lambda: selectors.source_batches(claims),
        "claims": lambda: selectors.claim_batches(claims, with_link_ids=False, inlined=False),
        "links": lambda: selectors.link_batches(claims),
    }
    rows = [row for batch in reads[kind.name]() for row in batch]
    assert rows
    one_by_one = b"[" + b",".join(orjson.dumps(kind.exported(dict(row))) for row in rows) + b"]"

    assert orjson.dumps(kind.exported_batch(rows)) == one_by_one
    if kind.name == "claims":
        moments = {row["reviewed_at"] for row in kind.exported_batch(rows)}
        assert {None, exact_second} <= moments


def test_a_field_added_to_the_table_is_exported(demo, export_json, staff_user, monkeypatch):
    extra = Field("kind_again", "kind", TEXT)
    widened = dataclasses.replace(SOURCE, fields=(*SOURCE.fields, extra))
    monkeypatch.setattr(json_document, "SOURCE", widened)
    monkeypatch.setattr(selectors, "SOURCE", widened)

    document = export_json(staff_user, status="")

    assert all(source["kind_again"] == source["kind"] for source in document["sources"])


def test_a_file_with_only_the_required_keys_is_restored_with_the_table_defaults(
    demo, export_json, staff_user
):
    document = export_json(staff_user, status="")
    for kind in RECORD_KINDS:
        required = {spec.key for spec in kind.fields if spec.required}
        document[kind.name] = [
            {key: value for key, value in record.items() if key in required}
            for record in document[kind.name]
        ]
    reset_domain()

    summary = claim_set_import(content=json.dumps(document), user=staff_user)

    assert summary.created["claims"] == len(document["claims"])
    claim = Claim.objects.order_by("pk").first()
    defaults = {spec.key: spec.default for spec in CLAIM.fields if spec.default is not DERIVED}
    assert claim.status == defaults["status"]
    assert claim.credibility == defaults["credibility"]
    assert list(claim.tags.all()) == []


@pytest.mark.parametrize(
    ("kind", "model"), [(ARTICLE, Article), (SOURCE, Source), (CLAIM, Claim), (LINK, ClaimLink)]
)
def test_every_field_the_restore_sets_is_an_attribute_of_the_model(kind, model):
    names = {field.name for field in model._meta.get_fields()}
    for spec in kind.fields:
        if spec.role not in (Role.ID, Role.COMPUTED, Role.TAGS):
            assert spec.attribute in names, spec.key
