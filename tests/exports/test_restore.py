"""`POST /api/import/` and `import_claims`: the restore writes all of a checked file, or
nothing."""

import io
import json
from itertools import pairwise

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims.demo.loader import reset_domain
from claims.models import Claim
from exports.export import claim_set_export
from exports.models import ExportChannel, ExportFormat
from exports.restore import claim_set_import
from sources.models import Source
from tests.exports.claim_set_files import broken, nothing_stored, post_import
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    ClaimLinkFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

#: Queries to restore a claim set of one person, article and source, three tags, and up to a
#: batch of claims and of links (SQLite splits the larger inserts in two: its limit on
#: parameters), each batch's uuids looked up once (are they taken here already?).
RESTORE_QUERY_BUDGET = 45


def test_upload_as_a_file_field_imports(document, api_client, staff_user):
    upload = io.BytesIO(json.dumps(document).encode())
    upload.name = "claims.json"

    response = api_client(staff_user).post(
        reverse("api:import"), {"file": upload}, format="multipart"
    )

    assert response.status_code == 201, response.json()
    assert response.json()["created"]["claims"] == document["totals"]["claims"]
    assert Claim.objects.count() == document["totals"]["claims"]


def test_a_claim_broken_in_a_later_batch_undoes_the_batches_saved_before(
    document, api_client, staff_user, monkeypatch
):
    from exports import restore

    monkeypatch.setattr(restore._Restore, "BATCH", 2)  # several batches out of the demo

    def change(broken):
        broken["claims"][-1]["statement"] = "x" * 5000  # longer than a statement may be

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400, response.json()
    assert response.json()["problems"][0].startswith(f"claims[{len(document['claims']) - 1}]")
    assert nothing_stored()


def test_a_problem_found_while_writing_undoes_everything_written(document, api_client, staff_user):
    def change(broken):
        broken["articles"][-1]["url"] = "not a url"

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    assert response.json()["problems"] == [
        f"articles[{len(document['articles']) - 1}]: url: Enter a valid URL."
    ]
    assert nothing_stored()


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
        response = post_import(client, body)

    assert response.status_code == 413
    assert "larger than the import accepts" in response.json()["problems"][0]
    assert nothing_stored()


def test_a_file_at_the_size_limit_is_imported(document, api_client, staff_user, settings):
    body = json.dumps(document)
    settings.CLAIM_IMPORT_MAX_BYTES = len(body.encode())

    response = post_import(api_client(staff_user), body)

    assert response.status_code == 201, response.json()


def test_import_is_for_staff_only(document, api_client, reviewer):
    response = post_import(api_client(reviewer), json.dumps(document))

    assert response.status_code == 403
    assert nothing_stored()


def test_anonymous_import_gets_401(document, api_client):
    response = post_import(api_client(), json.dumps(document))

    assert response.status_code == 401
    assert nothing_stored()


def test_import_command_restores_the_file(document, tmp_path, capsys):
    path = tmp_path / "claims.json"
    path.write_text(json.dumps(document))

    call_command("import_claims", str(path))

    assert Claim.objects.count() == document["totals"]["claims"]
    assert f"Created: users: 0, sources: {len(document['sources'])}," in capsys.readouterr().out


def test_import_command_refuses_a_bad_file_listing_the_problems(document, tmp_path, capsys):
    document["links"][0]["claim_a"] = 424242
    path = tmp_path / "claims.json"
    path.write_text(json.dumps(document))

    with pytest.raises(CommandError) as refused:
        call_command("import_claims", str(path))

    assert str(refused.value) == (
        f"{path} was not imported (problems above: 1); nothing was changed."
    )
    assert "- links[0]: the claim 424242 (claim_a) is not in the file." in capsys.readouterr().err
    assert nothing_stored()


def _exported_then_wiped(count: int, *, author) -> bytes:
    """A JSON export of `count` tagged claims on one article from one source, each linked to
    the next; the domain is wiped once it is taken."""
    article, source = ArticleFactory(uploaded_by=author), SourceFactory()
    claims = [
        ClaimFactory(
            article=article, source=source, created_by=author, tags=["velka", f"t-{n % 3}"]
        )
        for n in range(count)
    ]
    for first, second in pairwise(claims):
        ClaimLinkFactory(claim_a=first, claim_b=second, created_by=author)
    export = claim_set_export(
        claims=Claim.objects.all(),
        format=ExportFormat.JSON,
        filters={},
        user=None,
        via=ExportChannel.COMMAND,
    )
    content = b"".join(export)
    reset_domain()
    return content


@pytest.mark.parametrize("count", [5, 60])
def test_the_restore_writes_claims_and_links_in_a_fixed_number_of_queries(
    count, analyst, staff_user, django_assert_max_num_queries
):
    content = _exported_then_wiped(count, author=analyst)

    # A few queries per batch of claims and per batch of links, none per row: 60 claims cost
    # what 5 do.
    with django_assert_max_num_queries(RESTORE_QUERY_BUDGET):
        summary = claim_set_import(content=content, user=staff_user)

    assert summary.created["claims"] == count
    assert summary.created["links"] == count - 1


def test_a_source_already_here_under_other_case_and_spacing_is_matched(
    document, api_client, staff_user
):
    name = document["sources"][0]["name"]
    SourceFactory(name=name.upper(), kind=document["sources"][0]["kind"])
    document["sources"][0]["name"] = f"  {name.lower()}  ".replace(" ", "\n ")

    response = post_import(api_client(staff_user), json.dumps(document))

    assert response.status_code == 201, response.json()
    assert response.json()["matched"]["sources"] == 1
    assert Source.objects.filter(name__iexact=name).count() == 1


def test_an_outlet_that_is_another_kind_of_source_here_is_refused(document, api_client, staff_user):
    index, article = next(
        (index, article)
        for index, article in enumerate(document["articles"])
        if article["outlet"] is not None
    )
    outlet = next(source for source in document["sources"] if source["id"] == article["outlet"])
    SourceFactory(name=outlet["name"], kind="government")

    response = post_import(api_client(staff_user), json.dumps(document))

    assert response.status_code == 400
    assert response.json()["problems"] == [
        f"articles[{index}]: the outlet “{outlet['name']}” is not a media outlet here."
    ]
