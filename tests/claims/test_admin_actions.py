"""Admin curation goes through the services: actions, merges, edits and deletes (claims/admin.py,
which also curates sources). Every changelist of the site opens for staff and the admin is
closed to analysts. The article admin has its own file: tests/articles/test_admin.py."""

import pytest
from django.urls import reverse

from articles.models import Article
from claims import services
from claims.admin import ClaimLinkAdminForm
from claims.models import Claim, ClaimLink, ClaimStatus, LinkStatus
from sources.models import Source
from tests.claims.conftest import admin_change_form
from tests.factories import ClaimFactory, ClaimLinkFactory, OutletFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _submitted(author, **kwargs):
    claim = ClaimFactory(created_by=author, **kwargs)
    return services.claim_submit(claim=claim, user=author)


def test_every_admin_changelist_opens_for_staff(client, staff_user):
    client.force_login(staff_user)
    ClaimFactory()

    for model in (
        "articles/article",
        "claims/claim",
        "sources/source",
        "claims/claimlink",
        "claims/tag",
    ):
        assert client.get(f"/admin/{model}/").status_code == 200, model


def test_admin_is_closed_to_analysts(client, analyst):
    client.force_login(analyst)

    response = client.get("/admin/claims/claim/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_approve_selected_approves_others_claims_and_skips_own(client, staff_user, analyst):
    theirs = _submitted(analyst)
    own = _submitted(staff_user)
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "approve_selected", "_selected_action": [theirs.pk, own.pk]},
        follow=True,
    )

    theirs.refresh_from_db()
    own.refresh_from_db()
    assert (theirs.status, theirs.reviewed_by) == (ClaimStatus.APPROVED, staff_user)
    assert own.status == ClaimStatus.SUBMITTED
    assert "You cannot review your own claim." in response.content.decode()


def test_merge_sources_moves_claims_and_outlets_to_the_chosen_source(client, staff_user, analyst):
    keep = OutletFactory(name="Meridian Post")
    duplicate = OutletFactory(name="The Meridian Post")
    claim = ClaimFactory(source=duplicate, created_by=analyst)
    article = claim.article
    article.outlet = duplicate
    article.save()
    client.force_login(staff_user)
    changelist = reverse("admin:sources_source_changelist")

    confirm = client.post(
        changelist, {"action": "merge_sources", "_selected_action": [keep.pk, duplicate.pk]}
    )
    assert "Choose the source to keep" in confirm.content.decode()
    client.post(
        changelist,
        {"action": "merge_sources", "_selected_action": [keep.pk, duplicate.pk], "target": keep.pk},
    )

    assert not Source.objects.filter(pk=duplicate.pk).exists()
    assert Claim.objects.get(pk=claim.pk).source == keep
    assert Article.objects.get(pk=article.pk).outlet == keep


def test_deleting_a_claim_in_the_admin_is_soft(client, staff_user):
    claim = ClaimFactory()
    client.force_login(staff_user)

    client.post(reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"})

    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert Claim.all_objects.get(pk=claim.pk).deleted_by == staff_user


def test_admin_edit_keeps_white_space_at_the_ends_of_the_quote(client, staff_user, analyst):
    claim = ClaimFactory(created_by=analyst)
    text = claim.article.text
    start = text.index(" ")  # a passage that begins with a space
    claim = services.claim_update(
        claim=claim,
        user=analyst,
        version=claim.version,
        start=start,
        end=start + 10,
        quote=text[start : start + 10],
    )
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        admin_change_form(claim, credibility=5, statement="", version=claim.version),
    )

    assert response.status_code == 302
    assert Claim.objects.get(pk=claim.pk).credibility == 5


def test_stale_admin_edit_is_refused_and_changes_nothing(client, staff_user, analyst):
    claim = ClaimFactory(created_by=analyst, statement="First")
    opened_version = claim.version
    services.claim_update(claim=claim, user=analyst, version=claim.version, statement="Second")
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        admin_change_form(claim, credibility=3, statement="Third", version=opened_version),
    )

    assert response.status_code == 200
    assert f"{analyst.username} changed this claim after you opened it" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).statement == "Second"


