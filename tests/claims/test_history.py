"""Every change is recorded with who made it, whichever door it came through."""

import datetime

import pytest
from django.utils import timezone

from claims import services
from claims.models import ClaimStatus
from sources import services as source_services
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_claim_history_names_author_and_reviewer(analyst, reviewer):
    source = SourceFactory()
    claim = ClaimFactory(created_by=analyst, source=source)
    claim = services.claim_update(
        claim=claim, user=analyst, version=claim.version, statement="Revised wording"
    )
    claim = services.claim_submit(claim=claim, user=analyst)
    services.claim_approve(claim=claim, reviewer=reviewer)

    records = list(claim.history.order_by("history_date", "history_id"))

    assert [(r.status, r.history_user) for r in records[-3:]] == [
        (ClaimStatus.DRAFT, analyst),
        (ClaimStatus.SUBMITTED, analyst),
        (ClaimStatus.APPROVED, reviewer),
    ]
    assert records[-3].statement == "Revised wording"


def test_source_reliability_change_is_recorded_with_the_reviewer(reviewer):
    source = SourceFactory(reliability="C")

    source_services.source_update(source=source, user=reviewer, reliability="A")

    latest = source.history.first()
    assert (latest.reliability, latest.history_user) == ("A", reviewer)
    assert latest.prev_record.reliability == "C"


def test_link_decision_is_recorded_with_the_reviewer(analyst, reviewer):
    link = services.link_create(
        kind="contradicts",
        claim_a=ClaimFactory(created_by=analyst),
        claim_b=ClaimFactory(created_by=analyst),
        user=analyst,
    )

    services.link_set_status(link=link, status="confirmed", user=reviewer, version=link.version)

    assert [(r.status, r.history_user) for r in link.history.order_by("history_id")] == [
        ("proposed", analyst),
        ("confirmed", reviewer),
    ]


def test_history_follows_the_order_of_the_changes_not_the_servers_clocks(analyst, monkeypatch):
    # Two app servers edit one claim in turn; the second's clock runs five minutes behind.
    # Ordered by each server's clock, the later edit was listed before the creation and the
    # page's diffs ran backwards ("second edit → original").
    from claims.history import claim_history

    claim = ClaimFactory(created_by=analyst, statement="original")
    claim = services.claim_update(
        claim=claim, user=analyst, version=claim.version, statement="first edit"
    )
    behind = timezone.now() - datetime.timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: behind)
    services.claim_update(claim=claim, user=analyst, version=claim.version, statement="second")

    entries, _notes = claim_history(claim)

    changes = [
        [(change.old, change.new) for change in entry.changes if change.label == "Statement"]
        for entry in entries
    ]
    assert changes[:2] == [[("first edit", "second")], [("original", "first edit")]]
