"""`GET /api/export/`: what each format holds, which claims, the record it leaves, and a query
count that does not grow with the claims."""

import csv
import hashlib
import io
import json
from itertools import pairwise

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims.models import Claim, ClaimLink, ClaimStatus, LinkKind, LinkStatus
from exports import export as export_module
from exports.export import INCOMPLETE_MARKER
from exports.formats.csv_table import CSV_COLUMNS
from exports.models import ExportRecord
from tests.factories import ArticleFactory, ClaimFactory, ClaimLinkFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _claim_set(count: int, *, author, reviewer, status=ClaimStatus.APPROVED) -> list:
    """`count` claims, ten per article, tagged, each linked to the next."""
    source = SourceFactory()
    claims = []
    for n in range(count):
        if n % 10 == 0:
            article = ArticleFactory(uploaded_by=author)
        claims.append(
            ClaimFactory(
                article=article,
                source=source,
                created_by=author,
                status=status,
                reviewed_by=reviewer if status == ClaimStatus.APPROVED else None,
                tags=[f"topic-{n % 3}", "velka"],
            )
        )
    for first, second in pairwise(claims):
        ClaimLinkFactory(claim_a=first, claim_b=second, created_by=author)
    return claims


def _csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("export_format", ["csv", "json", "jsonl", "jsonld"])
def test_query_count_is_the_same_for_50_and_500_claims(
    export,
    api_client,
    analyst,
    reviewer,
    export_format,
    django_assert_max_num_queries,
    count_queries,
    evidence,
):
    def count_export() -> int:
        fresh = type(reviewer).objects.get(pk=reviewer.pk)  # roles not cached yet
        return count_queries(api_client(fresh), reverse("api:export"), {"format": export_format})

    # Built in bulk (several sources, tags and links; the factories took 15-50 s a format).
    approved = {"authors": [analyst], "reviewer": reviewer, "status": ClaimStatus.APPROVED}
    evidence(50, **approved)
    at_50 = count_export()
    evidence(450, **approved)

    # The JSON claim set finds the ids of its articles and sources in the claims first (one
    # query more), so that reading them is a lookup by key whatever the planner believes; every
    # download first counts its claims up to the streaming limit (one more).
    with django_assert_max_num_queries(12 if export_format == "json" else 11):
        export(reviewer, format=export_format)

    assert count_export() == at_50


def test_export_holds_approved_claims_unless_a_status_is_given(demo, export_json, staff_user):
    approved = export_json(staff_user)
    every_status = export_json(staff_user, status="")
    drafts = export_json(staff_user, status="draft")

    assert {claim["status"] for claim in approved["claims"]} == {"approved"}
    assert {claim["status"] for claim in drafts["claims"]} == {"draft"}
    assert {claim["status"] for claim in every_status["claims"]} == set(ClaimStatus.values)
    assert approved["export"]["filters"] == {"status": "approved"}
    assert every_status["export"]["filters"] == {}


def test_claim_list_filters_narrow_the_export(demo, export_json, staff_user):
    everything = export_json(staff_user, status="")
    tagged = export_json(staff_user, status="", tag="troop-numbers")
    searched = export_json(staff_user, status="", q="Halvern")

    assert 0 < len(tagged["claims"]) < len(everything["claims"])
    assert all("troop-numbers" in claim["tags"] for claim in tagged["claims"])
    assert 0 < len(searched["claims"]) < len(everything["claims"])


def test_only_the_articles_sources_and_links_of_the_selected_claims_are_included(
    demo, export_json, staff_user
):
    tagged = export_json(staff_user, status="", tag="troop-numbers")

    claim_ids = {claim["id"] for claim in tagged["claims"]}
    article_ids = {article["id"] for article in tagged["articles"]}
    source_ids = {source["id"] for source in tagged["sources"]}
    assert article_ids == {claim["article"] for claim in tagged["claims"]}
    assert {claim["source"] for claim in tagged["claims"]} <= source_ids
    assert {article["outlet"] for article in tagged["articles"]} - {None} <= source_ids
    assert all({link["claim_a"], link["claim_b"]} <= claim_ids for link in tagged["links"])


