"""An edit sent again with the version it was made from (its answer lost on the way, as on a
phone) finds the claim already as it asks: it is answered with the claim, not refused as
stale, and nothing is saved twice. An edit from a stale version that would change anything is
still refused (409)."""

import pytest

from tests.claims.conftest import claim_url

pytestmark = pytest.mark.django_db

EDIT = {"statement": "Ministry:  4,000 troops crossed", "credibility": 3, "tags": ["Troop numbers"]}


def test_the_same_edit_sent_again_is_answered_with_the_claim(analyst_client, draft):
    first = analyst_client.patch(claim_url(draft), {"version": 1, **EDIT}, format="json")
    again = analyst_client.patch(claim_url(draft), {"version": 1, **EDIT}, format="json")

    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json() == first.json()
    assert again.json()["version"] == 2
    assert again.json()["tags"] == ["troop-numbers"]
    assert draft.history.filter(history_type="~").count() == 1


def test_a_stale_edit_that_changes_anything_is_still_refused(analyst_client, draft):
    analyst_client.patch(claim_url(draft), {"version": 1, **EDIT}, format="json")

    other = analyst_client.patch(
        claim_url(draft), {"version": 1, **EDIT, "credibility": 4}, format="json"
    )

    assert other.status_code == 409
    assert other.json()["code"] == "stale_version"
    draft.refresh_from_db()
    assert (draft.credibility, draft.version) == (3, 2)


def test_someone_who_may_not_edit_is_refused_even_when_nothing_would_change(
    api_client, analyst2, draft
):
    stale = api_client(analyst2).patch(
        claim_url(draft), {"version": 2, "statement": draft.statement}, format="json"
    )
    current = api_client(analyst2).patch(
        claim_url(draft), {"version": 1, "statement": draft.statement}, format="json"
    )

    assert (stale.status_code, current.status_code) == (409, 403)
