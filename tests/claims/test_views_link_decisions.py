"""Decisions on links from the pages (claims:link-decide): the board shows each side's status
and marks a pair that rests on a rejected or deleted claim; a plain post comes back at the
pair's anchor; the page script gets JSON and the pair's new form; the review queue decides
the links of the claim under review with the same rules."""

import re

import pytest
from django.urls import reverse

from claims.models import ClaimLink, LinkStatus
from claims.services import claim_delete, claim_reject, claim_submit
from tests.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db

BOARD = reverse("claims:board")
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def pair(analyst, analyst2):
    first = ClaimFactory(created_by=analyst)
    second = ClaimFactory(created_by=analyst)
    link = ClaimLinkFactory(claim_a=first, claim_b=second, created_by=analyst2)
    return first, second, link


@pytest.fixture
def rejected_pair(pair, analyst, reviewer):
    first, second, link = pair
    claim_submit(claim=first, user=analyst)
    claim_reject(claim=first, reviewer=reviewer, note="The passage is an opinion.")
    return first, second, link


def test_board_shows_the_status_of_each_side(client, reviewer, rejected_pair):
    client.force_login(reviewer)
    page = client.get(BOARD).content.decode()
    assert '<span class="status status-rejected">Rejected</span>' in page
    assert '<span class="status status-draft">Draft</span>' in page


def test_board_marks_a_pair_with_a_rejected_claim_and_offers_no_confirm(
    client, reviewer, rejected_pair
):
    first, _second, link = rejected_pair
    client.force_login(reviewer)

    page = client.get(BOARD).content.decode()

    assert f"Claim {first.pk} was rejected by a reviewer" in page
    assert "pair-unconfirmable" in page
    decision = page[page.index(f'data-link="{link.pk}"') :]
    decision = decision[: decision.index("</form>")]
    assert 'value="confirmed"' not in decision
    assert 'value="dismissed"' in decision


def test_confirm_posted_anyway_is_refused_with_the_reason(client, reviewer, rejected_pair):
    first, _second, link = rejected_pair
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:link-decide", args=[link.pk]),
        {"status": "confirmed", "version": link.version, "next": BOARD},
        follow=True,
    )

    assert response.redirect_chain[0][0] == f"{BOARD}#link-{link.pk}"
    assert f"Claim {first.pk} was rejected" in response.content.decode()
    assert ClaimLink.objects.get(pk=link.pk).status == LinkStatus.PROPOSED


def test_confirm_of_a_link_to_a_deleted_claim_is_refused_not_lost(client, analyst, reviewer, pair):
    _first, second, link = pair
    claim_delete(claim=second, user=analyst)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:link-decide", args=[link.pk]),
        {"status": "confirmed", "version": link.version},
        **JSON,
    )

    assert response.status_code == 400
    assert f"Claim {second.pk} has been deleted" in response.json()["message"]
    assert response.json()["confirm_refusal"]
    assert ClaimLink.objects.get(pk=link.pk).status == LinkStatus.PROPOSED


def test_a_plain_post_returns_to_the_pair_on_the_same_page(client, reviewer, pair):
    _first, _second, link = pair
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:link-decide", args=[link.pk]),
        {"status": "confirmed", "version": link.version, "next": f"{BOARD}?page=1#top"},
    )

    assert response.status_code == 302
    assert response.url == f"{BOARD}?page=1#link-{link.pk}"


def test_a_next_address_off_the_site_is_replaced_by_the_board_at_the_pair(client, reviewer, pair):
    _first, _second, link = pair
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:link-decide", args=[link.pk]),
        {"status": "dismissed", "version": link.version, "next": "https://evil.example/"},
    )

    assert response.url == f"{BOARD}#link-{link.pk}"


def test_an_anchor_that_is_not_a_plain_name_is_ignored(client, reviewer, pair):
    _first, _second, link = pair
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:link-decide", args=[link.pk]),
        {"status": "dismissed", "version": link.version, "next": BOARD, "anchor": '"><x'},
    )

    assert response.url == BOARD


def test_the_script_gets_the_new_status_and_a_form_at_the_new_version(client, reviewer, pair):
    _first, _second, link = pair
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:link-decide", args=[link.pk]),
        {"status": "confirmed", "version": link.version, "next": BOARD},
        **JSON,
    )

    answer = response.json()
    assert response.status_code == 200
    assert (answer["status"], answer["version"], answer["decided_by"]) == ("confirmed", 2, "rita")
    assert answer["message"] == f"Link {link.pk} is now confirmed."
    assert 'name="version" value="2"' in answer["decision_html"]
    assert 'value="confirmed"' not in answer["decision_html"]
    assert f'value="{BOARD}"' in answer["decision_html"]


