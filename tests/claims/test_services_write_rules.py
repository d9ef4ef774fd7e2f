"""The rules a claim write keeps whatever path it takes (issue 17): checked in Python or by the
database, each refused with a message for the field, nothing saved, and every write recorded once
in the history with its tags and its author."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import Claim
from claims.services import (
    claim_update,
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


def test_create_with_a_source_deleted_meanwhile_is_refused_not_a_server_error(article, analyst):
    gone = SourceFactory()
    gone_pk = gone.pk
    gone.delete()
    gone.pk = gone_pk
    with pytest.raises(ValidationError):
        record(article, analyst, gone, 10, 40)
    assert not Claim.all_objects.exists()
