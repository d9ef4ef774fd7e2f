"""The claim tallies (ADR 0012) match a recount of the claims after every kind of write: each
test writes one way, then compares what the triggers kept with `tallies.recounted()`."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from claims import services, tallies
from claims.models import Claim, ClaimStatus
from claims.rollups import GradeTally, SourceTally
from claims.tallies import ClaimDayTally, ClaimTally
from sources.services import source_merge, source_update
from tests.claims.conftest import record
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def assert_tallies_right() -> None:
    assert tallies.differences() == {}


def tally(source, status: str) -> int:
    rows = ClaimTally.objects.filter(source_id=source.pk, status=status)
    return sum(rows.values_list("n", flat=True))


def test_recording_a_claim_counts_it_under_its_source_status_grade_and_day(
    article, analyst, source
):
    claim = record(article, analyst, source, 10, 40, credibility=2)

    row = ClaimTally.objects.get(source_id=source.pk)
    assert (row.status, row.credibility, row.evaluated_reliability, row.n) == ("draft", 2, "", 1)
    day = ClaimDayTally.objects.get(created_by_id=analyst.pk)
    assert (day.day, day.n) == (claim.created_at.date(), 1)
    assert_tallies_right()


def test_recording_claims_in_a_batch(article, analyst, source):
    services.claims_create(
        items=[
            {
                "article": article,
                "start": 0,
                "end": 5,
                "quote": article.text[0:5],
                "source": source,
            },
            {
                "article": article,
                "start": 5,
                "end": 9,
                "quote": article.text[5:9],
                "source": source,
            },
        ],
        created_by=analyst,
    )

    assert tally(source, ClaimStatus.DRAFT) == 2
    assert_tallies_right()


def test_review_transitions_move_the_claim_between_statuses(submitted, analyst, reviewer, source):
    assert tally(source, ClaimStatus.SUBMITTED) == 1
    claim = services.claim_reject(claim=submitted, reviewer=reviewer, note="Which ministry?")
    assert (tally(source, ClaimStatus.SUBMITTED), tally(source, ClaimStatus.REJECTED)) == (0, 1)
    assert_tallies_right()

    claim = services.claim_update(
        claim=claim, user=analyst, version=claim.version, statement="The ministry of defence."
    )
    claim = services.claim_submit(claim=claim, user=analyst)
    claim = services.claim_approve(claim=claim, reviewer=reviewer)

    row = ClaimTally.objects.get(source_id=source.pk, status=ClaimStatus.APPROVED, n__gt=0)
    assert row.evaluated_reliability == "B"
    assert_tallies_right()


def test_withdrawing_and_bulk_approving(submitted, analyst, reviewer, source):
    claim = services.claim_withdraw(claim=submitted, user=analyst)
    assert tally(source, ClaimStatus.DRAFT) == 1
    claim = services.claim_submit(claim=claim, user=analyst)

    services.claims_approve_bulk(claims=[claim], reviewer=reviewer)

    assert tally(source, ClaimStatus.APPROVED) == 1
    assert_tallies_right()


def test_editing_the_credibility_moves_the_count(draft, analyst, source):
    services.claim_update(claim=draft, user=analyst, version=draft.version, credibility=5)

    assert ClaimTally.objects.get(source_id=source.pk, credibility=5).n == 1
    assert ClaimTally.objects.get(source_id=source.pk, credibility=2).n == 0
    assert_tallies_right()


def test_soft_delete_uncounts_and_restore_counts_again(draft, analyst, source):
    claim = services.claim_delete(claim=draft, user=analyst)
    assert tally(source, ClaimStatus.DRAFT) == 0
    assert ClaimDayTally.objects.get(created_by_id=analyst.pk).n == 0
    assert_tallies_right()

    services.claim_restore(claim=claim, user=analyst)

    assert tally(source, ClaimStatus.DRAFT) == 1
    assert_tallies_right()


def test_a_hard_delete_of_a_deleted_claim_changes_nothing_and_of_a_live_one_uncounts(
    article, analyst, source
):
    live = record(article, analyst, source, 0, 5)
    gone = services.claim_delete(claim=record(article, analyst, source, 5, 9), user=analyst)

    Claim.all_objects.filter(pk__in=[live.pk, gone.pk]).delete()

    assert tally(source, ClaimStatus.DRAFT) == 0
    assert_tallies_right()


def test_a_source_merge_moves_the_counts_to_the_kept_source(article, analyst, reviewer, source):
    duplicate = SourceFactory(reliability="C")
    record(article, analyst, source, 0, 5)
    record(article, analyst, duplicate, 5, 9)
    services.claim_delete(claim=record(article, analyst, duplicate, 9, 12), user=analyst)

    source_merge(target=source, duplicates=[duplicate], user=reviewer)

    assert (tally(source, ClaimStatus.DRAFT), tally(duplicate, ClaimStatus.DRAFT)) == (2, 0)
    assert_tallies_right()


def test_a_queryset_update_that_bypasses_the_models_is_counted_too(draft, source):
    Claim.objects.filter(pk=draft.pk).update(credibility=4)

    assert ClaimTally.objects.get(source_id=source.pk, credibility=4).n == 1
    assert_tallies_right()


def test_an_admin_delete_of_several_claims(admin_client, article, analyst, source):
    claims = [record(article, analyst, source, 0, 5), record(article, analyst, source, 5, 9)]

    response = admin_client.post(
        "/admin/claims/claim/",
        {
            "action": "delete_selected",
            "_selected_action": [claim.pk for claim in claims],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert tally(source, ClaimStatus.DRAFT) == 0
    assert_tallies_right()


def test_rerating_a_source_moves_the_grades_of_its_unevaluated_claims_only(
    submitted, article, analyst, reviewer, source
):
    services.claim_approve(claim=submitted, reviewer=reviewer)  # evaluated B
    record(article, analyst, source, 50, 60, credibility=3)  # a draft: follows the source

    source_update(source=source, user=reviewer, reliability="D")

    grades = {
        (row.reliability, row.credibility): row.n for row in GradeTally.objects.filter(n__gt=0)
    }
    assert grades == {("B", 2): 1, ("D", 3): 1}
    assert SourceTally.objects.get(source_id=source.pk).n == 2
    assert_tallies_right()


def test_rebuild_repairs_wrong_tallies_and_check_says_so(draft, source):
    ClaimTally.objects.filter(source_id=source.pk).update(n=7)
    with pytest.raises(CommandError, match="claims_claimtally"):
        call_command("rebuild_tallies", "--check", stdout=io.StringIO())

    out = io.StringIO()
    call_command("rebuild_tallies", stdout=out)

    assert "claims_claimtally" in out.getvalue()
    assert tally(source, ClaimStatus.DRAFT) == 1
    call_command("rebuild_tallies", "--check", stdout=(out := io.StringIO()))
    assert "match" in out.getvalue()


def test_an_unchanged_save_takes_no_lock_on_a_tally(draft):
    """PostgreSQL: saving a claim without changing what it counts under leaves the tallies
    untouched (no row version written), so analysts editing claims of one source do not queue
    on its tally row."""
    if connection.vendor != "postgresql":
        pytest.skip("xmin is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM claims_claimtally ORDER BY id")
        before = cursor.fetchall()
        draft.statement = "Reworded."
        draft.save()
        cursor.execute("SELECT xmin::text FROM claims_claimtally ORDER BY id")
        assert cursor.fetchall() == before


def test_a_flush_that_empties_the_tallies_before_the_claims_leaves_none_negative(
    evidence, analyst, reviewer
):
    """A flush deletes table by table (SQLite's `DELETE FROM`, in an order of its own): the
    claims deleted after their tallies must not leave negative counts behind (they did, and
    the next test's dashboard counted -2 claims)."""
    evidence(12, authors=[analyst], reviewer=reviewer)
    counters = [
        "claims_gradetally",
        "claims_sourcetally",
        "claims_claimtally",
        "claims_claimdaytally",
        "claims_linktally",
        "claims_linkmark",
    ]
    with connection.cursor() as cursor:
        for table in counters:
            cursor.execute(f"DELETE FROM {table}")
        for table in ["claims_claimlink", "claims_claim_tags", "claims_claim"]:
            cursor.execute(f"DELETE FROM {table}")
        negative = []
        for table in [name for name in counters if name != "claims_linkmark"]:
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE n < 0")
            negative += [table] * cursor.fetchone()[0]

    assert negative == []
    assert tallies.stored() == tallies.recounted()
