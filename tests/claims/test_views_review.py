"""The review queue: who may open it, each claim in context with source, grade and links; one
decision at a time (as a form or from the keyboard script, as JSON), its redirect never off the
site; bulk approval after a confirmation."""

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimStatus
from project.lists import CappedPaginator
from tests.factories import ArticleFactory, ClaimFactory, ClaimLinkFactory, SourceFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "The river rose overnight. Officials said 40 convoys had crossed the bridge. "
    "Witnesses disputed the figure. Nobody was hurt."
)


@pytest.fixture
def queued(analyst, analyst2):
    """Two submitted claims in one article, the first contradicted by a claim elsewhere."""
    article = ArticleFactory(text=TEXT, uploaded_by=analyst)
    start = TEXT.index("40 convoys")
    first = ClaimFactory(
        article=article,
        start=start,
        end=start + len("40 convoys"),
        source=SourceFactory(name="River Authority", reliability="C"),
        credibility=3,
        created_by=analyst,
        status=ClaimStatus.SUBMITTED,
    )
    start = TEXT.index("Nobody")
    second = ClaimFactory(
        article=article,
        start=start,
        end=start + 6,
        created_by=analyst2,
        status=ClaimStatus.SUBMITTED,
    )
    elsewhere = ClaimFactory(created_by=analyst2, source=SourceFactory(name="Border Police"))
    ClaimLinkFactory(claim_a=elsewhere, claim_b=first, created_by=analyst2)
    return first, second


def test_queue_shows_each_quote_with_the_sentence_before_and_after(client, reviewer, queued):
    client.force_login(reviewer)

    response = client.get(reverse("claims:review"))

    first = response.context["object_list"][0]
    assert first.passage.before == "The river rose overnight. Officials said "
    assert first.passage.after == " had crossed the bridge. Witnesses disputed the figure."
    body = response.content.decode()
    assert "River Authority" in body
    assert "C3" in body


def test_queue_shows_links_from_either_side(client, reviewer, queued):
    client.force_login(reviewer)

    response = client.get(reverse("claims:review"))

    first = response.context["object_list"][0]
    assert [(link.kind, other.source.name) for link, other in first.link_pairs] == [
        ("contradicts", "Border Police")
    ]


def test_queue_leaves_out_links_to_deleted_claims(client, reviewer, queued, analyst2):
    first, _ = queued
    gone = ClaimFactory(created_by=analyst2)
    ClaimLinkFactory(claim_a=first, claim_b=gone, created_by=analyst2)
    Claim.objects.filter(pk=gone.pk).update(deleted_at="2026-01-01T00:00:00Z")
    client.force_login(reviewer)

    response = client.get(reverse("claims:review"))

    assert len(response.context["object_list"][0].link_pairs) == 1


def test_plain_form_decision_returns_to_the_queue_at_the_next_claim(client, reviewer, queued):
    client.force_login(reviewer)

    response = client.get(reverse("claims:review"))

    first, second = response.context["object_list"]
    assert first.after_review_url == f"{reverse('claims:review')}#claim-{second.pk}"


def test_script_approves_with_json_and_the_claim_leaves_the_queue(client, reviewer, queued):
    first, second = queued
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:review-action", args=[first.pk]),
        {"decision": "approve"},
        headers={"Accept": "application/json"},
    )

    assert response.json() == {
        "message": f"Claim {first.pk} approved.",
        "status": "approved",
        "claim": first.pk,
    }
    queue = client.get(reverse("claims:review")).context["object_list"]
    assert [claim.pk for claim in queue] == [second.pk]


def test_script_reject_without_note_gets_400_and_the_reason(client, reviewer, queued):
    first, _ = queued
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:review-action", args=[first.pk]),
        {"decision": "reject", "note": "  "},
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 400
    assert "Say why the claim is rejected" in response.json()["message"]
    first.refresh_from_db()
    assert first.status == ClaimStatus.SUBMITTED


def test_rejection_note_is_kept_with_the_claim(client, reviewer, queued):
    first, _ = queued
    client.force_login(reviewer)

    client.post(
        reverse("claims:review-action", args=[first.pk]),
        {"decision": "reject", "note": "The article says 14, not 40."},
    )

    first.refresh_from_db()
    assert (first.status, first.review_note) == (
        ClaimStatus.REJECTED,
        "The article says 14, not 40.",
    )


