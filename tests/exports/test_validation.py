"""What `read_claim_set` refuses before anything is written, each problem said in a sentence
(through `POST /api/import/`, whose answer lists them); nothing is stored."""

import datetime
import json

import pytest
from django.utils import timezone

from articles.models import Article
from claims.demo.loader import reset_domain
from tests.exports.claim_set_files import broken, nothing_stored, post_import

pytestmark = pytest.mark.django_db


def test_text_that_is_not_json_is_refused(document, api_client, staff_user):
    response = post_import(api_client(staff_user), '{"format": "corroborate-claim-set",')

    assert response.status_code == 400
    assert response.json()["problems"][0].startswith("The file is not valid JSON")
    assert nothing_stored()


def test_another_json_document_is_refused(document, api_client, staff_user):
    response = post_import(api_client(staff_user), json.dumps({"items": []}))

    assert response.status_code == 400
    assert "not a Corroborate claim-set export" in response.json()["problems"][0]


@pytest.mark.parametrize("version", [True, 99, "2", None])
def test_a_format_revision_this_instance_does_not_read_is_refused(
    document, api_client, staff_user, version
):
    """`true` included: Python counts it equal to 1, a revision this instance reads."""

    def change(broken):
        broken["version"] = version

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    assert response.json()["problems"][0].startswith(
        f"This file is of format revision {version!r}; this instance reads revisions"
    )
    assert nothing_stored()


def test_missing_keys_are_each_reported(document, api_client, staff_user):
    def change(broken):
        del broken["links"]
        del broken["claims"][0]["quote"]
        del broken["articles"][1]["text"]

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    problems = response.json()["problems"]
    assert "links: missing, or not a list." in problems
    assert "claims[0]: “quote” is missing." in problems
    assert "articles[1]: “text” is missing." in problems
    assert nothing_stored()


def test_quote_that_does_not_match_the_text_is_refused(document, api_client, staff_user):
    def change(broken):
        broken["claims"][3]["quote"] = "x" + broken["claims"][3]["quote"][1:]

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    claim = document["claims"][3]
    assert response.json()["problems"] == [
        f"claims[3]: the quote does not match the article text at {claim['start']}–{claim['end']}."
    ]
    assert nothing_stored()


def test_offsets_past_the_end_of_the_text_are_refused(document, api_client, staff_user):
    def change(broken):
        broken["claims"][0]["end"] = 10**6

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    assert "are not a span of the article" in response.json()["problems"][0]


def test_link_to_a_claim_not_in_the_file_is_refused(document, api_client, staff_user):
    def change(broken):
        broken["links"][0]["claim_b"] = 999999

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    assert response.json()["problems"] == [
        "links[0]: the claim 999999 (claim_b) is not in the file."
    ]
    assert nothing_stored()


def test_the_same_link_twice_is_refused_and_nothing_is_stored(document, api_client, staff_user):
    def change(broken):
        twin = dict(broken["links"][0], id=987654)
        broken["links"].append(twin)
        broken["totals"]["links"] += 1

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    assert response.json()["problems"]
    assert nothing_stored()


def test_altered_article_text_is_caught_by_its_fingerprint(document, api_client, staff_user):
    def change(broken):
        broken["articles"][0]["text"] = broken["articles"][0]["text"].replace("the", "teh", 1)

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    assert any("content_sha256" in problem for problem in response.json()["problems"])
    assert nothing_stored()


def test_wrong_types_and_values_are_listed_together(document, api_client, staff_user):
    def change(broken):
        broken["claims"][0]["start"] = "12"
        broken["claims"][1]["credibility"] = 9
        broken["claims"][2]["status"] = "published"
        broken["sources"][0]["reliability"] = "Z"

    response = post_import(api_client(staff_user), broken(document, change))

    problems = response.json()["problems"]
    assert "claims[0]: “start” must be a whole number." in problems
    assert "claims[1]: the credibility must be a number from 1 to 6." in problems
    assert any(problem.startswith("claims[2]: the status must be one of") for problem in problems)
    assert any(problem.startswith("sources[0]: the reliability must be") for problem in problems)


def test_a_prefix_that_is_not_the_text_before_the_quote_is_refused(
    document, api_client, staff_user
):
    def change(spoiled):
        spoiled["claims"][2]["prefix"] = "not what comes before"

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    assert response.json()["problems"] == [
        "claims[2]: the prefix does not match the article text around the quote."
    ]
    assert nothing_stored()


@pytest.mark.parametrize(
    "moment",
    [
        "0001-01-01T00:00:00+14:00",  # no UTC value Python can hold
        "9999-12-31T23:59:59-14:00",  # nor this, the other way
        "1815-06-18T11:00:00+01:00",  # before anything in a claim set was made
        "2999-01-01T00:00:00+00:00",  # in the future
    ],
)
def test_a_moment_outside_1900_to_now_is_refused(document, api_client, staff_user, moment):
    def change(broken):
        broken["claims"][0]["created_at"] = moment

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    assert response.json()["problems"] == [
        f"claims[0]: “created_at” is {moment}, outside the years 1900 to now: check the file."
    ]
    assert nothing_stored()


def test_a_moment_a_few_hours_ahead_of_this_clock_is_accepted(document, api_client, staff_user):
    ahead = (timezone.now() + datetime.timedelta(hours=3)).isoformat()

    def change(broken):
        broken["claims"][0]["created_at"] = ahead

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 201, response.json()


@pytest.mark.parametrize("export_id", ["x" * 71, "line\nbreak", 42])
def test_an_export_id_that_is_not_a_short_line_of_text_is_refused(
    document, api_client, staff_user, export_id
):
    def change(broken):
        broken["export"]["id"] = export_id

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    assert response.json()["problems"] == [
        "export: “id” must be text of at most 64 printable characters (an export's id is a UUID)."
    ]
    assert nothing_stored()


