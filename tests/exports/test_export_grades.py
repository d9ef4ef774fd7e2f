"""Exports carry the grade as evaluated (issue 12): a re-rating or merge of a source leaves the
approved claims' grades in every format unchanged and changes drafts'; the CSV adds the grade
the current rating would make, the review note, the link statuses and readable context; JSON-LD
names each article by title and hash; an import keeps the evaluated grades, from files of the
current revision and of revision 1."""

import csv
import io
import json
from uuid import UUID

import pytest

from claims.models import CONTEXT_LENGTH, Claim, ClaimStatus, LinkKind, LinkStatus
from claims.services import claim_approve, claim_create, claim_submit
from exports.formats.csv_table import readable_context
from exports.restore import claim_set_import
from exports.validation import ClaimSetRefused
from sources.services import source_merge, source_update
from tests.factories import ArticleFactory, ClaimFactory, ClaimLinkFactory, SourceFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "The ministry said on Monday that 4,000 troops had crossed the border near Velka.\n\n"
    "Observers from the mission counted fewer than 1,500 soldiers at the crossing that week."
)


def _csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


@pytest.fixture
def graded(analyst, reviewer):
    """An approved claim (source rated C, credibility 3, approved with a note) and a draft
    (credibility 4) of the same source."""
    source = SourceFactory(name="Ministry", reliability="C")
    article = ArticleFactory(text=TEXT, title="Troops at Velka", uploaded_by=analyst)
    start = TEXT.index("4,000")

    def claim(start, end, credibility):
        return claim_create(
            article=article,
            start=start,
            end=end,
            quote=TEXT[start:end],
            source=source,
            credibility=credibility,
            created_by=analyst,
        )

    approved = claim(start, start + 12, 3)
    claim_submit(claim=approved, user=analyst)
    approved = claim_approve(claim=approved, reviewer=reviewer, note="Matches the briefing.")
    draft_start = TEXT.index("fewer")
    draft = claim(draft_start, draft_start + 20, 4)
    return source, approved, draft


def _grades(export, user, fmt: str) -> dict:
    """The grade of each exported claim, by id, as the format writes it."""
    _, content = export(user, format=fmt, status="")
    if fmt == "csv":
        return {int(row["claim_id"]): row["grade"] for row in _csv_rows(content)}
    if fmt == "json":
        return {claim["id"]: claim["grade"] for claim in json.loads(content)["claims"]}
    items = json.loads(content)["first"]["items"]
    ids = dict(Claim.all_objects.values_list("uuid", "pk"))
    return {
        ids[UUID(item["id"].removeprefix("urn:uuid:"))]: next(
            body["value"] for body in item["body"] if body["purpose"] == "assessing"
        )
        for item in items
        if item["motivation"] == "assessing"
    }


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonld"])
def test_a_re_rating_leaves_approved_grades_in_exports_and_changes_drafts(
    export, staff_user, reviewer, graded, fmt
):
    source, approved, draft = graded
    assert _grades(export, staff_user, fmt) == {approved.pk: "C3", draft.pk: "C4"}

    source_update(source=source, user=reviewer, reliability="A")

    assert _grades(export, staff_user, fmt) == {approved.pk: "C3", draft.pk: "A4"}


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonld"])
def test_a_merge_leaves_approved_grades_in_exports_and_changes_drafts(
    export, staff_user, reviewer, graded, fmt
):
    source, approved, draft = graded
    kept = SourceFactory(name="Defence ministry", reliability="E")

    source_merge(target=kept, duplicates=[source], user=reviewer)

    assert _grades(export, staff_user, fmt) == {approved.pk: "C3", draft.pk: "E4"}


def test_csv_gives_the_grade_as_evaluated_and_now_and_the_review_note(
    export, staff_user, reviewer, graded
):
    source, _, _ = graded
    source_update(source=source, user=reviewer, reliability="E")

    _, content = export(staff_user, format="csv")

    (row,) = _csv_rows(content)
    assert {key: row[key] for key in ("reliability", "grade", "source_reliability_now")} == {
        "reliability": "C",
        "grade": "C3",
        "source_reliability_now": "E",
    }
    assert row["grade_now"] == "E3"
    assert row["review_note"] == "Matches the briefing."


def test_csv_link_columns_give_each_links_status(export, staff_user, analyst, reviewer):
    claims = [
        ClaimFactory(status=ClaimStatus.APPROVED, reviewed_by=reviewer, created_by=analyst)
        for _ in range(3)
    ]
    first, confirmed_end, proposed_end = claims
    ClaimLinkFactory(
        claim_a=first, claim_b=confirmed_end, status=LinkStatus.CONFIRMED, decided_by=reviewer
    )
    ClaimLinkFactory(claim_a=first, claim_b=proposed_end)
    ClaimLinkFactory(claim_a=first, claim_b=proposed_end, kind=LinkKind.CORROBORATES)

    _, content = export(staff_user, format="csv")

    row = _csv_rows(content)[0]
    assert row["contradicts"] == f"{confirmed_end.pk}:confirmed; {proposed_end.pk}:proposed"
    assert row["corroborates"] == f"{proposed_end.pk}:proposed"


def test_csv_context_is_cut_at_word_boundaries(export, staff_user, graded):
    _, approved, _ = graded

    _, content = export(staff_user, format="csv")

    (row,) = _csv_rows(content)
    assert approved.prefix == "he ministry said on Monday that "
    assert row["prefix"] == "ministry said on Monday that "
    assert approved.suffix == " had crossed the border near Vel"
    assert row["suffix"] == " had crossed the border near"


