"""Renaming and merging tags (`claims.services.tag_curation`): each claim carrying the tag says
so in its history and gets a new version, deleted claims too; the reviewer's decision stands;
the per-tag contradiction counts follow; only reviewers may; the API and the admin go through
the same service."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import services, tallies
from claims.history import claim_history
from claims.models import Claim, Tag
from claims.services import tag_curation
from claims.statistics import tallied_contradictions_per_tag
from project import roles
from project.errors import Conflict
from tests.claims.conftest import claim_url, record
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(article, analyst):
    """Three claims of `article`: tagged troops, army, and both."""
    source = SourceFactory(reliability="B")
    return [
        record(article, analyst, source, 0, 10, tags=tags)
        for tags in (["troops"], ["army"], ["troops", "army"])
    ]


def tags_of(claim) -> list[str]:
    return sorted(Claim.all_objects.get(pk=claim.pk).tags.values_list("name", flat=True))


def last_entry(claim):
    entries, _ = claim_history(Claim.all_objects.get(pk=claim.pk))
    return entries[0]


def test_a_merge_gives_every_claim_the_kept_tag_once_and_says_so(tagged, reviewer):
    troops, army = Tag.objects.get(name="troops"), Tag.objects.get(name="army")

    tag_curation.tag_merge(target=troops, duplicates=[army], user=reviewer)

    assert [tags_of(claim) for claim in tagged] == [["troops"]] * 3
    assert not Tag.objects.filter(name="army").exists()
    entry = last_entry(tagged[1])
    assert entry.reason == "Tags “army” merged into “troops”"
    assert entry.who == "rita"
    assert [(change.label, change.old, change.new) for change in entry.changes] == [
        ("Tags", "army", "troops")
    ]
    assert [change.old for change in last_entry(tagged[2]).changes] == ["army, troops"]
    # The claim carrying only the kept tag is untouched.
    assert Claim.objects.get(pk=tagged[0].pk).version == tagged[0].version


def test_a_merge_reaches_deleted_claims_and_keeps_reviews(tagged, analyst, reviewer):
    services.claim_submit(claim=tagged[1], user=analyst)
    approved = services.claim_approve(claim=tagged[1], reviewer=reviewer)
    gone = services.claim_delete(claim=tagged[2], user=analyst)

    tag_curation.tag_merge(
        target=Tag.objects.get(name="troops"),
        duplicates=[Tag.objects.get(name="army")],
        user=reviewer,
    )

    stored = Claim.objects.get(pk=approved.pk)
    assert (stored.status, stored.reviewed_by, stored.version) == (
        "approved",
        reviewer,
        approved.version + 1,
    )
    assert tags_of(gone) == ["troops"]


def test_an_edit_begun_before_a_merge_is_refused(tagged, analyst, reviewer):
    claim = tagged[1]
    tag_curation.tag_merge(
        target=Tag.objects.get(name="troops"),
        duplicates=[Tag.objects.get(name="army")],
        user=reviewer,
    )

    with pytest.raises(Conflict):
        services.claim_update(claim=claim, user=analyst, version=claim.version, tags=["army"])
    assert tags_of(claim) == ["troops"]


def test_per_tag_contradiction_counts_follow_a_merge(tagged, analyst, reviewer):
    services.link_create(
        claim_a=tagged[0], claim_b=tagged[1], kind="contradicts", note="", user=analyst
    )
    assert dict(tallied_contradictions_per_tag()) == {"army": 1, "troops": 1}

    tag_curation.tag_merge(
        target=Tag.objects.get(name="troops"),
        duplicates=[Tag.objects.get(name="army")],
        user=reviewer,
    )

    assert dict(tallied_contradictions_per_tag()) == {"troops": 1}
    assert tallies.differences() == {}


def test_a_rename_keeps_the_tag_and_records_it_on_each_claim(tagged, reviewer):
    army = Tag.objects.get(name="army")

    tag_curation.tag_rename(tag=army, name="Armed forces", user=reviewer)

    assert Tag.objects.get(pk=army.pk).name == "armed-forces"
    assert tags_of(tagged[2]) == ["armed-forces", "troops"]
    assert last_entry(tagged[1]).reason == "Tag “army” renamed “armed-forces”"
    assert Claim.objects.get(pk=tagged[0].pk).version == tagged[0].version


def test_a_rename_to_another_tags_name_is_refused_with_the_way_out(tagged, reviewer):
    army = Tag.objects.get(name="army")

    with pytest.raises(ValidationError) as refused:
        tag_curation.tag_rename(tag=army, name="Troops", user=reviewer)

    assert "merge “army” into it" in refused.value.message_dict["name"][0]
    assert Tag.objects.get(pk=army.pk).name == "army"
    assert Claim.objects.get(pk=tagged[1].pk).version == tagged[1].version


def test_analysts_may_not_curate_tags(tagged, analyst):
    army, troops = Tag.objects.get(name="army"), Tag.objects.get(name="troops")

    with pytest.raises(PermissionDenied):
        tag_curation.tag_merge(target=troops, duplicates=[army], user=analyst)
    with pytest.raises(PermissionDenied):
        tag_curation.tag_rename(tag=army, name="forces", user=analyst)
    assert Tag.objects.count() == 2


def test_a_merge_costs_the_same_statements_for_few_or_many_claims(article, analyst, reviewer):
    source = SourceFactory()
    roles.can_curate_tags(reviewer)  # reads the reviewer's roles once
    counts = []
    for n, (keep, drop) in enumerate([("a1", "b1"), ("a2", "b2")]):
        for start in range(0, 3 + 27 * n):
            record(article, analyst, source, start, start + 5, tags=[drop])
        record(article, analyst, source, 50, 60, tags=[keep, drop])
        target, duplicate = Tag.objects.get(name=keep), Tag.objects.get(name=drop)
        with CaptureQueriesContext(connection) as queries:
            tag_curation.tag_merge(target=target, duplicates=[duplicate], user=reviewer)
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- The API -------------------------------------------------------------------------------------


def test_a_reviewer_merges_tags_through_the_api(tagged, reviewer_client):
    troops, army = Tag.objects.get(name="troops"), Tag.objects.get(name="army")

    response = reviewer_client.post(
        f"/api/tags/{troops.pk}/merge/", {"tags": [army.pk]}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json() == {"id": troops.pk, "name": "troops", "claim_count": 3}
    assert not Tag.objects.filter(pk=army.pk).exists()


def test_a_reviewer_renames_a_tag_through_the_api(tagged, reviewer_client, analyst_client):
    army = Tag.objects.get(name="army")

    refused = analyst_client.patch(f"/api/tags/{army.pk}/", {"name": "forces"}, format="json")
    taken = reviewer_client.patch(f"/api/tags/{army.pk}/", {"name": "troops"}, format="json")
    renamed = reviewer_client.patch(f"/api/tags/{army.pk}/", {"name": "Forces"}, format="json")

    assert refused.status_code == 403
    assert taken.status_code == 400 and "merge" in taken.json()["name"][0]
    assert renamed.json() == {"id": army.pk, "name": "forces", "claim_count": 2}
    # A client holding the claim as it was is told to reload, not allowed to put "army" back.
    stale = analyst_client.patch(
        claim_url(tagged[1]), {"tags": ["army"], "version": tagged[1].version}, format="json"
    )
    assert stale.status_code == 409


def test_merging_a_tag_into_itself_or_an_unknown_tag_is_a_400(tagged, reviewer_client):
    troops = Tag.objects.get(name="troops")

    itself = reviewer_client.post(
        f"/api/tags/{troops.pk}/merge/", {"tags": [troops.pk]}, format="json"
    )
    unknown = reviewer_client.post(
        f"/api/tags/{troops.pk}/merge/", {"tags": [999999]}, format="json"
    )

    assert itself.status_code == 400 and "at least one other tag" in str(itself.json())
    assert unknown.status_code == 400 and "tags" in unknown.json()


# --- The admin -----------------------------------------------------------------------------------


@pytest.fixture
def curator(client, staff_user):
    client.force_login(staff_user)
    return client


def test_the_admin_merges_tags_after_asking_which_to_keep(tagged, curator):
    troops, army = Tag.objects.get(name="troops"), Tag.objects.get(name="army")
    changelist = reverse("admin:claims_tag_changelist")
    chosen = {"action": "merge_tags", "_selected_action": [troops.pk, army.pk]}

    asked = curator.post(changelist, chosen)
    merged = curator.post(changelist, {**chosen, "target": army.pk}, follow=True)

    assert "Choose the tag to keep" in asked.content.decode()
    assert "Merged 1 tag into “army”." in merged.content.decode()
    assert [tags_of(claim) for claim in tagged] == [["army"]] * 3


def test_the_admin_renames_a_carried_tag_through_the_service(tagged, curator):
    army = Tag.objects.get(name="army")

    response = curator.post(reverse("admin:claims_tag_change", args=[army.pk]), {"name": "forces"})
    taken = curator.post(reverse("admin:claims_tag_change", args=[army.pk]), {"name": "troops"})

    assert response.status_code == 302
    assert last_entry(tagged[1]).reason == "Tag “army” renamed “forces”"
    assert "merge this one into it" in taken.content.decode()
