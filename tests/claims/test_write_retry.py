"""A claim or link write that the database refuses for a conflict with another transaction
(deadlock detected, serialization failure) is run again from the start, and writes once.

The refusal is made to happen where PostgreSQL would raise it, in the middle of the write's
transaction after some rows went in; real transactions (not the test's own), so the refusal
rolls the attempt back as it would in production. The same on SQLite and PostgreSQL."""

import psycopg
import pytest
from django.db import OperationalError

from claims import aggregates, services, tallies
from claims.models import Claim, ClaimLink, ClaimStatus
from claims.services import writes
from project import retry
from tests.claims.conftest import record

pytestmark = pytest.mark.django_db(transaction=True)

History = Claim.history.model


def refusal(sqlstate: str | None) -> OperationalError:
    """What Django raises when PostgreSQL refuses a statement with `sqlstate`."""
    error = OperationalError("refused")
    if sqlstate:
        error.__cause__ = psycopg.errors.lookup(sqlstate)("refused")
    return error


def refused_once(monkeypatch, model, name: str) -> list:
    """`model.<name>` (a method) does its work, then the database refuses the transaction, the
    first time only; the calls made, as a list."""
    real = getattr(model, name)
    calls = []

    def refusing(self, *args, **kwargs):
        calls.append(name)
        result = real(self, *args, **kwargs)
        if len(calls) == 1:
            raise refusal("40P01")
        return result

    monkeypatch.setattr(model, name, refusing)
    return calls


@pytest.fixture
def refused(monkeypatch):
    """`refused(module, name, at, sqlstate)`: the calls of `module.name` numbered `at` (from 1)
    raise the refusal; the calls made, as a list."""

    def patch(module, name: str, at=(1,), sqlstate: str | None = "40P01") -> list:
        real = getattr(module, name)
        calls = []

        def refusing(*args, **kwargs):
            calls.append(name)
            if len(calls) in at:
                raise refusal(sqlstate)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, refusing)
        return calls

    return patch


def test_a_new_claim_refused_after_its_row_went_in_is_recorded_once(
    article, analyst, source, refused
):
    calls = refused(writes, "with_tags")  # after the insert, on both databases

    claim = record(article, analyst, source, 10, 40, tags=["convoys"])

    assert len(calls) == 2
    assert Claim.objects.get().pk == claim.pk
    assert list(claim.tags.values_list("name", flat=True)) == ["convoys"]
    assert History.objects.filter(id=claim.pk).count() == 1
    assert tallies.differences() == {}


def test_a_submission_refused_by_a_serialization_failure_is_made_once(
    article, analyst, source, refused
):
    claim = record(article, analyst, source, 10, 40)
    calls = refused(writes, "record_history", sqlstate="40001")

    submitted = services.claim_submit(claim=claim, user=analyst)

    assert len(calls) == 2
    assert (submitted.status, submitted.version) == (ClaimStatus.SUBMITTED, 2)
    assert list(History.objects.filter(id=claim.pk).values_list("history_type", "status")) == [
        ("~", ClaimStatus.SUBMITTED),
        ("+", ClaimStatus.DRAFT),
    ]
    assert tallies.differences() == {}


def test_a_bulk_approval_is_run_again_whole(article, analyst, reviewer, source, refused):
    """Refused at its second claim, inside the bulk's transaction: the bulk, not the one
    approval, runs again."""
    claims = [
        services.claim_submit(
            claim=record(article, analyst, source, start, start + 4), user=analyst
        )
        for start in (0, 5)
    ]
    calls = refused(writes, "record_history", at={2})

    approved = services.claims_approve_bulk(claims=claims, reviewer=reviewer)

    assert len(calls) == 4
    assert [claim.status for claim in approved] == [ClaimStatus.APPROVED] * 2
    assert History.objects.filter(history_type="~", status=ClaimStatus.APPROVED).count() == 2
    assert tallies.differences() == {}


def test_a_link_delete_refused_at_its_last_statement_is_made_again(
    article, analyst, source, refused
):
    first = record(article, analyst, source, 0, 4)
    second = record(article, analyst, source, 5, 9)
    link = services.link_create(kind="contradicts", claim_a=first, claim_b=second, user=analyst)
    calls = refused(aggregates, "_replace_token")  # after the link's row went

    services.link_delete(link=link, user=analyst)

    assert len(calls) == 2
    assert not ClaimLink.objects.exists()
    assert tallies.differences() == {}


def test_a_conflict_every_time_is_given_up_after_three_attempts(article, analyst, source, refused):
    claim = record(article, analyst, source, 10, 40)
    calls = refused(writes, "record_history", at=range(1, 10))

    with pytest.raises(OperationalError):
        services.claim_delete(claim=claim, user=analyst)

    assert len(calls) == retry.ATTEMPTS
    assert Claim.objects.get().deleted_at is None


def test_another_refusal_is_not_run_again(article, analyst, source, refused):
    claim = record(article, analyst, source, 10, 40)
    calls = refused(writes, "record_history", sqlstate=None)

    with pytest.raises(OperationalError):
        services.claim_delete(claim=claim, user=analyst)

    assert len(calls) == 1
    assert Claim.objects.get().deleted_at is None