def test_a_nul_character_in_any_text_is_refused(document, api_client, staff_user):
    def change(broken):
        broken["claims"][0]["statement"] = "Troops\x00crossed"

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    assert response.json()["problems"] == [
        "claims[0]: “statement” holds a NUL character, which no text may hold."
    ]
    assert nothing_stored()


def test_a_claim_with_more_tags_than_a_claim_may_carry_is_refused(document, api_client, staff_user):
    def change(broken):
        broken["claims"][0]["tags"] = [f"topic-{n}" for n in range(21)]

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    assert response.json()["problems"] == ["claims[0]: a claim may carry at most 20 tags."]
    assert nothing_stored()


def test_a_tag_listed_twice_on_one_claim_is_named(document, api_client, staff_user):
    """Not the database's refusal of the second row ("UNIQUE constraint failed: …"), which
    names neither the claim nor the tag."""

    def change(broken):
        broken["claims"][0]["tags"] = ["casualties", "timeline", "casualties"]

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    assert response.json()["problems"] == [
        "claims[0]: the tag “casualties” is listed more than once."
    ]
    assert nothing_stored()


@pytest.mark.parametrize(
    ("records", "status", "decider", "refusal"),
    [
        ("claims", "approved", "reviewed_by", "approved by its own author; no one reviews"),
        ("links", "confirmed", "decided_by", "confirmed by its own proposer; no one decides"),
    ],
)
def test_a_record_decided_by_its_own_author_is_refused(
    document, api_client, staff_user, records, status, decider, refusal
):
    index = next(n for n, record in enumerate(document[records]) if record["status"] == status)

    def change(broken):
        record = broken[records][index]
        record[decider] = record["created_by"]

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    assert response.json()["problems"] == [f"{records}[{index}]: it is {refusal} their own."]
    assert nothing_stored()


@pytest.mark.parametrize(
    "escape", ["\\ud800", "\\udbff", "\\udc00", "\\udfff", "\\ude80\\ud83d"], ids=repr
)
def test_half_a_character_anywhere_is_refused_saying_where(
    document, api_client, staff_user, escape
):
    """Audit D2, D3: the parser failed on a lone second half (500) and stored a lone first half
    as "?" (the article's text changed without a word)."""
    body = broken(document, lambda spoiled: spoiled["articles"][0].update(title="Title @"))
    body = body.replace('"Title @"', f'"Title {escape}"')

    response = post_import(api_client(staff_user), body)

    assert response.status_code == 400
    (problem,) = response.json()["problems"]
    assert problem.startswith("The file holds half of a character (the escape \\ud")
    assert f"at byte {body.encode().index(escape.encode())}." in problem
    assert nothing_stored()


def test_whole_characters_written_as_escapes_and_escaped_backslashes_are_imported(
    document, api_client, staff_user
):
    body = broken(document, lambda spoiled: spoiled["articles"][0].update(title="Title @"))
    body = body.replace('"Title @"', '"Title \\ud83d\\ude80 and C:\\\\ud800"')

    response = post_import(api_client(staff_user), body)

    assert response.status_code == 201, response.content
    assert Article.objects.filter(title="Title 🚀 and C:\\ud800").exists()


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda doc: doc["claims"][0].update(
                status="draft", reviewed_by="someone", reviewed_at="2026-01-01T00:00:00+00:00"
            ),
            "claims[0]: “reviewed_at” and “reviewed_by” are for a draft record: none.",
        ),
        (
            lambda doc: (
                doc["claims"][0].pop("grade")
                and doc["claims"][0].update(
                    created_at="2025-06-01T00:00:00+00:00",
                    status="approved",
                    reviewed_by="rev",
                    reviewed_at="2001-01-01T00:00:00+00:00",
                    evaluated_reliability="B",
                )
            ),
            "claims[0]: “reviewed_at” (2001-01-01T00:00:00+00:00) is before “created_at”.",
        ),
        (
            lambda doc: doc["links"][0].update(
                created_at="2025-06-01T00:00:00+00:00",
                status="confirmed",
                decided_by="rev",
                decided_at="2001-01-01T00:00:00+00:00",
            ),
            "links[0]: “decided_at” (2001-01-01T00:00:00+00:00) is before “created_at”.",
        ),
    ],
)
def test_a_story_that_cannot_have_happened_is_refused(
    document, api_client, staff_user, change, problem
):
    # A hand-edited file told of a draft already reviewed and of a link decided 25 years before
    # it was proposed; the import stored it, and the claim pages told that story.
    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    assert problem in response.json()["problems"]
    assert nothing_stored()


def test_a_file_without_creation_times_restores_to_a_set_whose_export_restores(
    document, api_client, staff_user, export_json
):
    # Given no creation time, claims were stamped with the import's moment, after their own
    # review: the instance's next export was then refused as reviewed before it was made.
    for record in document["claims"] + document["links"]:
        record.pop("created_at", None)
        record.pop("updated_at", None)
        for moment in ("reviewed_at", "decided_at"):
            if record.get(moment):
                record[moment] = "2025-06-01T10:00:00+00:00"  # reviewed months ago
    assert post_import(api_client(staff_user), document).status_code == 201

    again = export_json(staff_user, status="")
    reset_domain()

    response = post_import(api_client(staff_user), again)
    assert response.status_code == 201, response.json()


def test_a_last_change_before_the_claim_was_made_is_refused(document, api_client, staff_user):
    def change(broken):
        broken["claims"][0]["updated_at"] = "1950-01-01T00:00:00+00:00"

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    assert any("“updated_at”" in problem for problem in response.json()["problems"])
