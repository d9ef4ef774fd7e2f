"""`POST /api/import/` and `import_claims`: a bad file is refused whole, with every problem."""

import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article
from claims.demo.loader import reset_domain
from claims.models import Claim, ClaimLink, Tag
from sources.models import Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(demo, export_json, staff_user) -> dict:
    """The demo's JSON export, every status, taken before the domain is wiped."""
    exported = export_json(staff_user, status="")
    reset_domain()
    return exported


def _post(client, body, *, content_type="application/json"):
    return client.post(reverse("api:import"), body, content_type=content_type)


def _nothing_stored() -> bool:
    managers = (Article.objects, Source.objects, Claim.all_objects, ClaimLink.objects, Tag.objects)
    return not any(manager.exists() for manager in managers)


def _broken(document: dict, change) -> str:
    broken = copy.deepcopy(document)
    change(broken)
    return json.dumps(broken)


def test_upload_as_a_file_field_imports(document, api_client, staff_user):
    upload = io.BytesIO(json.dumps(document).encode())
    upload.name = "claims.json"

    response = api_client(staff_user).post(
        reverse("api:import"), {"file": upload}, format="multipart"
    )

    assert response.status_code == 201, response.json()
    assert response.json()["created"]["claims"] == document["totals"]["claims"]
    assert Claim.objects.count() == document["totals"]["claims"]


def test_text_that_is_not_json_is_refused(document, api_client, staff_user):
    response = _post(api_client(staff_user), '{"format": "corroborate-claim-set",')

    assert response.status_code == 400
    assert response.json()["problems"][0].startswith("The file is not valid JSON")
    assert _nothing_stored()


def test_another_json_document_is_refused(document, api_client, staff_user):
    response = _post(api_client(staff_user), json.dumps({"items": []}))

    assert response.status_code == 400
    assert "not a Corroborate claim-set export" in response.json()["problems"][0]


def test_missing_keys_are_each_reported(document, api_client, staff_user):
    def change(broken):
        del broken["links"]
        del broken["claims"][0]["quote"]
        del broken["articles"][1]["text"]

    response = _post(api_client(staff_user), _broken(document, change))

    assert response.status_code == 400
    problems = response.json()["problems"]
    assert "links: missing, or not a list." in problems
    assert "claims[0]: “quote” is missing." in problems
    assert "articles[1]: “text” is missing." in problems
    assert _nothing_stored()


def test_quote_that_does_not_match_the_text_is_refused(document, api_client, staff_user):
    def change(broken):
        broken["claims"][3]["quote"] = "x" + broken["claims"][3]["quote"][1:]

    response = _post(api_client(staff_user), _broken(document, change))

    assert response.status_code == 400
    claim = document["claims"][3]
    assert response.json()["problems"] == [
        f"claims[3]: the quote does not match the article text at {claim['start']}–{claim['end']}."
    ]
    assert _nothing_stored()


def test_offsets_past_the_end_of_the_text_are_refused(document, api_client, staff_user):
    def change(broken):
        broken["claims"][0]["end"] = 10**6

    response = _post(api_client(staff_user), _broken(document, change))

    assert response.status_code == 400
    assert "are not a span of the article" in response.json()["problems"][0]


def test_link_to_a_claim_not_in_the_file_is_refused(document, api_client, staff_user):
    def change(broken):
        broken["links"][0]["claim_b"] = 999999

    response = _post(api_client(staff_user), _broken(document, change))

    assert response.status_code == 400
    assert response.json()["problems"] == [
        "links[0]: the claim 999999 (claim_b) is not in the file."
    ]
    assert _nothing_stored()


def test_the_same_link_twice_is_refused_and_nothing_is_stored(document, api_client, staff_user):
    def change(broken):
        twin = dict(broken["links"][0], id=987654)
        broken["links"].append(twin)
        broken["totals"]["links"] += 1

    response = _post(api_client(staff_user), _broken(document, change))

    assert response.status_code == 400
    assert response.json()["problems"]
    assert _nothing_stored()