def test_bulk_approval_first_shows_what_will_be_approved_and_changes_nothing(
    client, reviewer, queued
):
    first, second = queued
    client.force_login(reviewer)

    response = client.post(reverse("claims:review-bulk-approve"), {"claims": [first.pk, second.pk]})

    assert response.status_code == 200
    assert [claim.pk for claim in response.context["claims"]] == [first.pk, second.pk]
    assert "Approve 2 claims" in response.content.decode()
    assert set(
        Claim.objects.values_list("status", flat=True).filter(pk__in=[first.pk, second.pk])
    ) == {ClaimStatus.SUBMITTED}


def test_bulk_confirmation_leaves_out_the_reviewers_own_claims(client, reviewer, queued):
    first, _ = queued
    own = ClaimFactory(created_by=reviewer, status=ClaimStatus.SUBMITTED)
    client.force_login(reviewer)

    response = client.post(reverse("claims:review-bulk-approve"), {"claims": [first.pk, own.pk]})

    assert [claim.pk for claim in response.context["claims"]] == [first.pk]
    assert [claim.pk for claim in response.context["skipped"]] == [own.pk]


def test_confirmed_bulk_approval_approves_all_with_the_note(client, reviewer, queued):
    first, second = queued
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:review-bulk-approve"),
        {"claims": [first.pk, second.pk], "confirmed": "on", "note": "Checked against the text."},
        follow=True,
    )

    assert "2 claims approved." in response.content.decode()
    assert (
        list(
            Claim.objects.filter(pk__in=[first.pk, second.pk]).values_list(
                "status", "reviewed_by", "review_note"
            )
        )
        == [(ClaimStatus.APPROVED, reviewer.pk, "Checked against the text.")] * 2
    )


def test_bulk_approval_of_a_claim_no_longer_waiting_changes_nothing(client, reviewer, queued):
    first, second = queued
    Claim.objects.filter(pk=second.pk).update(status=ClaimStatus.DRAFT)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:review-bulk-approve"),
        {"claims": [first.pk, second.pk], "confirmed": "on"},
        follow=True,
    )

    assert f"Claim {second.pk} is no longer waiting for review" in response.content.decode()
    first.refresh_from_db()
    assert first.status == ClaimStatus.SUBMITTED


def test_bulk_approval_with_nothing_ticked_asks_to_tick(client, reviewer, queued):
    client.force_login(reviewer)

    response = client.post(reverse("claims:review-bulk-approve"), {}, follow=True)

    assert "Tick the claims to approve first." in response.content.decode()


def test_queue_count_follows_the_filter_in_the_address(client, reviewer, queued, analyst):
    ClaimFactory(created_by=analyst, status=ClaimStatus.SUBMITTED, tags=["bridge"])
    client.force_login(reviewer)

    response = client.get(reverse("claims:review"), {"tag": "bridge"})

    assert response.context["paginator"].count == 1
    assert [label for label, _, _ in response.context["active_filters"]] == ["Tag"]


def test_queue_count_is_exact_from_the_tallies_past_the_cap(
    client, reviewer, queued, analyst, monkeypatch
):
    monkeypatch.setattr(CappedPaginator, "cap", 2)
    ClaimFactory(created_by=analyst, status=ClaimStatus.SUBMITTED, credibility=3)
    ClaimFactory(created_by=analyst)  # a draft: not queued
    client.force_login(reviewer)

    everything = client.get(reverse("claims:review"))
    graded = client.get(reverse("claims:review"), {"credibility": 3})
    tagged = client.get(reverse("claims:review"), {"tag": "bridge"})

    assert everything.context["paginator"].count_shown == "3"
    assert graded.context["paginator"].count_shown == str(
        Claim.objects.filter(status=ClaimStatus.SUBMITTED, credibility=3).count()
    )
    assert tagged.context["paginator"].count_shown == "0"


def test_analyst_cannot_open_the_review_queue(client, analyst):
    client.force_login(analyst)

    assert client.get(reverse("claims:review")).status_code == 403


