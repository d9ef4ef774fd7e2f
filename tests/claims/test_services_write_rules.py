"""The rules a claim write keeps whatever path it takes (issue 17): checked in Python or by the
database, each refused with a message for the field, nothing saved, and every write recorded once
in the history with its tags and its author."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import Claim, ClaimStatus
from claims.services import (
    claim_approve,
    claim_submit,
    claim_update,
    link_create,
)
from tests.claims.conftest import record
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def _history_types(claim: Claim) -> list[str]:
    return list(
        claim.history.order_by("history_date", "history_id").values_list("history_type", flat=True)
    )


def _tags_of_last_record(claim: Claim) -> list[str]:
    last = claim.history.order_by("-history_date", "-history_id").first()
    return sorted(tag.tag.name for tag in last.tags.all())


# --- Field rules the model's fields hold (SQLite does not enforce a column's length) ----------


def test_create_refuses_a_credibility_outside_1_to_6(article, analyst, source):
    with pytest.raises(ValidationError) as refused:
        record(article, analyst, source, 10, 40, credibility=7)
    assert "credibility" in refused.value.message_dict
    assert not Claim.all_objects.exists()


def test_create_refuses_a_statement_over_500_characters(article, analyst, source):
    with pytest.raises(ValidationError) as refused:
        record(article, analyst, source, 10, 40, statement="x" * 501)
    assert "statement" in refused.value.message_dict
    assert not Claim.all_objects.exists()


def test_update_refuses_a_credibility_outside_1_to_6(draft, analyst):
    with pytest.raises(ValidationError) as refused:
        claim_update(claim=draft, user=analyst, version=draft.version, credibility=0)
    assert "credibility" in refused.value.message_dict
    draft.refresh_from_db()
    assert (draft.credibility, draft.version) == (2, 1)


def test_update_refuses_a_statement_over_500_characters(draft, analyst):
    with pytest.raises(ValidationError) as refused:
        claim_update(claim=draft, user=analyst, version=draft.version, statement="y" * 501)
    assert "statement" in refused.value.message_dict
    draft.refresh_from_db()
    assert draft.version == 1


@pytest.mark.django_db(transaction=True)
def test_create_with_a_source_deleted_meanwhile_is_refused_not_a_server_error(article, analyst):
    gone = SourceFactory()
    gone_pk = gone.pk
    gone.delete()
    gone.pk = gone_pk
    # The database's foreign key refuses it when the service's own transaction commits.
    with pytest.raises(ValidationError):
        record(article, analyst, gone, 10, 40)
    assert not Claim.all_objects.exists()


# --- History: one record per write, with the tags at that moment -------------------------------


def test_create_writes_one_history_record_with_its_tags(article, analyst, source):
    claim = record(article, analyst, source, 10, 40, tags=["river", "Troop movements"])

    assert _history_types(claim) == ["+"]
    assert _tags_of_last_record(claim) == ["river", "troop-movements"]
    assert claim.history.get().history_user == analyst


def test_update_of_tags_writes_one_history_record_with_the_new_tags(draft, analyst):
    claim_update(claim=draft, user=analyst, version=1, tags=["bridge"], statement="Revised")

    assert _history_types(draft) == ["+", "~"]
    assert _tags_of_last_record(draft) == ["bridge"]
    assert sorted(draft.tags.values_list("name", flat=True)) == ["bridge"]


def test_update_without_tags_keeps_them_in_the_history_record(article, analyst, source):
    claim = record(article, analyst, source, 10, 40, tags=["river"])
    claim_update(claim=claim, user=analyst, version=1, statement="Revised")

    assert _history_types(claim) == ["+", "~"]
    assert _tags_of_last_record(claim) == ["river"]


def test_submit_and_approve_each_write_one_history_record(draft, analyst, reviewer):
    claim_submit(claim=draft, user=analyst)
    approved = claim_approve(claim=draft, reviewer=reviewer)

    assert _history_types(draft) == ["+", "~", "~"]
    last = draft.history.order_by("-history_date", "-history_id").first()
    assert (last.status, last.history_user, last.version) == (ClaimStatus.APPROVED, reviewer, 3)
    assert approved.reviewed_by == reviewer


def test_link_create_writes_one_history_record(article, analyst, source):
    first = record(article, analyst, source, 0, 10)
    second = record(article, analyst, source, 10, 40)
    link = link_create(kind="contradicts", claim_a=second, claim_b=first, user=analyst)

    assert list(link.history.values_list("history_type", flat=True)) == ["+"]
    assert (link.claim_a_id, link.claim_b_id) == (first.pk, second.pk)
