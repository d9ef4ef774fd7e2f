"""Database constraints behind the claim rules, checked by bypassing full_clean()."""

import pytest
from django.db import IntegrityError, transaction

from claims.models import Claim, ClaimLink
from sources.models import Source
from tests.factories import ClaimFactory, ClaimLinkFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    return SourceFactory()


def _claim_row(article, source, user, **overrides) -> dict:
    row = {
        "article": article,
        "start": 0,
        "end": 8,
        "quote": article.text[0:8],
        "source": source,
        "credibility": 2,
        "created_by": user,
    }
    row.update(overrides)
    return row


def _refused(**row) -> bool:
    try:
        with transaction.atomic():
            Claim.objects.create(**row)
    except IntegrityError:
        return True
    return False


def test_valid_row_is_accepted(article, source, analyst):
    Claim.objects.create(**_claim_row(article, source, analyst))
    assert Claim.objects.count() == 1


def test_negative_start_is_refused(article, source, analyst):
    assert _refused(**_claim_row(article, source, analyst, start=-1, end=7, quote="x" * 8))
    assert not Claim.objects.exists()


def test_start_equal_to_end_is_refused(article, source, analyst):
    assert _refused(**_claim_row(article, source, analyst, start=4, end=4, quote=""))
    assert not Claim.objects.exists()


def test_start_after_end_is_refused(article, source, analyst):
    assert _refused(**_claim_row(article, source, analyst, start=8, end=4, quote=""))
    assert not Claim.objects.exists()


@pytest.mark.parametrize("credibility", [0, 7])
def test_credibility_outside_1_to_6_is_refused(article, source, analyst, credibility):
    assert _refused(**_claim_row(article, source, analyst, credibility=credibility))
    assert not Claim.objects.exists()


@pytest.mark.parametrize("credibility", [1, 6])
def test_credibility_at_the_bounds_is_accepted(article, source, analyst, credibility):
    assert not _refused(**_claim_row(article, source, analyst, credibility=credibility))


def test_unknown_status_is_refused(article, source, analyst):
    assert _refused(**_claim_row(article, source, analyst, status="published"))
    assert not Claim.objects.exists()


def test_quote_length_different_from_span_is_refused(article, source, analyst):
    assert _refused(**_claim_row(article, source, analyst, quote=article.text[0:7]))
    assert not Claim.objects.exists()


def test_quote_length_counts_code_points_not_bytes(article, source, analyst):
    assert not _refused(**_claim_row(article, source, analyst, start=0, end=3, quote="a😀é"))


def test_zero_version_is_refused(article, source, analyst):
    assert _refused(**_claim_row(article, source, analyst, version=0))


@pytest.mark.parametrize("status", ["approved", "rejected"])
def test_reviewed_status_without_reviewer_is_refused(article, source, analyst, status):
    assert _refused(**_claim_row(article, source, analyst, status=status))
    assert not Claim.objects.exists()


def test_approved_with_reviewer_is_accepted(article, source, analyst, reviewer):
    row = _claim_row(
        article, source, analyst, status="approved", reviewed_by=reviewer, evaluated_reliability="C"
    )
    assert not _refused(**row)


def test_approved_without_the_reliability_it_was_evaluated_with_is_refused(
    article, source, analyst, reviewer
):
    row = _claim_row(article, source, analyst, status="approved", reviewed_by=reviewer)
    assert _refused(**row)
    assert not Claim.objects.exists()


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_unreviewed_claim_with_an_evaluated_reliability_is_refused(
    article, source, analyst, status
):
    row = _claim_row(article, source, analyst, status=status, evaluated_reliability="B")
    assert _refused(**row)


def test_evaluated_reliability_outside_a_to_f_is_refused(article, source, analyst, reviewer):
    row = _claim_row(
        article, source, analyst, status="rejected", reviewed_by=reviewer, evaluated_reliability="G"
    )
    assert _refused(**row)


def test_rejected_claim_may_keep_or_forget_the_grade_judged(article, source, analyst, reviewer):
    judged = _claim_row(
        article, source, analyst, status="rejected", reviewed_by=reviewer, evaluated_reliability="B"
    )
    assert not _refused(**judged)
    reworked = _claim_row(article, source, analyst, status="rejected", reviewed_by=reviewer)
    assert not _refused(**reworked)


# --- Sources -----------------------------------------------------------------------------------


def test_source_reliability_outside_a_to_f_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(name="Graded G", reliability="G")
    assert not Source.objects.exists()


def test_source_unknown_kind_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(name="Odd kind", kind="oracle")
    assert not Source.objects.exists()


def test_source_empty_name_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(name="")
    assert not Source.objects.exists()


def test_source_name_is_unique_ignoring_case():
    Source.objects.create(name="BBC")
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(name="bbc")
    assert list(Source.objects.values_list("name", flat=True)) == ["BBC"]


# --- Links -------------------------------------------------------------------------------------


@pytest.fixture
def two_claims():
    first = ClaimFactory()
    second = ClaimFactory()
    assert first.pk < second.pk
    return first, second


def test_link_from_a_claim_to_itself_is_refused(two_claims, analyst):
    claim, _ = two_claims
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLink.objects.create(
            kind="contradicts", claim_a=claim, claim_b=claim, created_by=analyst
        )
    assert not ClaimLink.objects.exists()


def test_link_stored_with_higher_id_first_is_refused(two_claims, analyst):
    low, high = two_claims
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLink.objects.create(kind="contradicts", claim_a=high, claim_b=low, created_by=analyst)
    assert not ClaimLink.objects.exists()


def test_second_link_of_same_kind_for_a_pair_is_refused(two_claims, analyst):
    low, high = two_claims
    ClaimLink.objects.create(kind="contradicts", claim_a=low, claim_b=high, created_by=analyst)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLink.objects.create(kind="contradicts", claim_a=low, claim_b=high, created_by=analyst)
    assert ClaimLink.objects.count() == 1


def test_pair_may_have_one_link_of_each_kind(two_claims, analyst):
    low, high = two_claims
    ClaimLink.objects.create(kind="contradicts", claim_a=low, claim_b=high, created_by=analyst)
    ClaimLink.objects.create(kind="corroborates", claim_a=low, claim_b=high, created_by=analyst)
    assert ClaimLink.objects.count() == 2


def test_unknown_link_kind_is_refused(two_claims, analyst):
    low, high = two_claims
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLink.objects.create(kind="refutes", claim_a=low, claim_b=high, created_by=analyst)


def test_unknown_link_status_is_refused(two_claims, analyst):
    low, high = two_claims
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLink.objects.create(
            kind="contradicts", claim_a=low, claim_b=high, status="maybe", created_by=analyst
        )


def test_link_factory_stores_pairs_in_canonical_order(two_claims):
    low, high = two_claims
    link = ClaimLinkFactory(claim_a=high, claim_b=low)
    assert (link.claim_a_id, link.claim_b_id) == (low.pk, high.pk)


@pytest.mark.parametrize("status", ["confirmed", "dismissed"])
def test_decided_link_without_who_decided_is_refused(two_claims, analyst, status):
    low, high = two_claims
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLink.objects.create(
            kind="contradicts", claim_a=low, claim_b=high, status=status, created_by=analyst
        )
    assert not ClaimLink.objects.exists()


def test_decided_link_naming_who_decided_is_accepted(two_claims, analyst, reviewer):
    low, high = two_claims
    ClaimLink.objects.create(
        kind="contradicts",
        claim_a=low,
        claim_b=high,
        status="confirmed",
        created_by=analyst,
        decided_by=reviewer,
    )
    assert ClaimLink.objects.count() == 1
