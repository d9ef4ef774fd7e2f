"""Two transactions moving counts between the same tally rows in opposite directions must not
deadlock (ADR 0012): the triggers touch tally rows in one global order, so the second writer
waits for the first instead of locking the other row first.

Each test slows the tally writes down (a test-only trigger sleeping after every write to the
tally table) so that both transactions are inside their triggers at once: on the old triggers
PostgreSQL detected the deadlock every time and refused one of them. SQLite serialises writers,
so there is nothing to test there."""

import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from claims import tallies
from claims.link_tallies import LinkTally
from claims.models import Claim, ClaimLink, ClaimStatus
from claims.rollups import GradeTally
from claims.services import claim_create, link_create
from claims.tallies import ClaimTally
from sources.models import Source
from tests.claims.conftest import record
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db(transaction=True)

#: Long enough for the other transaction to take its first row, short next to deadlock_timeout.
PAUSE = 0.4


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: no two transactions hold row locks at once")


@pytest.fixture
def slow_writes_to():
    """`slow_writes_to(table)`: every row written to `table` pauses its transaction."""
    tables = []

    def slow(table: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE OR REPLACE FUNCTION test_pause() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN PERFORM pg_sleep({PAUSE}); RETURN NULL; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER zz_test_pause AFTER INSERT OR UPDATE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION test_pause()"
            )
        tables.append(table)

    yield slow
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DROP TRIGGER IF EXISTS zz_test_pause ON {table}")
        cursor.execute("DROP FUNCTION IF EXISTS test_pause()")


def at_once(*writes: Callable[[], None], stagger: float = 0) -> list[BaseException]:
    """Run each write in its own thread (its own connection and transaction), started together
    (or each `stagger` seconds after the one before); the errors they raised."""
    start = threading.Barrier(len(writes))
    errors: list[BaseException] = []

    def run(write: Callable[[], None], delay: float) -> None:
        try:
            start.wait()
            time.sleep(delay)
            with transaction.atomic():
                write()
        except BaseException as error:  # reported to the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(write, n * stagger)) for n, write in enumerate(writes)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def moved(claim: Claim, status: str) -> Callable[[], None]:
    return lambda: Claim.all_objects.filter(pk=claim.pk).update(status=status)


def a_draft_and_a_submitted(article, analyst, draft_source, submitted_source):
    """Two claims of `article`: a draft of `draft_source` and a submitted one of the other."""
    drafted = record(article, analyst, draft_source, 0, 5)
    sent = record(article, analyst, submitted_source, 5, 9)
    Claim.all_objects.filter(pk=sent.pk).update(status=ClaimStatus.SUBMITTED)
    return drafted, sent


def test_claims_moving_between_two_statuses_in_opposite_directions(
    article, analyst, source, slow_writes_to
):
    drafted, sent = a_draft_and_a_submitted(article, analyst, source, source)
    slow_writes_to("claims_claimtally")

    errors = at_once(moved(drafted, ClaimStatus.SUBMITTED), moved(sent, ClaimStatus.DRAFT))

    assert errors == []
    counts = dict(ClaimTally.objects.filter(source_id=source.pk).values_list("status", "n"))
    assert (counts[ClaimStatus.DRAFT], counts[ClaimStatus.SUBMITTED]) == (1, 1)
    assert tallies.differences() == {}


def test_claims_of_two_sources_moving_in_opposite_directions_through_the_grades(
    article, analyst, slow_writes_to
):
    """The grade roll-up is shared by every source: it is locked in order too."""
    first, second = SourceFactory(reliability="B"), SourceFactory(reliability="B")
    drafted, sent = a_draft_and_a_submitted(article, analyst, first, second)
    slow_writes_to("claims_gradetally")

    errors = at_once(moved(drafted, ClaimStatus.SUBMITTED), moved(sent, ClaimStatus.DRAFT))

    assert errors == []
    assert tallies.differences() == {}


def test_links_decided_in_opposite_directions(article, analyst, reviewer, source, slow_writes_to):
    claims = [
        claim_create(
            article=article,
            start=start,
            end=start + 4,
            quote=article.text[start : start + 4],
            source=source,
            created_by=analyst,
        )
        for start in (0, 5, 10, 15)
    ]
    proposed = link_create(kind="contradicts", claim_a=claims[0], claim_b=claims[1], user=analyst)
    confirmed = link_create(kind="contradicts", claim_a=claims[2], claim_b=claims[3], user=analyst)
    decided = {"decided_by": reviewer, "decided_at": timezone.now()}
    ClaimLink.objects.filter(pk=confirmed.pk).update(status="confirmed", **decided)
    slow_writes_to("claims_linktally")

    errors = at_once(
        lambda: ClaimLink.objects.filter(pk=proposed.pk).update(status="confirmed", **decided),
        lambda: ClaimLink.objects.filter(pk=confirmed.pk).update(
            status="proposed", decided_by=None, decided_at=None
        ),
    )

    assert errors == []
    counts = dict(LinkTally.objects.filter(tag_id=0, source_id=0).values_list("status", "n"))
    assert (counts["proposed"], counts["confirmed"]) == (1, 1)
    assert tallies.differences() == {}


def test_two_sources_rerated_in_opposite_directions(article, analyst, slow_writes_to):
    """A re-rating moves its source's unevaluated claims between two grades."""
    rated_b, rated_c = SourceFactory(reliability="B"), SourceFactory(reliability="C")
    for start, source in ((0, rated_b), (5, rated_c)):
        claim_create(
            article=article,
            start=start,
            end=start + 4,
            quote=article.text[start : start + 4],
            source=source,
            created_by=analyst,
        )
    slow_writes_to("claims_gradetally")

    errors = at_once(
        lambda: Source.objects.filter(pk=rated_b.pk).update(reliability="C"),
        lambda: Source.objects.filter(pk=rated_c.pk).update(reliability="B"),
    )

    assert errors == []
    grades = dict(GradeTally.objects.filter(n__gt=0).values_list("reliability", "n"))
    assert grades == {"B": 1, "C": 1}
    assert tallies.differences() == {}


def test_a_claim_moved_while_its_source_is_rerated_counts_under_the_new_grade(
    article, analyst, source, slow_writes_to
):
    """The claim's write comes while the re-rating of its source is under way (not committed):
    it waits for it and counts the claim under the new grade."""
    claim = claim_create(
        article=article, start=0, end=5, quote=article.text[0:5], source=source, created_by=analyst
    )
    slow_writes_to("claims_gradetally")

    errors = at_once(
        lambda: Source.objects.filter(pk=source.pk).update(reliability="E"),
        moved(claim, ClaimStatus.SUBMITTED),
        stagger=PAUSE / 2,
    )

    assert errors == []
    grades = GradeTally.objects.filter(n__gt=0).values_list("status", "reliability", "n")
    assert list(grades) == [(ClaimStatus.SUBMITTED, "E", 1)]
    assert tallies.differences() == {}
