"""The claim page: the quote in context, its grade, links both ways, review notes and the full
history of who changed what, when."""

import datetime

import pytest
from django.urls import reverse

from claims import services
from claims.models import Claim, Tag
from sources import services as source_services
from sources.models import Reliability
from tests.factories import ArticleFactory, ClaimFactory, ClaimLinkFactory, SourceFactory

pytestmark = pytest.mark.django_db

TEXT = "Smoke rose at noon. The ministry said 12 people were hurt. Doctors counted 30. Rain fell."


@pytest.fixture
def claim(analyst):
    article = ArticleFactory(text=TEXT, uploaded_by=analyst)
    start = TEXT.index("12 people")
    return ClaimFactory(
        article=article,
        start=start,
        end=start + len("12 people were hurt"),
        source=SourceFactory(name="Health Ministry", reliability="C"),
        credibility=4,
        created_by=analyst,
        tags=["casualties"],
    )


def test_claim_page_shows_the_quote_between_the_sentences_around_it(client, analyst, claim):
    client.force_login(analyst)

    response = client.get(claim.get_absolute_url())

    passage = response.context["passage"]
    assert (passage.before, passage.after) == (
        "Smoke rose at noon. The ministry said ",
        ". Doctors counted 30.",
    )
    body = response.content.decode()
    assert "<mark>12 people were hurt</mark>" in body
    assert "C – Fairly reliable; 4 – Doubtful" in body


def test_claim_page_lists_links_where_the_claim_is_either_end(client, analyst, analyst2, claim):
    lower = ClaimFactory(created_by=analyst2, source=SourceFactory(name="Lower end"))
    higher = ClaimFactory(created_by=analyst2, source=SourceFactory(name="Higher end"))
    ClaimLinkFactory(claim_a=lower, claim_b=claim, created_by=analyst2)
    ClaimLinkFactory(claim_a=claim, claim_b=higher, kind="corroborates", created_by=analyst2)
    client.force_login(analyst)

    response = client.get(claim.get_absolute_url())

    assert {(link.kind, other.source.name) for link, other in response.context["links"]} == {
        ("contradicts", "Lower end"),
        ("corroborates", "Higher end"),
    }


def test_claim_page_shows_every_review_note_with_its_reviewer(client, analyst, reviewer, claim):
    claim = services.claim_submit(claim=claim, user=analyst)
    claim = services.claim_reject(claim=claim, reviewer=reviewer, note="Doctors say 30.")
    claim = services.claim_update(
        claim=claim, user=analyst, version=claim.version, statement="At least 12 hurt"
    )
    claim = services.claim_submit(claim=claim, user=analyst)
    services.claim_approve(claim=claim, reviewer=reviewer, note="Now framed as a minimum.")
    client.force_login(analyst)

    response = client.get(claim.get_absolute_url())

    assert [(n.decision, n.reviewer, n.note) for n in response.context["review_notes"]] == [
        ("Approved", "rita", "Now framed as a minimum."),
        ("Rejected", "rita", "Doctors say 30."),
    ]


def test_claim_history_says_who_changed_which_field_from_what_to_what(
    client, analyst, reviewer, claim
):
    claim = services.claim_update(
        claim=claim,
        user=analyst,
        version=claim.version,
        statement="Twelve hurt",
        credibility=3,
        tags=["casualties", "noon"],
    )
    claim = services.claim_submit(claim=claim, user=analyst)
    services.claim_approve(claim=claim, reviewer=reviewer)
    client.force_login(analyst)

    history = client.get(claim.get_absolute_url()).context["history"]

    approved, submitted, edited = history[:3]
    assert approved.who == "rita"
    assert [(c.label, c.old, c.new) for c in approved.changes] == [
        ("Status", "Submitted", "Approved"),
        ("Reliability as evaluated", "—", dict(Reliability.choices)[claim.source.reliability]),
        ("Reviewed by", "—", "rita"),
    ]
    assert [(c.label, c.old, c.new) for c in submitted.changes] == [
        ("Status", "Draft", "Submitted")
    ]
    # One edit, one record: its fields and its tags together.
    assert edited.who == "alice"
    assert [(c.label, c.old, c.new) for c in edited.changes] == [
        ("Statement", claim.history.earliest().statement, "Twelve hurt"),
        ("Credibility", "4 – Doubtful", "3 – Possibly true"),
        ("Tags", "casualties", "casualties, noon"),
    ]
    assert history[-1].action == "Created"


def test_an_edit_that_removes_every_tag_shows_them_gone(client, analyst, claim):
    services.claim_update(claim=claim, user=analyst, version=claim.version, tags=[])
    client.force_login(analyst)

    history = client.get(claim.get_absolute_url()).context["history"]

    assert [(c.label, c.old, c.new) for c in history[0].changes] == [("Tags", "casualties", "—")]


def test_claim_history_names_a_tag_deleted_since(client, analyst, claim):
    """A tag deleted in the admin leaves the history rows that named it: the claim's page
    failed on them; then it said "(deleted tag #2)" where the tag's own history keeps its
    name."""
    services.claim_update(claim=claim, user=analyst, version=claim.version, tags=["noon"])
    Tag.objects.get(name="noon").delete()
    client.force_login(analyst)

    response = client.get(claim.get_absolute_url())

    assert response.status_code == 200
    assert [(c.label, c.old, c.new) for c in response.context["history"][0].changes] == [
        ("Tags", "casualties", "noon")
    ]


def test_claim_history_numbers_a_deleted_tag_it_has_no_name_for(client, analyst, claim):
    """A tag deleted with no record of its own (before tags kept one): its number."""
    services.claim_update(claim=claim, user=analyst, version=claim.version, tags=["noon"])
    noon = Tag.objects.get(name="noon").pk
    Tag.objects.get(pk=noon).delete()
    Tag.history.filter(id=noon).delete()
    client.force_login(analyst)

    response = client.get(claim.get_absolute_url())

    assert [(c.label, c.old, c.new) for c in response.context["history"][0].changes] == [
        ("Tags", "casualties", f"(deleted tag #{noon})")
    ]


def test_claim_history_names_a_source_that_was_merged_away(client, analyst, reviewer, claim):
    old_source = claim.source
    target = SourceFactory(name="Ministry of Health")
    source_services.source_merge(target=target, duplicates=[old_source], user=reviewer)
    client.force_login(analyst)

    history = client.get(reverse("claims:detail", args=[claim.pk])).context["history"]

    merged = history[0]
    assert merged.reason == "Source merged into Ministry of Health"
    assert [(c.label, c.old, c.new) for c in merged.changes] == [
        ("Source", "Health Ministry", "Ministry of Health")
    ]


@pytest.mark.parametrize("zone", ["UTC", "America/New_York"])
def test_every_time_on_the_claim_page_names_its_time_zone(client, analyst, claim, settings, zone):
    # The same claim read 23:30 on one server and 18:30 on another, and neither said which.
    settings.TIME_ZONE = zone
    Claim.objects.filter(pk=claim.pk).update(
        created_at=datetime.datetime(2026, 1, 15, 23, 30, tzinfo=datetime.UTC)
    )
    client.force_login(analyst)

    page = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()

    shown = {"UTC": "15 Jan 2026, 23:30 UTC", "America/New_York": "15 Jan 2026, 18:30 EST"}
    assert shown[zone] in page
