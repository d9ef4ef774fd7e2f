"""Every rule the source services keep, merge included (claims and outlets move with it)."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from articles.models import Article
from claims.models import Claim
from claims.services import claim_delete, claim_update
from project.errors import Conflict
from sources.models import Source
from sources.services import (
    source_create,
    source_get_or_create,
    source_merge,
    source_named,
    source_update,
)
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    return SourceFactory(reliability="B")


def test_source_create_collapses_spaces_in_name(analyst):
    assert source_create(name="  Ministry   of  Defence ", user=analyst).name == (
        "Ministry of Defence"
    )


def test_source_create_refuses_name_differing_only_in_case(analyst):
    source_create(name="BBC", user=analyst)
    with pytest.raises(ValidationError) as error:
        source_create(name="bbc", user=analyst)
    assert "name" in error.value.message_dict
    assert Source.objects.count() == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ÉLYSÉE Palace Office", "élysée palace office"),  # SQLite's lower() folds ASCII only
        ("Straße Monitor", "STRASSE MONITOR"),  # no database's lower() makes "ß" "ss"
        ("Ｍｉｎｉｓｔｒｙ of Ｄｅｆｅｎｃｅ", "ministry of defence"),  # full-width letters
    ],
)
def test_names_equal_by_unicode_caseless_match_are_one_source(analyst, api_client, first, second):
    created = source_create(name=first, user=analyst)

    with pytest.raises(ValidationError) as error:
        source_create(name=second, user=analyst)

    assert error.value.message_dict["name"] == [
        f"A source named “{created.name}” already exists: use that one instead."
    ]
    assert source_named(second) == created
    assert source_get_or_create(name=second, user=analyst) == (created, False)
    answer = api_client(analyst).post("/api/sources/", {"name": second}, format="json")
    assert answer.status_code == 400
    assert Source.objects.count() == 1


def test_source_rename_to_an_existing_name_is_refused(reviewer):
    SourceFactory(name="Reuters")
    other = SourceFactory(name="AP")
    with pytest.raises(ValidationError) as error:
        source_update(source=other, user=reviewer, name="  reuters ")
    assert "name" in error.value.message_dict
    assert Source.objects.get(pk=other.pk).name == "AP"


def test_source_update_may_keep_its_own_name_in_another_case(reviewer):
    source = SourceFactory(name="Reuters")
    source_update(source=source, user=reviewer, name="REUTERS")
    assert Source.objects.get(pk=source.pk).name == "REUTERS"


def test_source_create_by_user_without_role_is_refused(no_role_user):
    with pytest.raises(PermissionDenied):
        source_create(name="Anyone", user=no_role_user)
    assert not Source.objects.exists()


def test_source_get_or_create_finds_existing_ignoring_case(analyst):
    existing = source_create(name="Reuters", user=analyst, kind="media_outlet")
    assert source_get_or_create(name="REUTERS", user=analyst) == (existing, False)


def test_analyst_cannot_change_reliability(analyst, source):
    with pytest.raises(PermissionDenied):
        source_update(source=source, user=analyst, reliability="E")
    source.refresh_from_db()
    assert source.reliability == "B"


def test_reviewer_can_change_reliability(reviewer, source):
    source_update(source=source, user=reviewer, reliability="E")
    source.refresh_from_db()
    assert source.reliability == "E"


def test_source_update_refuses_unknown_reliability(reviewer, source):
    with pytest.raises(ValidationError):
        source_update(source=source, user=reviewer, reliability="Z")


@pytest.fixture
def merge_setup(analyst):
    target = OutletFactory(name="Daily Synthetic")
    duplicate = OutletFactory(name="The Daily Synthetic")
    claims = [ClaimFactory(source=duplicate, created_by=analyst) for _ in range(2)]
    article = ArticleFactory(outlet=duplicate)
    return target, duplicate, claims, article


def test_merge_moves_claims_to_target(merge_setup, reviewer):
    target, duplicate, claims, _ = merge_setup
    source_merge(target=target, duplicates=[duplicate], user=reviewer)
    assert set(Claim.objects.filter(source=target)) == set(claims)


def test_merge_moves_soft_deleted_claims_too(merge_setup, reviewer, analyst):
    target, duplicate, claims, _ = merge_setup
    claim_delete(claim=claims[0], user=analyst)
    source_merge(target=target, duplicates=[duplicate], user=reviewer)
    assert Claim.all_objects.get(pk=claims[0].pk).source == target


def test_merge_moves_articles_to_target_outlet(merge_setup, reviewer):
    target, duplicate, _, article = merge_setup
    source_merge(target=target, duplicates=[duplicate], user=reviewer)
    assert Article.objects.get(pk=article.pk).outlet == target


def test_merge_deletes_duplicates(merge_setup, reviewer):
    target, duplicate, _, _ = merge_setup
    source_merge(target=target, duplicates=[duplicate], user=reviewer)
    assert list(Source.objects.all()) == [target]


def test_merge_bumps_claim_versions(merge_setup, reviewer):
    target, duplicate, _, _ = merge_setup
    source_merge(target=target, duplicates=[duplicate], user=reviewer)
    assert {claim.version for claim in Claim.objects.all()} == {2}


def test_merge_records_claim_history_with_user_and_reason(merge_setup, reviewer):
    target, duplicate, claims, _ = merge_setup
    source_merge(target=target, duplicates=[duplicate], user=reviewer)
    latest = claims[0].history.first()
    assert (latest.source_id, latest.history_user, latest.history_change_reason) == (
        target.pk,
        reviewer,
        "Source merged into Daily Synthetic",
    )


def test_merge_records_deletion_of_duplicate_in_history(merge_setup, reviewer):
    target, duplicate, _, _ = merge_setup
    source_merge(target=target, duplicates=[duplicate], user=reviewer)
    assert Source.history.filter(id=duplicate.pk, history_type="-").exists()


def test_merge_makes_an_edit_from_before_it_stale(merge_setup, reviewer, analyst):
    target, duplicate, claims, _ = merge_setup
    source_merge(target=target, duplicates=[duplicate], user=reviewer)
    with pytest.raises(Conflict):
        claim_update(claim=claims[0], user=analyst, version=1, source=duplicate)


def test_analyst_cannot_merge(merge_setup, analyst):
    target, duplicate, _, _ = merge_setup
    with pytest.raises(PermissionDenied):
        source_merge(target=target, duplicates=[duplicate], user=analyst)
    assert Source.objects.count() == 2


def test_merge_into_itself_only_is_refused(merge_setup, reviewer):
    target, _, _, _ = merge_setup
    with pytest.raises(ValidationError):
        source_merge(target=target, duplicates=[target], user=reviewer)
    assert Source.objects.count() == 2


def test_source_named_ignores_case_and_spacing():
    source = SourceFactory(name="Eastgate Wire")

    assert source_named("  eastgate\n  WIRE ") == source
    assert source_named("Eastgate Wires") is None


# --- Races ---------------------------------------------------------------------------------------


def test_a_name_taken_between_the_check_and_the_save_is_a_conflict(analyst, monkeypatch):
    existing = SourceFactory(name="Valley Courier")
    # As if another request added it after this one's checks: they find nothing.
    monkeypatch.setattr(Source, "clean", lambda self: None)
    monkeypatch.setattr(Source, "validate_constraints", lambda self, exclude=None: None)

    with pytest.raises(Conflict) as conflict:
        source_create(name="valley courier", user=analyst)

    assert conflict.value.code == "duplicate"
    assert conflict.value.current == {"id": existing.pk, "name": "Valley Courier"}
    assert Source.objects.count() == 1


def test_merging_sources_that_a_merge_just_deleted_is_a_conflict(reviewer):
    first, second = SourceFactory(), SourceFactory()
    stale_first, stale_second = Source.objects.get(pk=first.pk), Source.objects.get(pk=second.pk)
    source_merge(target=second, duplicates=[first], user=reviewer)

    with pytest.raises(Conflict) as conflict:
        source_merge(target=stale_first, duplicates=[stale_second], user=reviewer)

    assert conflict.value.code == "merged_meanwhile"
    assert list(Source.objects.values_list("pk", flat=True)) == [second.pk]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are PostgreSQL's; the suite's SQLite is one shared in-memory connection",
)
def test_two_merges_of_the_same_sources_at_once_do_not_deadlock(reviewer):
    first, second = SourceFactory(), SourceFactory()
    ClaimFactory(source=first)
    ClaimFactory(source=second)
    started = threading.Barrier(2)
    outcomes = []

    def merge(target, duplicate):
        try:
            started.wait(timeout=10)
            source_merge(target=target, duplicates=[duplicate], user=reviewer)
            outcomes.append("merged")
        except Exception as error:
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=merge, args=(first, second)),
        threading.Thread(target=merge, args=(second, first)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["Conflict", "merged"]
    (kept,) = Source.objects.all()
    assert Claim.all_objects.filter(source=kept).count() == 2