def test_admin_edit_goes_through_the_service(client, staff_user, analyst):
    claim = ClaimFactory(created_by=analyst, statement="First")
    client.force_login(staff_user)

    client.post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        admin_change_form(
            claim, credibility=3, statement="  Curated   wording ", version=claim.version
        ),
    )

    claim.refresh_from_db()
    assert (claim.statement, claim.credibility, claim.version) == ("Curated wording", 3, 2)
    assert claim.history.first().history_user == staff_user


def test_new_source_with_an_existing_name_is_refused_in_the_admin(client, staff_user):
    SourceFactory(name="Eastgate Wire")
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:sources_source_add"),
        {"name": "eastgate wire", "kind": "media_outlet", "reliability": "B", "description": ""},
    )

    assert response.status_code == 200
    assert Source.objects.filter(name__iexact="eastgate wire").count() == 1


def test_admin_refuses_to_confirm_a_link_to_a_rejected_claim_with_a_field_error(
    client, staff_user, analyst, reviewer
):
    first = ClaimFactory(created_by=analyst)
    link = ClaimLinkFactory(claim_a=first, claim_b=ClaimFactory(created_by=analyst))
    services.claim_submit(claim=first, user=analyst)
    services.claim_reject(claim=first, reviewer=reviewer, note="Out of context.")
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:claims_claimlink_change", args=[link.pk]),
        {"status": "confirmed", "version": link.version},
    )

    assert response.status_code == 200
    assert f"Claim {first.pk} was rejected" in response.content.decode()
    assert ClaimLink.objects.get(pk=link.pk).status == LinkStatus.PROPOSED


@pytest.mark.parametrize("version", ["", "abc"])
def test_an_admin_link_decision_without_a_readable_version_is_refused_on_the_form(
    client, staff_user, analyst, version
):
    """The form carries the version it opened; one posted without it (or with nonsense) is
    refused with a message on the form, not a server error, and decides nothing."""
    link = ClaimLinkFactory(claim_a=ClaimFactory(created_by=analyst), created_by=analyst)
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:claims_claimlink_change", args=[link.pk]),
        {"status": "dismissed", "version": version},
    )

    assert response.status_code == 200
    assert "reload the page" in response.content.decode()
    assert ClaimLink.objects.get(pk=link.pk).status == LinkStatus.PROPOSED


def test_an_admin_claim_edit_without_its_version_is_refused_on_the_form(
    client, staff_user, analyst
):
    claim = ClaimFactory(created_by=analyst, statement="First")
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        admin_change_form(claim, credibility=3, statement="Second", version=""),
    )

    assert response.status_code == 200
    assert "reload the page" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).statement == "First"


def test_an_admin_decision_refused_by_the_service_after_the_form_passed_is_shown_not_a_500(
    client, staff_user, analyst, reviewer, monkeypatch
):
    """Two curators at once: the other's decision commits between this form's own check of the
    version and the service's, which refuses. The page says why and decides nothing."""
    link = ClaimLinkFactory(claim_a=ClaimFactory(created_by=analyst), created_by=analyst)
    opened = link.version
    services.link_set_status(link=link, status="confirmed", user=reviewer, version=opened)
    monkeypatch.setattr(ClaimLinkAdminForm, "check_version", staticmethod(lambda *args: None))
    client.force_login(staff_user)
    url = reverse("admin:claims_claimlink_change", args=[link.pk])

    response = client.post(url, {"status": "dismissed", "version": opened}, follow=True)

    assert response.redirect_chain == [(url, 302)]
    page = response.content.decode().lower()  # the admin capitalizes its messages
    assert f"{reviewer.username} changed this link after you opened it" in page
    assert ClaimLink.objects.get(pk=link.pk).status == LinkStatus.CONFIRMED


def test_a_link_is_not_reverted_from_its_history_page(client, staff_user, analyst, reviewer):
    """A past version is there to read: a revert would write past the review rules (who
    decides, on which version), so the page refuses it in words and changes nothing."""
    link = ClaimLinkFactory(claim_a=ClaimFactory(created_by=analyst), created_by=analyst)
    first = link.history.last().history_id
    services.link_set_status(link=link, status="confirmed", user=reviewer, version=link.version)
    client.force_login(staff_user)
    url = reverse("admin:claims_claimlink_simple_history", args=[link.pk, first])

    response = client.post(url, {"status": "proposed", "version": 2}, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert "not to revert to" in response.content.decode()
    assert ClaimLink.objects.get(pk=link.pk).status == LinkStatus.CONFIRMED
