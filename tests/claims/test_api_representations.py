"""The API's claims built as plain dicts equal what `ClaimSerializer` (the documented shape)
gives, for a draft and for a reviewed claim with tags."""

import pytest
from django.utils import timezone

from claims.api.representations import claim_row, claim_rows
from claims.api.serializers import ClaimSerializer
from claims.models import Claim, ClaimStatus
from claims.selectors import claim_detail
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(analyst, reviewer):
    draft = ClaimFactory(created_by=analyst, statement="Le pont était ouvert 🌉")
    reviewed = ClaimFactory(
        created_by=analyst,
        tags=["zeta", "alpha"],
        status=ClaimStatus.APPROVED,
        reviewed_by=reviewer,
        reviewed_at=timezone.now(),
        review_note="Checked against the wire copy.",
    )
    return [draft, reviewed]


def _documented(claim: Claim) -> dict:
    return dict(ClaimSerializer(claim_detail().get(pk=claim.pk)).data)


def test_rows_read_as_values_equal_the_serializer(claims):
    rows = claim_rows(Claim.objects.filter(pk__in=[claim.pk for claim in claims]).order_by("pk"))

    assert rows == [_documented(claim) for claim in claims]


def test_a_row_from_a_loaded_claim_equals_the_serializer(claims):
    for claim in claims:
        loaded = claim_detail().get(pk=claim.pk)
        assert claim_row(loaded) == _documented(claim)


def test_rows_keep_the_order_of_the_fields(claims):
    row = claim_rows(Claim.objects.filter(pk=claims[1].pk))[0]

    assert list(row) == list(ClaimSerializer().fields)
    assert row["tags"] == ["alpha", "zeta"]


def test_times_in_another_zone_equal_the_serializer(claims):
    """Outside UTC the rows' times are converted as DRF converts them (with the offset)."""
    with timezone.override("Europe/Paris"):
        rows = claim_rows(Claim.objects.filter(pk__in=[c.pk for c in claims]).order_by("pk"))
        documented = [_documented(claim) for claim in claims]

    assert rows == documented
    assert rows[1]["reviewed_at"].endswith(("+01:00", "+02:00"))
