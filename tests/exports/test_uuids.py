"""Claims and links are named by their uuid, not their row id, wherever they travel: two teams'
claims that share a row id are two annotations in JSON-LD, an export restored elsewhere and
exported again names every claim and link as before, and a restore keeps the file's uuids,
refusing (with nothing written) one that is malformed, repeated, or already another's here."""

import csv
import io
import json
import uuid

import pytest

from claims.demo.loader import reset_domain
from claims.models import Claim, ClaimLink, ClaimStatus, LinkKind
from exports.restore import claim_set_import
from tests.exports.claim_set_files import broken, nothing_stored, post_import
from tests.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db


def _annotations(export, user) -> list[dict]:
    response, content = export(user, format="jsonld", status="")
    assert response.status_code == 200, content
    collection = json.loads(content)
    assert collection["type"] == "AnnotationCollection"
    return collection["first"]["items"]


def _uuid_iri(iri: str) -> uuid.UUID:
    """The UUID an annotation IRI names; fails on any other IRI."""
    assert iri.startswith("urn:uuid:"), iri
    return uuid.UUID(iri.removeprefix("urn:uuid:"))


def _team_claims(reviewer, first_id: int) -> tuple[Claim, Claim]:
    """Two approved claims with row ids `first_id` and `first_id + 1`, and a link between them."""
    claims = tuple(
        ClaimFactory(pk=first_id + n, status=ClaimStatus.APPROVED, reviewed_by=reviewer)
        for n in range(2)
    )
    ClaimLinkFactory(pk=first_id, claim_a=claims[0], claim_b=claims[1], kind=LinkKind.CONTRADICTS)
    return claims


def test_claims_of_two_instances_with_one_row_id_are_two_annotations(staff_user, reviewer, export):
    """Team A's claim 9001 and team B's claim 9001 (each instance numbers its own rows) are
    different claims: merged in one store, their annotations must not fold into one."""
    _team_claims(reviewer, 9001)
    team_a = _annotations(export, staff_user)
    Claim.all_objects.all().delete()  # the other instance, with the same row ids
    _team_claims(reviewer, 9001)
    team_b = _annotations(export, staff_user)

    merged = team_a + team_b
    ids = [_uuid_iri(item["id"]) for item in merged]
    assert len(merged) == 6  # two claims and a link each
    assert len(set(ids)) == 6
    for items in (team_a, team_b):
        claim_ids = {item["id"] for item in items if item["motivation"] == "assessing"}
        (link,) = (item for item in items if item["motivation"] == "linking")
        assert {link["target"], link["body"][0]["source"]} == claim_ids  # its own team's claims


def test_export_restore_export_names_every_claim_and_link_as_before(
    demo, export, export_json, staff_user
):
    before = export_json(staff_user, status="")
    before_jsonld = _annotations(export, staff_user)
    reset_domain()

    claim_set_import(content=json.dumps(before), user=staff_user)

    after = export_json(staff_user, status="")
    after_jsonld = _annotations(export, staff_user)
    for kind in ("claims", "links"):
        assert [record["uuid"] for record in after[kind]] == [
            record["uuid"] for record in before[kind]
        ]
        # The row ids are this instance's: new ones, which name nothing in the file.
        assert {record["id"] for record in after[kind]}.isdisjoint(
            record["id"] for record in before[kind]
        )
    assert [item["id"] for item in after_jsonld] == [item["id"] for item in before_jsonld]
    assert after_jsonld == before_jsonld
    stored = {str(value) for value in Claim.all_objects.values_list("uuid", flat=True)}
    assert stored == {claim["uuid"] for claim in before["claims"]}


def test_every_format_gives_a_claims_uuid_and_its_linked_claims_uuids(staff_user, reviewer, export):
    first, second = _team_claims(reviewer, 1)

    _, jsonl = export(staff_user, format="jsonl", status="")
    _, content = export(staff_user, format="csv", status="")

    lines = [json.loads(line) for line in jsonl.decode().splitlines()]
    assert [(line["uuid"], line["contradicts_uuids"]) for line in lines] == [
        (str(first.uuid), [str(second.uuid)]),
        (str(second.uuid), [str(first.uuid)]),
    ]
    table = csv.DictReader(io.StringIO(content.decode()))
    assert table.fieldnames[:2] == ["claim_id", "uuid"]
    assert table.fieldnames[-2:] == ["contradicts_uuids", "corroborates_uuids"]
    assert [
        (row["uuid"], row["contradicts_uuids"], row["corroborates_uuids"]) for row in table
    ] == [
        (str(first.uuid), str(second.uuid), ""),
        (str(second.uuid), str(first.uuid), ""),
    ]


