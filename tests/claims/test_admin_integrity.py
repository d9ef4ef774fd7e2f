"""The admin keeps the rules the rest of the product keeps (an audit of the admin found each of
these broken): a save that changes nothing decides nothing; a claim stays on its article; past
versions are read, not reverted to; deleted claims are read, not edited; a tag that claims
carry is not renamed or deleted behind their history; history pages with ids that cannot be ids
say "not found"; a claim linked to itself is refused in words."""

import pytest
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimLink, LinkStatus, Tag
from tests.claims.conftest import admin_change_form
from tests.factories import ArticleFactory, ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(client, staff_user):
    client.force_login(staff_user)
    return client


def test_saving_a_decided_link_unchanged_keeps_the_reviewers_decision(curator, analyst, reviewer):
    link = ClaimLinkFactory(claim_a=ClaimFactory(created_by=analyst), created_by=analyst)
    link = services.link_set_status(link=link, status="confirmed", user=reviewer, version=1)
    entries = link.history.count()

    response = curator.post(
        reverse("admin:claims_claimlink_change", args=[link.pk]),
        {"status": "confirmed", "version": link.version},
    )

    assert response.status_code == 302
    stored = ClaimLink.objects.get(pk=link.pk)
    assert (stored.decided_by, stored.decided_at) == (reviewer, link.decided_at)
    assert (stored.version, stored.history.count()) == (link.version, entries)


def test_a_claim_stays_on_its_article(curator, analyst):
    claim = ClaimFactory(created_by=analyst)
    other = ArticleFactory(text=claim.article.text + "\n\nA correction.")
    url = reverse("admin:claims_claim_change", args=[claim.pk])

    page = curator.get(url).content.decode()
    curator.post(url, admin_change_form(claim, article=other.pk))

    assert 'name="article"' not in page  # shown, not offered
    assert Claim.objects.get(pk=claim.pk).article_id == claim.article_id


def test_a_claim_is_not_reverted_from_its_history_page(curator, analyst):
    claim = ClaimFactory(created_by=analyst, statement="First")
    first = claim.history.last().history_id
    claim = services.claim_update(claim=claim, user=analyst, version=1, statement="Second")
    url = reverse("admin:claims_claim_simple_history", args=[claim.pk, first])

    response = curator.post(url, {"statement": "First", "version": claim.version}, follow=True)

    assert "not to revert to" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).statement == "Second"


def test_deleting_a_selection_with_a_deleted_claim_deletes_the_others_and_says_so(curator, analyst):
    live = ClaimFactory.create_batch(2, created_by=analyst)
    gone = services.claim_delete(claim=ClaimFactory(created_by=analyst), user=analyst)
    url = reverse("admin:claims_claim_changelist")
    selected = {"action": "delete_selected", "_selected_action": [c.pk for c in [*live, gone]]}

    confirmation = curator.post(url, selected).content.decode()
    response = curator.post(url, {**selected, "post": "yes"}, follow=True)

    assert "<li>Claims: 3</li>" in confirmation  # soft: the claims only, restorable
    assert "<li>Claim links:" not in confirmation and "relationships:" not in confirmation
    assert response.status_code == 200
    assert "1 claim was deleted already" in response.content.decode()
    assert not Claim.objects.filter(pk__in=[c.pk for c in live]).exists()
    change_page = curator.get(reverse("admin:claims_claim_change", args=[gone.pk]))
    assert change_page.status_code == 200
    assert 'name="_save"' not in change_page.content.decode()  # read, not edited


def test_a_tag_that_claims_carry_is_renamed_on_their_record_and_not_deleted(curator, analyst):
    claim = ClaimFactory(created_by=analyst, tags=["troops"])
    tag = Tag.objects.get(name="troops")

    renamed = curator.post(reverse("admin:claims_tag_change", args=[tag.pk]), {"name": "army"})
    deleted = curator.post(reverse("admin:claims_tag_delete", args=[tag.pk]), {"post": "yes"})

    assert renamed.status_code == 302
    assert deleted.status_code == 403
    assert list(claim.tags.values_list("name", flat=True)) == ["army"]
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.version == claim.version + 1
    assert stored.history.first().history_change_reason == "Tag “troops” renamed “army”"


@pytest.mark.parametrize(
    "model", ["claims/claim", "claims/claimlink", "sources/source", "articles/article"]
)
@pytest.mark.parametrize("path", ["abc/history/", "1/history/abc/"])
def test_a_history_page_for_an_id_that_cannot_be_one_is_not_found(curator, model, path):
    response = curator.get(f"/admin/{model}/{path}")

    assert response.status_code in (302, 404)


def test_a_claim_linked_to_itself_is_refused_in_words(curator, analyst):
    claim = ClaimFactory(created_by=analyst)

    response = curator.post(
        reverse("admin:claims_claimlink_add"),
        {"kind": "contradicts", "claim_a": claim.pk, "claim_b": claim.pk, "status": "proposed"},
    )

    assert "A claim cannot be linked to itself." in response.content.decode()
    assert not ClaimLink.objects.exists()
    assert LinkStatus.PROPOSED  # the form's own choices


def test_a_new_link_is_proposed_and_its_form_offers_no_other_status(curator, analyst):
    """Audit D5: the add form offered "confirmed", saved the link proposed and said it was
    added; a link is decided by a reviewer other than its proposer."""
    first, second = ClaimFactory(created_by=analyst), ClaimFactory(created_by=analyst)

    form = curator.get(reverse("admin:claims_claimlink_add")).content.decode()
    response = curator.post(
        reverse("admin:claims_claimlink_add"),
        {"kind": "contradicts", "claim_a": first.pk, "claim_b": second.pk, "status": "confirmed"},
    )

    assert 'name="status"' not in form
    assert response.status_code == 302
    assert ClaimLink.objects.get().status == LinkStatus.PROPOSED
