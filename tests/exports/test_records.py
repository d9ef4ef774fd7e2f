"""The field table (`exports.records`) is the one every part reads: the selectors read its
lookups, every format writes its keys, the validator checks and fills them, and a field added to
the table shows up in the export without touching anything else."""

import csv
import dataclasses
import datetime
import io
import json

import pytest
from django.db.models import Q

from articles.models import Article
from claims.demo.loader import reset_domain
from claims.models import Claim, ClaimLink
from exports import selectors
from exports.formats import dumps, json_document
from exports.formats.csv_table import COLUMN_FIELDS, DERIVED_COLUMNS
from exports.records import (
    ARTICLE,
    CLAIM,
    DERIVED,
    LINK,
    LINK_STATUSES,
    LINKED_CLAIMS,
    LINKED_UUIDS,
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
        linked = {*LINKED_CLAIMS, *LINK_STATUSES.values(), *LINKED_UUIDS.values()}
        assert set(line) == {*CLAIM.keys, *linked}
        for kind in LINKED_CLAIMS:  # each linked claim's link status and uuid, in the same order
            assert len(line[LINK_STATUSES[kind]]) == len(line[kind])
            assert len(line[LINKED_UUIDS[kind]]) == len(line[kind])
            assert set(line[LINK_STATUSES[kind]]) <= {"proposed", "confirmed", "dismissed"}
        assert tuple(line["article"]) == INLINED["article"].keys
        assert tuple(line["source"]) == INLINED["source"].keys
    statuses = {status for line in lines for status in line["contradicts_status"]}
    assert {"proposed", "confirmed"} <= statuses


def test_every_csv_column_shows_a_field_of_the_table(demo, export, staff_user):
    _, content = export(staff_user, format="csv", status="")
    header = next(csv.reader(io.StringIO(content.decode())))

    assert header == list(COLUMN_FIELDS)
    for path in COLUMN_FIELDS.values():
        if path in LINKED_CLAIMS or path in LINKED_UUIDS.values() or path in DERIVED_COLUMNS:
            continue
        relation, _, key = path.rpartition(".")
        kind = INLINED[relation] if relation else CLAIM
        assert key in kind.keys, path
        assert CLAIM.field_at(path)[0] == kind.field(key)


def test_the_selectors_read_the_table_lookups(demo):
    claims = Claim.objects.all()

    (claim_rows,) = list(selectors.claim_batches(claims, with_link_ids=True))
    link_rows = next(iter(selectors.link_batches(claims)))

    assert set(claim_rows[0]) == {
        *CLAIM.lookups,
        "tags",
        *LINKED_CLAIMS,
        *LINK_STATUSES.values(),
        *LINKED_UUIDS.values(),
    }
    assert set(link_rows[0]) == set(LINK.lookups)


@pytest.mark.parametrize("kind", RECORD_KINDS, ids=lambda kind: kind.name)
def test_the_json_claim_sets_records_are_written_as_the_field_table_reads_them(demo, kind):
    """The JSON claim set builds its records straight from cursor tuples and leaves dates to
    orjson (`ClaimSetQuery.records`); each must come out byte for byte as the field table's
    readers make it from a selector row, dates and moments as `isoformat()` writes them."""
    claims = Claim.objects.all()
    exact_second = datetime.datetime(2026, 3, 1, 12, 0, 0, tzinfo=datetime.UTC)  # no fraction
    claims.filter(pk=claims.order_by("pk").values("pk")[:1]).update(reviewed_at=exact_second)
    Article.objects.filter(pk=Article.objects.order_by("pk").values("pk")[:1]).update(
        published_on=None, title='Zürich — «quoted» "title" 🚀'
    )
    articles = Article.objects.filter(pk__in=claims.values("article_id"))
    outlets = articles.values("outlet_id")
    sources = Source.objects.filter(Q(pk__in=claims.values("source_id")) | Q(pk__in=outlets))
    reads = {  # the rows as `values()` gives them, in id order: what the readers expect
        "articles": lambda: [articles.order_by("pk").values(*ARTICLE.lookups)],
        "sources": lambda: [sources.order_by("pk").values(*SOURCE.lookups)],
        "claims": lambda: selectors.claim_batches(claims, with_link_ids=False),
        "links": lambda: selectors.link_batches(claims),
    }
    rows = [row for batch in reads[kind.name]() for row in batch]
    records = [
        record for batch in selectors.ClaimSetQuery(claims).records(kind) for record in batch
    ]
    assert rows

    assert dumps(records) == b"[" + b",".join(dumps(kind.exported(row)) for row in rows) + b"]"
    if kind.name == "claims":
        written = {dumps(record["reviewed_at"]) for record in records}
        assert {b"null", b'"2026-03-01T12:00:00+00:00"'} <= written
        assert any(record["tags"] for record in records)


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
