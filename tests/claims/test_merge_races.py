"""A claim acted on while its source is merged into another: the action waits for the merge and
then applies to the merged claim (audit G3: PostgreSQL left the claim out of the locking read, a
500 for submit, approve, edit and delete alike)."""

import threading

import pytest
from django.db import connection, connections, transaction

from claims.models import Claim, ClaimStatus
from claims.services import claim_submit
from sources.services import source_merge
from tests.claims.conftest import record
from tests.factories import SourceFactory, UserFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite runs one write transaction at a time (transaction_mode IMMEDIATE)",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_a_claim_submitted_while_its_source_is_merged_is_submitted_as_merged(article, analyst):
    duplicate, target = SourceFactory(name="Ministry (dup)"), SourceFactory(name="Ministry")
    claim = record(article, analyst, duplicate, 10, 40)
    reviewer = UserFactory(groups=["reviewer"])
    merged, release, outcome = threading.Event(), threading.Event(), {}

    def merge():
        try:
            with transaction.atomic():
                source_merge(target=target, duplicates=[duplicate], user=reviewer)
                merged.set()
                release.wait(timeout=30)
        finally:
            merged.set()
            connections.close_all()

    def submit():
        try:
            outcome["claim"] = claim_submit(claim=claim, user=analyst)
        except BaseException as error:  # reported to the test
            outcome["error"] = error
        finally:
            connections.close_all()

    merging = threading.Thread(target=merge)
    merging.start()
    assert merged.wait(timeout=30)
    submitting = threading.Thread(target=submit)
    submitting.start()
    submitting.join(timeout=1)  # it waits for the merge's lock on the claim
    release.set()
    merging.join(timeout=30)
    submitting.join(timeout=30)

    assert "error" not in outcome, outcome
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.status, stored.source_id) == (ClaimStatus.SUBMITTED, target.pk)