@pytest.mark.parametrize(("name", "value"), [("status", "aproved"), ("in_contradiction", "maybe")])
def test_an_invalid_filter_is_refused_rather_than_ignored(db, export, analyst, name, value):
    response, content = export(analyst, format="csv", **{name: value})

    assert response.status_code == 400
    assert name in json.loads(content)
    assert not ExportRecord.objects.exists()


@pytest.mark.parametrize("value", ["1", "yes", "True", "on"])
def test_a_yes_as_scripts_write_it_filters_the_export(demo, export_json, staff_user, value):
    expected = export_json(staff_user, status="", in_contradiction="true")["claims"]
    assert 0 < len(expected) < len(export_json(staff_user, status="")["claims"])

    assert export_json(staff_user, status="", in_contradiction=value)["claims"] == expected


def test_an_unknown_format_is_refused(db, export, analyst):
    response, content = export(analyst, format="xlsx")

    assert response.status_code == 400
    assert json.loads(content) == {"format": ["Choose one of: csv, json, jsonl, jsonld."]}


def test_anonymous_export_gets_401(db, export):
    response, _ = export(None, format="csv")

    assert response.status_code == 401


def test_a_user_without_a_role_cannot_export(db, export, no_role_user):
    response, _ = export(no_role_user, format="csv")

    assert response.status_code == 403


def test_every_export_is_recorded_with_the_fingerprint_of_what_was_sent(demo, export, reviewer):
    response, content = export(reviewer, format="jsonl", tag="troop-numbers")

    record = ExportRecord.objects.get()
    assert str(record.pk) == response["X-Corroborate-Export-Id"]
    assert record.exported_by == reviewer
    assert record.via == "api"
    assert record.format == "jsonl"
    assert record.filters == {"status": "approved", "tag": "troop-numbers"}
    assert record.claim_count == len(content.splitlines())
    assert record.size == len(content)
    assert record.sha256 == hashlib.sha256(content).hexdigest()


def test_json_formats_carry_the_record_metadata_in_the_file(demo, export, reviewer):
    _, content = export(reviewer, format="json")
    document = json.loads(content)
    _, content = export(reviewer, format="jsonld")
    collection = json.loads(content)

    first, second = ExportRecord.objects.order_by("exported_at")
    assert document["export"] == {
        "id": str(first.pk),
        "exported_at": first.exported_at.isoformat(),
        "exported_by": reviewer.username,
        "via": "api",
        "format": "json",
        "filters": {"status": "approved"},
    }
    assert document["totals"]["claims"] == first.claim_count
    assert collection["id"] == f"urn:uuid:{second.pk}"
    claim_items = [item for item in collection["first"]["items"] if item["motivation"] != "linking"]
    assert len(claim_items) == second.claim_count
    assert collection["total"] == len(collection["first"]["items"])


def test_csv_and_json_lines_carry_the_metadata_in_headers(demo, export, reviewer):
    response, _ = export(reviewer, format="csv", tag="troop-numbers")

    record = ExportRecord.objects.get()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="corroborate-claims-')
    assert response["X-Corroborate-Exported-By"] == reviewer.username
    assert response["X-Corroborate-Exported-At"] == record.exported_at.isoformat()
    assert response["X-Corroborate-Export-Filters"] == "status=approved&tag=troop-numbers"


def test_csv_has_a_row_per_claim_with_grade_and_link_columns(db, export, analyst, reviewer):
    first, second = _claim_set(2, author=analyst, reviewer=reviewer)
    first.links_as_a.update(kind=LinkKind.CORROBORATES)
    ClaimLinkFactory(claim_a=first, claim_b=second, kind=LinkKind.CONTRADICTS, created_by=analyst)

    _, content = export(analyst, format="csv")

    rows = _csv_rows(content)
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["claim_id"] for row in rows] == [str(first.pk), str(second.pk)]
    assert rows[0]["grade"] == f"{first.source.reliability}{first.credibility}"
    assert rows[0]["contradicts"] == rows[0]["corroborates"] == f"{second.pk}:proposed"
    assert rows[1]["contradicts"] == f"{first.pk}:proposed"
    assert rows[0]["tags"] == "topic-0; velka"
    assert rows[0]["reviewer"] == reviewer.username


