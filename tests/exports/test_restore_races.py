"""Two restores of the same claim set at the same moment: they take turns, so the second
matches what the first wrote instead of writing every claim and link again."""

import json

import pytest
from django.db import connection

from claims.models import Claim, ClaimLink
from exports.restore import claim_set_import
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the suite's SQLite lives in memory on one shared connection, where two writers "
    "never meet; SQLite takes turns through its write lock (tests/project/test_sqlite_writers.py)",
)
def test_two_restores_of_one_file_at_once_store_it_once(document, staff_user):
    content = json.dumps(document)

    summaries, failures = at_once(
        *(lambda: claim_set_import(content=content, user=staff_user) for _ in range(2))
    )

    assert failures == []
    assert Claim.all_objects.count() == len(document["claims"])
    assert ClaimLink.objects.count() == len(document["links"])
    created = sorted(summary.created["claims"] for summary in summaries)
    assert created == [0, len(document["claims"])]