def test_a_stale_decision_from_the_script_is_409_with_the_current_form(client, reviewer, pair):
    _first, _second, link = pair
    client.force_login(reviewer)
    url = reverse("claims:link-decide", args=[link.pk])
    client.post(url, {"status": "dismissed", "version": 1})

    response = client.post(url, {"status": "confirmed", "version": 1}, **JSON)

    assert response.status_code == 409
    assert 'name="version" value="2"' in response.json()["decision_html"]


def test_review_queue_lets_a_reviewer_decide_the_links_of_the_claim_under_review(
    client, analyst, reviewer, pair
):
    first, _second, link = pair
    claim_submit(claim=first, user=analyst)
    client.force_login(reviewer)
    queue = reverse("claims:review")

    page = client.get(queue).content.decode()
    anchor = f"claim-{first.pk}-link-{link.pk}"
    assert f'id="{anchor}"' in page
    assert reverse("claims:link-decide", args=[link.pk]) in page

    response = client.post(
        reverse("claims:link-decide", args=[link.pk]),
        {"status": "confirmed", "version": link.version, "next": queue, "anchor": anchor},
    )

    assert response.url == f"{queue}#{anchor}"
    assert ClaimLink.objects.get(pk=link.pk).status == LinkStatus.CONFIRMED


def test_review_queue_offers_no_confirm_for_a_link_to_a_rejected_claim(
    client, analyst, reviewer, rejected_pair
):
    first, second, link = rejected_pair
    claim_submit(claim=second, user=analyst)
    client.force_login(reviewer)

    page = client.get(reverse("claims:review")).content.decode()

    assert f"Claim {first.pk} was rejected" in page
    decision = page[page.index(f'data-link="{link.pk}"') :]
    assert 'value="confirmed"' not in decision[: decision.index("</form>")]


def _moved(claim, author):
    """Its author moves the claim onto other words after the reviewer opened the pair."""
    from claims.models import Claim
    from claims.services import claim_update

    text = claim.article.text
    return claim_update(
        claim=claim,
        user=author,
        version=Claim.objects.get(pk=claim.pk).version,
        start=0,
        end=10,
        quote=text[:10],
    )


def test_a_decision_on_a_pair_whose_claim_changed_since_it_was_read_is_refused(
    client, analyst, reviewer, pair
):
    first, second, link = pair
    client.force_login(reviewer)
    page = client.get(BOARD).content.decode()
    assert f'name="claim_a_version" value="{first.version}"' in page
    _moved(first, analyst)

    response = client.post(
        reverse("claims:link-decide", args=[link.pk]),
        {
            "status": "confirmed",
            "version": link.version,
            "claim_a_version": first.version,
            "claim_b_version": second.version,
        },
        **JSON,
    )

    assert response.status_code == 409
    assert f"Claim {first.pk} changed after you opened this pair" in response.json()["message"]
    assert "decision_html" not in response.json()  # no fresh form under the old passage
    assert ClaimLink.objects.get(pk=link.pk).status == LinkStatus.PROPOSED


def test_the_api_refuses_a_link_decision_on_a_claim_version_not_read(
    api_client, analyst, reviewer, pair
):
    _first, second, link = pair
    _moved(second, analyst)

    response = api_client(reviewer).patch(
        f"/api/links/{link.pk}/",
        {"status": "confirmed", "version": link.version, "claim_b_version": second.version},
        format="json",
    )

    assert response.status_code == 409
    assert ClaimLink.objects.get(pk=link.pk).status == LinkStatus.PROPOSED


def test_a_pair_whose_claim_was_only_approved_meanwhile_is_decided(client, analyst, reviewer, pair):
    # Another reviewer approved a claim of the pair while this one read it: its version moved,
    # its words did not, and the decision was refused as if the claim had changed.
    from claims.services import claim_approve, claim_submit
    from tests.factories import UserFactory

    first, second, link = pair
    read_a, read_b = first.version, second.version
    other = UserFactory(groups=["reviewer"])
    claim_approve(claim=claim_submit(claim=first, user=analyst), reviewer=other)
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:link-decide", args=[link.pk]),
        {
            "status": "confirmed",
            "version": link.version,
            "claim_a_version": read_a,
            "claim_b_version": read_b,
        },
        **JSON,
    )

    assert response.status_code == 200, response.json()
    assert ClaimLink.objects.get(pk=link.pk).status == LinkStatus.CONFIRMED


def test_a_link_listed_under_both_its_claims_in_the_queue_has_no_id_twice(
    client, analyst, reviewer, pair
):
    # Both claims waiting for review list the link twice: its buttons' description had one id.
    first, second, link = pair
    claim_submit(claim=first, user=analyst)
    claim_submit(claim=second, user=analyst)
    client.force_login(reviewer)

    page = client.get(reverse("claims:review")).content.decode()

    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert page.count(f"-link-{link.pk}-pair") >= 2
