"""A re-grading or a merge of sources that the database refuses for a conflict with another
transaction (deadlock detected, serialization failure) is run again from the start, and writes
once: each moves the tallies of many claims (ADR 0012). Real transactions, so the refusal rolls
the attempt back as in production; the same on SQLite and PostgreSQL."""

import pytest

from claims import tallies
from claims.models import Claim
from sources.models import Source
from sources.services import source_merge, source_update
from tests.claims.test_write_retry import refused_once
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_regrading_refused_after_its_row_went_in_is_made_once(monkeypatch, analyst, reviewer):
    source = SourceFactory(reliability="B")
    ClaimFactory.create_batch(3, source=source, created_by=analyst)
    calls = refused_once(monkeypatch, Source, "save")

    source_update(source=source, user=reviewer, reliability="E")

    assert len(calls) == 2
    assert Source.objects.get(pk=source.pk).reliability == "E"
    assert source.history.filter(reliability="E").count() == 1
    assert tallies.differences() == {}


def test_a_merge_refused_after_the_claims_moved_is_made_once(monkeypatch, analyst, reviewer):
    target = SourceFactory(name="Daily Synthetic", reliability="B")
    duplicate = SourceFactory(name="The Daily Synthetic", reliability="D")
    moved = ClaimFactory.create_batch(2, source=duplicate, created_by=analyst)
    calls = refused_once(monkeypatch, Source, "delete")

    source_merge(target=target, duplicates=[duplicate], user=reviewer)

    assert len(calls) == 2
    assert list(Source.objects.all()) == [target]
    assert set(Claim.objects.filter(source=target)) == set(moved)
    assert {claim.version for claim in Claim.objects.all()} == {2}  # bumped once, not twice
    for claim in moved:
        assert claim.history.count() == 2  # created, then moved once
    assert tallies.differences() == {}