def test_links_to_claims_outside_the_export_or_dismissed_are_not_listed(
    db, export, analyst, reviewer
):
    approved, draft = _claim_set(2, author=analyst, reviewer=reviewer)
    draft.status, draft.reviewed_by, draft.evaluated_reliability = ClaimStatus.DRAFT, None, ""
    draft.save()
    other = _claim_set(1, author=analyst, reviewer=reviewer)[0]
    ClaimLinkFactory(claim_a=approved, claim_b=other, status=LinkStatus.DISMISSED)

    _, content = export(analyst, format="csv")

    assert [row["contradicts"] for row in _csv_rows(content)] == ["", ""]


def test_csv_neutralises_cells_that_spreadsheets_would_run_as_formulas(
    db, export, analyst, reviewer
):
    (claim,) = _claim_set(1, author=analyst, reviewer=reviewer)
    claim.statement = '=HYPERLINK("http://evil.example","click")'
    claim.save()
    claim.source.name = "@SUM(1+1)"
    claim.source.save()

    _, content = export(analyst, format="csv")

    (row,) = _csv_rows(content)
    assert row["statement"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["source_name"] == "'@SUM(1+1)"


def test_csv_can_start_with_a_byte_order_mark_for_spreadsheets(db, export, analyst, reviewer):
    _claim_set(1, author=analyst, reviewer=reviewer)

    _, plain = export(analyst, format="csv")
    _, marked = export(analyst, format="csv", bom="1")

    assert plain.startswith(b"claim_id,")
    assert marked.startswith(b"\xef\xbb\xbfclaim_id,")
    assert ExportRecord.objects.filter(bom=True).count() == 1


def test_jsonld_is_a_w3c_annotation_collection(db, export, analyst, reviewer):
    first, second = _claim_set(2, author=analyst, reviewer=reviewer)

    _, content = export(analyst, format="jsonld")

    collection = json.loads(content)
    assert collection["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    extension = collection["@context"][1]
    assert extension["contradicting"].startswith("corr:")
    assert extension["corroborating"].startswith("corr:")
    assert collection["type"] == "AnnotationCollection"
    assert collection["total"] == 3
    page = collection["first"]
    assert page["type"] == "AnnotationPage"
    claim_annotation, _, link_annotation = page["items"]
    assert claim_annotation["type"] == "Annotation"
    target = claim_annotation["target"]
    assert target["source"] == {
        "id": f"urn:corroborate:article:{first.article.content_sha256}",
        "type": "Text",
        "dcterms:title": first.article.title,
        "contentSha256": first.article.content_sha256,
    }
    quote_selector, position_selector = target["selector"]
    assert quote_selector == {
        "type": "TextQuoteSelector",
        "exact": first.quote,
        "prefix": first.prefix,
        "suffix": first.suffix,
    }
    assert position_selector == {
        "type": "TextPositionSelector",
        "start": first.start,
        "end": first.end,
    }
    purposes = {body["purpose"]: body["value"] for body in claim_annotation["body"]}
    assert purposes["describing"] == first.statement
    assert purposes["identifying"] == first.source.name
    assert purposes["assessing"] == first.grade
    assert claim_annotation["id"] == f"urn:uuid:{first.uuid}"
    assert link_annotation["motivation"] == "linking"
    assert link_annotation["id"] == f"urn:uuid:{ClaimLink.objects.get().uuid}"
    assert link_annotation["target"] == f"urn:uuid:{first.uuid}"
    assert link_annotation["body"][0] == {
        "type": "SpecificResource",
        "source": f"urn:uuid:{second.uuid}",
        "purpose": "contradicting",
    }


def test_jsonld_names_the_web_page_an_article_came_from(db, export, analyst, reviewer):
    (claim,) = _claim_set(1, author=analyst, reviewer=reviewer)
    claim.article.url = "https://example.org/dispatch"
    claim.article.save()

    _, content = export(analyst, format="jsonld")

    (annotation,) = json.loads(content)["first"]["items"]
    source = annotation["target"]["source"]
    assert source["id"] == f"urn:corroborate:article:{claim.article.content_sha256}"
    assert source["dcterms:source"] == "https://example.org/dispatch"


def test_empty_exports_are_well_formed(db, export, analyst):
    _, csv_content = export(analyst, format="csv")
    _, json_content = export(analyst, format="json")
    _, jsonl_content = export(analyst, format="jsonl")
    _, jsonld_content = export(analyst, format="jsonld")

    assert _csv_rows(csv_content) == []
    assert json.loads(json_content)["claims"] == []
    assert jsonl_content == b""
    assert json.loads(jsonld_content)["first"]["items"] == []
    assert ExportRecord.objects.filter(claim_count=0).count() == 4


def test_export_and_import_are_in_the_api_schema(db, api_client, analyst):
    response = api_client(analyst).get(reverse("api:schema"), {"format": "json"})

    paths = json.loads(response.content)["paths"]
    export_responses = paths["/api/export/"]["get"]["responses"]["200"]["content"]
    assert set(export_responses) >= {"text/csv; charset=utf-8", "application/json"}
    assert "post" in paths["/api/import/"]


def _failing_after_the_first_piece(make_pieces):
    def pieces(*args, **kwargs):
        real = make_pieces(*args, **kwargs)
        yield next(real)
        raise OverflowError("date value out of range")

    return pieces


@pytest.mark.parametrize(
    "export_format, pieces",
    [
        ("csv", "csv_pieces"),
        ("json", "json_pieces"),
        ("jsonl", "jsonl_pieces"),
        ("jsonld", "jsonld_pieces"),
    ],
)
def test_an_export_that_fails_part_way_ends_with_a_marker_and_is_not_recorded(
    demo, export, reviewer, monkeypatch, export_format, pieces
):
    monkeypatch.setattr(
        export_module, pieces, _failing_after_the_first_piece(getattr(export_module, pieces))
    )

    response, content = export(reviewer, format=export_format, status="")

    assert response.status_code == 200  # the status line went before the failure
    last_line = content.decode("utf-8-sig").rstrip("\n").rsplit("\n", 1)[-1]
    assert INCOMPLETE_MARKER in last_line
    if export_format == "jsonl":
        assert INCOMPLETE_MARKER in json.loads(last_line)["error"]
    else:
        with pytest.raises(ValueError):
            json.loads(content)
    assert not ExportRecord.objects.exists()


def test_a_head_request_neither_reads_nor_records_an_export(client, api_client, analyst):
    client.force_login(analyst)

    page = client.head(reverse("exports:download"), {"format": "csv"})
    api = api_client(analyst).head(reverse("api:export"), {"format": "csv"})

    assert (page.status_code, api.status_code) == (405, 405)
    assert not ExportRecord.objects.exists()
    assert client.head(reverse("tokens")).status_code == 200


def test_the_export_command_that_fails_part_way_keeps_the_earlier_file(demo, tmp_path, monkeypatch):
    path = tmp_path / "claims.csv"
    path.write_bytes(b"an earlier, whole export\n")
    monkeypatch.setattr(
        export_module, "csv_pieces", _failing_after_the_first_piece(export_module.csv_pieces)
    )

    with pytest.raises(CommandError, match=r"failed part-way.*nothing was written to"):
        call_command("export_claims", "--format", "csv", "--status", "any", "-o", str(path))

    assert path.read_bytes() == b"an earlier, whole export\n"
    assert [found.name for found in tmp_path.iterdir()] == ["claims.csv"]


def test_the_export_command_takes_all_for_every_status_as_the_api_does(demo, tmp_path):
    # The API's word is "all"; the command knew only "any" and refused the other.
    path = tmp_path / "claims.json"

    call_command("export_claims", "--format", "json", "--status", "all", "-o", str(path))

    assert json.loads(path.read_text())["totals"]["claims"] == Claim.objects.count()