def test_a_file_written_before_records_had_uuids_restores_with_new_ones(document, staff_user):
    old = json.loads(
        broken(document, lambda file: [r.pop("uuid") for k in ("claims", "links") for r in file[k]])
    )

    summary = claim_set_import(content=json.dumps(old), user=staff_user)

    assert summary.created["claims"] == len(old["claims"])
    assert summary.created["links"] == len(old["links"])
    for model, kind in ((Claim.all_objects, "claims"), (ClaimLink.objects, "links")):
        given = set(model.values_list("uuid", flat=True))
        assert len(given) == len(old[kind])
        assert not {str(value) for value in given} & {r["uuid"] for r in document[kind]}


@pytest.mark.parametrize("value", ["not-a-uuid", "3f2b8c1e5d4a4e6b9c7d0a1b2c3d4e5f", ""])
def test_a_malformed_uuid_is_refused_and_nothing_is_written(
    document, api_client, staff_user, value
):
    body = broken(document, lambda file: file["claims"][1].update(uuid=value))

    response = post_import(api_client(staff_user), body)

    assert response.status_code == 400
    assert response.json()["problems"] == [
        f"claims[1]: “uuid” must be a UUID such as 3f2b8c1e-5d4a-4e6b-9c7d-0a1b2c3d4e5f, "
        f"not “{value}”."
    ]
    assert nothing_stored()


def test_a_uuid_given_twice_in_the_file_is_refused_naming_both(document, api_client, staff_user):
    twice = document["claims"][0]["uuid"]

    def change(file):
        file["claims"][2]["uuid"] = twice
        file["links"][0]["uuid"] = twice.upper()

    response = post_import(api_client(staff_user), broken(document, change))

    assert response.status_code == 400
    assert response.json()["problems"] == [
        f"{where}: the uuid {twice} is also the uuid of claims[0]; a uuid names one claim or link."
        for where in ("claims[2]", "links[0]")
    ]
    assert nothing_stored()


def test_a_file_claim_deleted_here_since_is_refused_by_name_and_nothing_is_written(
    document, api_client, staff_user
):
    """Restored once, then a claim deleted here: restored again, the file's claim is that
    deleted claim (its uuid). It is not recorded again beside it, nor silently skipped."""
    claim_set_import(content=json.dumps(document), user=staff_user)
    gone = Claim.objects.get(uuid=document["claims"][3]["uuid"])
    Claim.all_objects.filter(pk=gone.pk).update(deleted_at=gone.created_at)
    counts = (Claim.all_objects.count(), ClaimLink.objects.count())

    response = post_import(api_client(staff_user), json.dumps(document))

    assert response.status_code == 400
    assert response.json()["problems"] == [
        f"claims[3]: it is claim {gone.pk} here (its uuid {gone.uuid}), which was deleted: "
        "restore that claim first (it keeps its history), or leave this one out of the file."
    ]
    assert (Claim.all_objects.count(), ClaimLink.objects.count()) == counts


def test_a_file_claim_edited_here_since_is_the_same_claim(document, staff_user):
    """A claim moved or re-attributed here after the restore is still the file's claim (its
    uuid): restored again, the file adds nothing and changes nothing of it. Before, the edit
    made it unknown, and the restore either recorded it twice or refused the whole file."""
    claim_set_import(content=json.dumps(document), user=staff_user)
    moved = Claim.objects.get(uuid=document["claims"][3]["uuid"])
    Claim.objects.filter(pk=moved.pk).update(start=moved.start + 1, quote=moved.quote[1:])

    summary = claim_set_import(content=json.dumps(document), user=staff_user)

    assert summary.created["claims"] == summary.created["links"] == 0
    assert Claim.objects.get(pk=moved.pk).start == moved.start + 1


def test_a_uuid_already_another_links_here_is_refused(document, api_client, staff_user):
    taken = ClaimLinkFactory()
    body = broken(document, lambda file: file["links"][1].update(uuid=str(taken.uuid)))

    response = post_import(api_client(staff_user), body)

    assert response.status_code == 400
    assert response.json()["problems"] == [
        f"links[1]: its uuid {taken.uuid} is already that of link {taken.pk} here, which is not "
        "this link (changed or deleted here since the export, or the file was edited); a uuid "
        "names one claim or link."
    ]
    assert list(ClaimLink.objects.all()) == [taken]


def test_a_file_restored_twice_matches_its_claims_and_links_by_their_uuids_unchanged(
    document, staff_user
):
    claim_set_import(content=json.dumps(document), user=staff_user)
    uuids = set(Claim.all_objects.values_list("uuid", flat=True))

    summary = claim_set_import(content=json.dumps(document), user=staff_user)

    assert summary.created["claims"] == summary.created["links"] == 0
    assert set(Claim.all_objects.values_list("uuid", flat=True)) == uuids