def test_readable_context_flattens_line_breaks_and_drops_cut_words():
    shown = readable_context(
        {
            "prefix": "ing the valley.\n\nThe ministry sa",
            "start": 40,
            "suffix": "id so.\nThen the observers came b",
        }
    )
    assert shown == ("the valley. The ministry sa", "id so. Then the observers came")


def test_readable_context_keeps_context_that_reaches_the_ends_of_the_text():
    shown = readable_context(
        {"prefix": "short prefix\nat the start ", "start": 25, "suffix": " and a short\nsuffix"}
    )
    assert shown == ("short prefix at the start ", " and a short suffix")


def test_readable_context_keeps_a_full_prefix_that_starts_the_text():
    prefix = "The ministry said on Monday that"
    assert readable_context({"prefix": prefix, "start": 32, "suffix": ""})[0] == prefix


def test_readable_context_keeps_full_context_written_without_spaces():
    prefix = ("要的国际会议，来自世界各地的代表讨论了气候变化问题。" * 2)[-CONTEXT_LENGTH:]
    suffix = ("。政府官员表示将在下个月发布新的政策文件和指导意见。" * 2)[:CONTEXT_LENGTH]
    assert readable_context({"prefix": prefix, "start": 90, "suffix": suffix}) == (prefix, suffix)


def test_jsonld_target_names_the_article_by_title_and_hash(export, staff_user, graded):
    _, approved, _ = graded

    _, content = export(staff_user, format="jsonld")

    document = json.loads(content)
    # JSON-LD 1.1 said so; the page a link, the date a date (an RDF reader follows them).
    context = document["@context"][1]
    assert context["@version"] == 1.1
    assert context["dcterms:source"] == {"@type": "@id"}
    assert context["dcterms:issued"] == {"@type": "xsd:date"}
    annotation = document["first"]["items"][0]
    article = approved.article
    assert annotation["target"]["source"] == {
        "id": f"urn:corroborate:article:{article.content_sha256}",
        "type": "Text",
        "dcterms:title": "Troops at Velka",
        "contentSha256": article.content_sha256,
    }
    assert "dcterms" in json.loads(content)["@context"][1]


def test_jsonld_targets_two_versions_of_one_web_page_as_two_texts_from_that_page(
    export, staff_user, reviewer
):
    """The selectors count code points of each stored text: one IRI for both versions would
    leave a reader unable to tell which text a position is in."""
    url = "https://news.example/velka"
    first = ArticleFactory(url=url, title="Velka report", text="The first version. " * 4)
    corrected = ArticleFactory(url=url, title="Velka report", text="A corrected version. " * 4)
    for article in (first, corrected):
        ClaimFactory(article=article, status=ClaimStatus.APPROVED, reviewed_by=reviewer)

    _, content = export(staff_user, format="jsonld")

    targets = {
        item["target"]["source"]["id"]: item["target"]["source"]
        for item in json.loads(content)["first"]["items"]
    }
    assert set(targets) == {
        f"urn:corroborate:article:{first.content_sha256}",
        f"urn:corroborate:article:{corrected.content_sha256}",
    }
    assert {(target["dcterms:source"], target["dcterms:title"]) for target in targets.values()} == {
        (url, "Velka report")
    }


def _exported_then_wiped(export_json, user) -> dict:
    document = export_json(user, status="")
    Claim.all_objects.all().delete()
    return document


def test_an_import_keeps_the_evaluated_grade_whatever_the_source_is_rated_here(
    export_json, staff_user, reviewer, graded
):
    source, approved, draft = graded
    source_update(source=source, user=reviewer, reliability="A")
    document = _exported_then_wiped(export_json, staff_user)
    assert {claim["id"]: claim["evaluated_reliability"] for claim in document["claims"]} == {
        approved.pk: "C",
        draft.pk: "",
    }
    source_update(source=source, user=reviewer, reliability="F")  # rated otherwise here

    claim_set_import(content=json.dumps(document), user=staff_user)

    restored = {claim.status: claim for claim in Claim.objects.select_related("source")}
    assert restored["approved"].grade == "C3"
    assert restored["approved"].source_rerated
    assert restored["draft"].grade == "F4"


def test_a_revision_1_file_is_imported_with_the_grades_it_showed(
    export_json, staff_user, reviewer, graded
):
    document = _exported_then_wiped(export_json, staff_user)
    # As revision 1 wrote it: no evaluated reliability, the grade from the source's rating.
    document["version"] = 1
    for claim in document["claims"]:
        del claim["evaluated_reliability"]
    document["sources"][0]["reliability"] = "B"
    for claim in document["claims"]:
        claim["grade"] = f"B{claim['credibility']}"

    claim_set_import(content=json.dumps(document), user=staff_user)

    restored = {claim.status: claim for claim in Claim.objects.select_related("source")}
    assert (restored["approved"].evaluated_reliability, restored["approved"].grade) == ("B", "B3")
    assert restored["draft"].evaluated_reliability == ""


def test_an_approved_claim_without_an_evaluated_reliability_is_refused(
    export_json, staff_user, graded
):
    document = _exported_then_wiped(export_json, staff_user)
    approved = next(claim for claim in document["claims"] if claim["status"] == "approved")
    approved["evaluated_reliability"] = ""

    with pytest.raises(ClaimSetRefused) as refused:
        claim_set_import(content=json.dumps(document), user=staff_user)

    problems = refused.value.problems
    assert any("must say the reliability it was evaluated with" in p for p in problems)
