"""Claim sets with awkward text (emoji, quotes, commas, newlines, leading = signs, tabs) come
back unchanged from every format that can be read back."""

import csv
import io
import json
from itertools import pairwise

import pytest
from django.db import transaction
from django.utils.text import slugify
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.ingest.normalize import normalize_text
from claims.demo.loader import reset_domain
from claims.models import ClaimStatus
from exports.formats.csv_table import FORMULA_TRIGGERS, neutralize_formula, readable_context
from exports.restore import claim_set_import
from sources.services import one_line
from tests.factories import ArticleFactory, ClaimFactory, ClaimLinkFactory, SourceFactory

pytestmark = pytest.mark.django_db

AWKWARD_CHARACTERS = [
    *list("aZ =+-@\t\r\n,;:\"'\\<>&é…"),
    "😀",
    "🇺",
    "🇦",
    "\u2028",
    "\u00a0",
    "\u0301",
]
awkward_text = st.text(
    alphabet=st.sampled_from(AWKWARD_CHARACTERS)
    | st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    min_size=1,
    max_size=60,
)
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def restore_formula(cell: str) -> str:
    """Undo `neutralize_formula`: the inverse a CSV reader applies."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_TRIGGERS):
        return cell[1:]
    return cell


@given(awkward_text)
def test_neutralizing_a_formula_can_be_undone(value):
    assert restore_formula(neutralize_formula(value)) == value
    assert not neutralize_formula(value).startswith(FORMULA_TRIGGERS)


@st.composite
def claim_specs(draw):
    """Up to three claims, each on its own article of awkward text, with an awkward statement,
    source name and tag."""
    specs = []
    for n in range(draw(st.integers(min_value=1, max_value=3))):
        text = normalize_text(draw(awkward_text))
        if not text:
            text = "=x"
        start = draw(st.integers(min_value=0, max_value=len(text) - 1))
        end = draw(st.integers(min_value=start + 1, max_value=len(text)))
        # As every way in stores a source's name: on one line, composed (NFC). "豈" (U+F900)
        # stored as typed came back from a restore as U+8C48, which no save can store.
        source_name = one_line(draw(awkward_text)) or "="
        specs.append(
            {
                "text": f"{text}\n\n{n}",  # distinct texts: articles are unique by their text
                "title": draw(awkward_text),
                "start": start,
                "end": end,
                "statement": draw(awkward_text),
                "source": f"{source_name} {n}",
                "tag": slugify(draw(awkward_text)[:40], allow_unicode=True) or f"tag-{n}",
            }
        )
    return specs


def _make(specs, *, author, reviewer) -> list:
    claims = []
    for spec in specs:
        article = ArticleFactory(text=spec["text"], title=spec["title"], uploaded_by=author)
        claims.append(
            ClaimFactory(
                article=article,
                start=spec["start"],
                end=spec["end"],
                statement=spec["statement"],
                source=SourceFactory(name=spec["source"]),
                created_by=author,
                status=ClaimStatus.APPROVED,
                reviewed_by=reviewer,
                tags=[spec["tag"]],
            )
        )
    for first, second in pairwise(claims):
        ClaimLinkFactory(claim_a=first, claim_b=second, created_by=author, note=second.statement)
    return claims


def _expected(claims) -> list[dict]:
    return [
        {
            "quote": claim.quote,
            "prefix": claim.prefix,
            "suffix": claim.suffix,
            "start": claim.start,
            "end": claim.end,
            "statement": claim.statement,
            "source": claim.source.name,
            "title": claim.article.title,
            "tags": [claim.tags.get().name],
        }
        for claim in claims
    ]


@SETTINGS
@given(specs=claim_specs())
def test_awkward_claims_survive_csv(export, analyst, reviewer, specs):
    with transaction.atomic():
        expected = _expected(_make(specs, author=analyst, reviewer=reviewer))
        _, content = export(analyst, format="csv", bom="1")
        transaction.set_rollback(True)

    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    # The CSV shows the context cut at word boundaries on one line (tested on its own below).
    for claim in expected:
        claim["prefix"], claim["suffix"] = readable_context(claim)
    read_back = [
        {
            "quote": restore_formula(row["quote"]),
            "prefix": restore_formula(row["prefix"]),
            "suffix": restore_formula(row["suffix"]),
            "start": int(row["start"]),
            "end": int(row["end"]),
            "statement": restore_formula(row["statement"]),
            "source": restore_formula(row["source_name"]),
            "title": restore_formula(row["article_title"]),
            "tags": restore_formula(row["tags"]).split("; "),
        }
        for row in rows
    ]
    assert read_back == expected


@SETTINGS
@given(specs=claim_specs())
def test_awkward_claims_survive_json_lines(export, analyst, reviewer, specs):
    with transaction.atomic():
        expected = _expected(_make(specs, author=analyst, reviewer=reviewer))
        _, content = export(analyst, format="jsonl")
        transaction.set_rollback(True)

    lines = [json.loads(line) for line in content.split(b"\n") if line]
    read_back = [
        {
            "quote": line["quote"],
            "prefix": line["prefix"],
            "suffix": line["suffix"],
            "start": line["start"],
            "end": line["end"],
            "statement": line["statement"],
            "source": line["source"]["name"],
            "title": line["article"]["title"],
            "tags": line["tags"],
        }
        for line in lines
    ]
    assert read_back == expected


@SETTINGS
@given(specs=claim_specs())
def test_awkward_claims_survive_jsonld(export, analyst, reviewer, specs):
    with transaction.atomic():
        claims = _make(specs, author=analyst, reviewer=reviewer)
        expected = _expected(claims)
        _, content = export(analyst, format="jsonld")
        transaction.set_rollback(True)

    items = json.loads(content)["first"]["items"]
    annotations = [item for item in items if item["motivation"] == "assessing"]
    read_back = []
    for annotation in annotations:
        quote, position = annotation["target"]["selector"]
        bodies = {body["purpose"]: body["value"] for body in annotation["body"]}
        read_back.append(
            {
                "quote": quote["exact"],
                "prefix": quote.get("prefix", ""),
                "suffix": quote.get("suffix", ""),
                "start": position["start"],
                "end": position["end"],
                "statement": bodies["describing"],
                "source": bodies["identifying"],
                "title": annotation["target"]["source"]["dcterms:title"],
                "tags": [bodies["tagging"]],
            }
        )
    assert read_back == expected
    links = [item for item in items if item["motivation"] == "linking"]
    assert [link["body"][1]["value"] for link in links] == [c["statement"] for c in expected[1:]]


@SETTINGS
@given(specs=claim_specs())
def test_awkward_claims_survive_a_json_export_and_import(
    export_json, analyst, reviewer, staff_user, specs
):
    with transaction.atomic():
        _make(specs, author=analyst, reviewer=reviewer)
        first = export_json(analyst)
        reset_domain()
        claim_set_import(content=json.dumps(first), user=staff_user)
        second = export_json(analyst)
        transaction.set_rollback(True)

    def without_ids(document):
        drop = {"id", "article", "source", "outlet", "claim_a", "claim_b"}
        return [
            [{key: value for key, value in record.items() if key not in drop} for record in records]
            for records in (document[kind] for kind in ("articles", "sources", "claims", "links"))
        ]

    assert without_ids(second) == without_ids(first)