def test_review_queue_lists_submitted_claims_oldest_first(client, evidence, reviewer, analyst):
    first, second = evidence(2, authors=[analyst], status=ClaimStatus.SUBMITTED)
    ClaimFactory(created_by=analyst)  # a draft: not for review
    client.force_login(reviewer)

    response = client.get(reverse("claims:review"))

    assert list(response.context["object_list"]) == [first, second]


def test_reviewer_approves_from_the_queue(client, evidence, reviewer, analyst):
    (claim,) = evidence(1, authors=[analyst], status=ClaimStatus.SUBMITTED)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:review-action", args=[claim.pk]),
        {"decision": "approve", "note": "Matches the text.", "next": reverse("claims:review")},
        follow=True,
    )

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert claim.reviewed_by == reviewer
    assert f"Claim {claim.pk} approved." in response.content.decode()


def test_reviewer_cannot_review_own_claim_from_the_page(client, evidence, reviewer):
    (claim,) = evidence(1, authors=[reviewer], status=ClaimStatus.SUBMITTED)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:review-action", args=[claim.pk]), {"decision": "approve"}, follow=True
    )

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert response.status_code == 403


def test_rejecting_without_a_note_says_why_and_changes_nothing(client, evidence, reviewer, analyst):
    (claim,) = evidence(1, authors=[analyst], status=ClaimStatus.SUBMITTED)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:review-action", args=[claim.pk]), {"decision": "reject"}, follow=True
    )

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert "Say why the claim is rejected" in response.content.decode()


def test_review_redirect_ignores_foreign_next_url(client, evidence, reviewer, analyst):
    (claim,) = evidence(1, authors=[analyst], status=ClaimStatus.SUBMITTED)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:review-action", args=[claim.pk]),
        {"decision": "approve", "next": "https://attacker.example/"},
    )

    assert response["Location"] == claim.get_absolute_url()


def _rewritten(claim, author) -> Claim:
    """What its author does after the reviewer opened it: withdraw, rewrite, submit again."""
    from claims import services

    services.claim_withdraw(claim=claim, user=author)
    claim = Claim.objects.get(pk=claim.pk)
    services.claim_update(
        claim=claim, user=author, version=claim.version, statement="Rewritten since", credibility=1
    )
    return services.claim_submit(claim=Claim.objects.get(pk=claim.pk), user=author)


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_decision_on_a_claim_its_author_changed_since_it_was_read_is_refused(
    client, reviewer, queued, analyst, decision
):
    first, _ = queued
    client.force_login(reviewer)
    page = client.get(reverse("claims:review")).content.decode()
    assert f'name="version" value="{first.version}"' in page
    _rewritten(first, analyst)

    response = client.post(
        reverse("claims:review-action", args=[first.pk]),
        {"decision": decision, "note": "Looks fine.", "version": first.version},
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 409
    assert (
        f"{analyst.username} changed this claim after you opened it" in (response.json()["message"])
    )
    assert Claim.objects.get(pk=first.pk).status == ClaimStatus.SUBMITTED


def test_a_bulk_approval_of_a_claim_changed_since_its_confirmation_approves_none(
    client, reviewer, queued, analyst
):
    first, second = queued
    client.force_login(reviewer)
    confirmation = client.post(
        reverse("claims:review-bulk-approve"), {"claims": [first.pk, second.pk]}
    ).content.decode()
    assert f'name="version-{first.pk}" value="{first.version}"' in confirmation
    _rewritten(first, analyst)

    response = client.post(
        reverse("claims:review-bulk-approve"),
        {
            "claims": [first.pk, second.pk],
            "confirmed": "on",
            f"version-{first.pk}": first.version,
            f"version-{second.pk}": second.version,
        },
        follow=True,
    )

    assert "changed this claim after you opened it" in response.content.decode()
    statuses = Claim.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    assert set(statuses) == {ClaimStatus.SUBMITTED}


def test_the_api_refuses_a_decision_on_a_version_the_reviewer_did_not_read(
    api_client, reviewer, queued, analyst
):
    first, _ = queued
    read = first.version
    _rewritten(first, analyst)

    response = api_client(reviewer).post(
        f"/api/claims/{first.pk}/approve/", {"version": read}, format="json"
    )

    assert response.status_code == 409
    assert Claim.objects.get(pk=first.pk).status == ClaimStatus.SUBMITTED
