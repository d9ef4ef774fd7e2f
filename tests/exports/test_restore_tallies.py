"""The restore of a claim set writes claims in bulk: the claim tallies (ADR 0012) count them."""

import json

import pytest

from claims import tallies
from claims.models import Claim
from claims.tallies import ClaimTally
from exports.restore import claim_set_import

pytestmark = pytest.mark.django_db


def test_the_restore_of_a_claim_set_counts_what_it_wrote(document, staff_user):
    assert not ClaimTally.objects.filter(n__gt=0).exists()  # the domain was wiped

    claim_set_import(content=json.dumps(document), user=staff_user)

    assert sum(ClaimTally.objects.values_list("n", flat=True)) == Claim.objects.count() > 0
    assert tallies.differences() == {}
