"""The API's claims built as plain dicts equal what `ClaimSerializer` (the documented shape)
gives, for a draft and for a reviewed claim with tags."""

import datetime

import pytest
from django.utils import timezone

from claims.api.representations import ARTICLE_CLAIMS, claim_row, claim_rows
from claims.api.serializers import ClaimSerializer
from claims.models import Claim, ClaimStatus
from claims.selectors import claim_detail
from tests.factories import ArticleFactory, ClaimFactory

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


#: Times whose text each database writes in its own way: no fraction, a fraction PostgreSQL
#: shortens ("51.6"), one microsecond, six digits.
TIMES = [
    datetime.datetime(2026, 11, 29, 11, 36, 51, tzinfo=datetime.UTC),
    datetime.datetime(2026, 11, 29, 11, 36, 51, 600_000, tzinfo=datetime.UTC),
    datetime.datetime(2026, 3, 29, 0, 59, 59, 1, tzinfo=datetime.UTC),
    datetime.datetime(2026, 10, 25, 1, 0, 0, 604_419, tzinfo=datetime.UTC),
]


@pytest.mark.parametrize("zone", ["UTC", "Europe/Paris"])
def test_the_claims_of_an_article_read_compiled_equal_the_serializer(analyst, reviewer, zone):
    """The compiled read takes times as the database wrote them (text) and writes them as the
    serializer writes the `datetime`s, in any zone."""
    article = ArticleFactory()
    claims = [ClaimFactory(article=article, created_by=analyst) for _ in TIMES]
    for claim, moment in zip(claims, TIMES, strict=True):
        Claim.objects.filter(pk=claim.pk).update(
            created_at=moment,
            updated_at=moment + datetime.timedelta(microseconds=1),
            reviewed_by=reviewer,
            reviewed_at=moment + datetime.timedelta(days=1),
        )

    with timezone.override(zone):
        rows = claim_rows(ARTICLE_CLAIMS.rows(article.pk, offset=0, limit=10))
        documented = [_documented(claim) for claim in sorted(claims, key=_newest_first)]

    assert rows == documented
    assert len({row["created_at"] for row in rows}) == len(TIMES)


def _newest_first(claim: Claim):
    claim.refresh_from_db()
    return (-claim.created_at.timestamp(), -claim.pk)