def test_a_claim_broken_in_a_later_batch_undoes_the_batches_saved_before(
    document, api_client, staff_user, monkeypatch
):
    from exports import restore

    monkeypatch.setattr(restore._Restore, "BATCH", 2)  # several batches out of the demo

    def change(broken):
        broken["claims"][-1]["statement"] = "x" * 5000  # longer than a statement may be

    response = _post(api_client(staff_user), _broken(document, change))

    assert response.status_code == 400, response.json()
    assert response.json()["problems"][0].startswith(f"claims[{len(document['claims']) - 1}]")
    assert _nothing_stored()


def test_altered_article_text_is_caught_by_its_fingerprint(document, api_client, staff_user):
    def change(broken):
        broken["articles"][0]["text"] = broken["articles"][0]["text"].replace("the", "teh", 1)

    response = _post(api_client(staff_user), _broken(document, change))

    assert response.status_code == 400
    assert any("content_sha256" in problem for problem in response.json()["problems"])
    assert _nothing_stored()


def test_a_problem_found_while_writing_undoes_everything_written(document, api_client, staff_user):
    def change(broken):
        broken["articles"][-1]["url"] = "not a url"

    response = _post(api_client(staff_user), _broken(document, change))

    assert response.status_code == 400
    assert response.json()["problems"] == [
        f"articles[{len(document['articles']) - 1}]: url: Enter a valid URL."
    ]
    assert _nothing_stored()


def test_wrong_types_and_values_are_listed_together(document, api_client, staff_user):
    def change(broken):
        broken["claims"][0]["start"] = "12"
        broken["claims"][1]["credibility"] = 9
        broken["claims"][2]["status"] = "published"
        broken["sources"][0]["reliability"] = "Z"

    response = _post(api_client(staff_user), _broken(document, change))

    problems = response.json()["problems"]
    assert "claims[0]: “start” must be a whole number." in problems
    assert "claims[1]: the credibility must be a number from 1 to 6." in problems
    assert any(problem.startswith("claims[2]: the status must be one of") for problem in problems)
    assert any(problem.startswith("sources[0]: the reliability must be") for problem in problems)


def test_empty_request_says_how_to_send_the_file(db, api_client, staff_user):
    response = api_client(staff_user).post(reverse("api:import"))

    assert response.status_code == 400
    assert response.json() == {
        "problems": ["Send the JSON export as the file field “file”, or as the request body."]
    }


@pytest.mark.parametrize("as_file", [False, True])
def test_a_file_over_the_size_limit_is_refused_with_413(
    document, api_client, staff_user, settings, as_file
):
    body = json.dumps(document)
    settings.CLAIM_IMPORT_MAX_BYTES = len(body.encode()) - 1
    client = api_client(staff_user)

    if as_file:
        upload = io.BytesIO(body.encode())
        upload.name = "claims.json"
        response = client.post(reverse("api:import"), {"file": upload}, format="multipart")
    else:
        response = _post(client, body)

    assert response.status_code == 413
    assert "larger than the import accepts" in response.json()["problems"][0]
    assert _nothing_stored()


def test_a_file_at_the_size_limit_is_imported(document, api_client, staff_user, settings):
    body = json.dumps(document)
    settings.CLAIM_IMPORT_MAX_BYTES = len(body.encode())

    response = _post(api_client(staff_user), body)

    assert response.status_code == 201, response.json()


def test_import_is_for_staff_only(document, api_client, reviewer):
    response = _post(api_client(reviewer), json.dumps(document))

    assert response.status_code == 403
    assert _nothing_stored()


def test_anonymous_import_gets_401(document, api_client):
    response = _post(api_client(), json.dumps(document))

    assert response.status_code == 401
    assert _nothing_stored()


def test_import_command_restores_the_file(document, tmp_path, capsys):
    path = tmp_path / "claims.json"
    path.write_text(json.dumps(document))

    call_command("import_claims", str(path))

    assert Claim.objects.count() == document["totals"]["claims"]
    assert f"created 0 users, {len(document['sources'])} sources" in capsys.readouterr().out


def test_import_command_refuses_a_bad_file_listing_the_problems(document, tmp_path, capsys):
    document["links"][0]["claim_a"] = 424242
    path = tmp_path / "claims.json"
    path.write_text(json.dumps(document))

    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("import_claims", str(path))

    assert "- links[0]: the claim 424242 (claim_a) is not in the file." in capsys.readouterr().err
    assert _nothing_stored()
