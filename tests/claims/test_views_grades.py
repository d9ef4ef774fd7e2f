"""The pages and the grade as evaluated (issue 12): the claim page, the reading view, the claim
list and the dashboard show an approved claim's grade as evaluated, with the source's current
rating beside it once the source is rated otherwise; drafts follow the source."""

import pytest
from django.urls import reverse

from claims.services import claim_approve
from claims.statistics import claim_counts
from sources.services import source_merge, source_update
from tests.claims.conftest import record
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

NOW_RATED = "source now rated"


@pytest.fixture
def approved(submitted, reviewer):
    """Approved as B2."""
    return claim_approve(claim=submitted, reviewer=reviewer)


@pytest.fixture
def other_draft(article, analyst, source):
    return record(article, analyst, source, 50, 70, credibility=3)


def test_the_claim_page_shows_the_grade_as_evaluated_and_the_source_now(
    client, analyst, approved, source, reviewer
):
    source_update(source=source, user=reviewer, reliability="E")
    client.force_login(analyst)

    page = client.get(approved.get_absolute_url()).content.decode()

    assert ">B2</span>" in page
    assert f"· {NOW_RATED} E" in page
    assert "as evaluated at review; the source is now rated E – Unreliable" in page


def test_the_claim_page_of_an_approved_claim_not_re_rated_shows_no_current_rating(
    client, analyst, approved
):
    client.force_login(analyst)
    page = client.get(approved.get_absolute_url()).content.decode()
    assert NOW_RATED not in page
    assert "as evaluated at review" in page


def test_the_reading_view_keeps_the_approved_grade_and_moves_the_draft_after_a_merge(
    client, analyst, approved, other_draft, source, reviewer, article
):
    source_merge(target=SourceFactory(reliability="D"), duplicates=[source], user=reviewer)
    client.force_login(analyst)

    response = client.get(reverse("claims:reading", args=[article.pk]))

    cards = {claim.pk: claim for claim in response.context["claims"]}
    assert (cards[approved.pk].grade, cards[other_draft.pk].grade) == ("B2", "D3")
    assert f"{NOW_RATED} D" in response.content.decode()


def test_the_claim_list_filters_and_shows_by_the_grade_as_evaluated(
    client, analyst, approved, other_draft, source, reviewer
):
    source_update(source=source, user=reviewer, reliability="E")
    client.force_login(analyst)

    by_b = client.get(reverse("claims:list"), {"reliability": "B"})
    by_e = client.get(reverse("claims:list"), {"reliability": "E"})

    assert [claim.pk for claim in by_b.context["object_list"]] == [approved.pk]
    assert [claim.pk for claim in by_e.context["object_list"]] == [other_draft.pk]
    assert f"{NOW_RATED} E" in by_b.content.decode()


def test_the_claim_list_sorts_by_the_reliability_of_the_grade(
    client, analyst, approved, other_draft, source, reviewer
):
    source_update(source=source, user=reviewer, reliability="A")  # the draft is now A3
    client.force_login(analyst)

    response = client.get(reverse("claims:list"), {"sort": "reliability"})

    assert [claim.pk for claim in response.context["object_list"]] == [other_draft.pk, approved.pk]


def test_the_dashboard_counts_approved_claims_under_their_grade_as_evaluated(
    approved, other_draft, source, reviewer
):
    source_update(source=source, user=reviewer, reliability="E")

    assert claim_counts().by_grade == {("B", 2): 1, ("E", 3): 1}


def test_the_claim_history_shows_the_reliability_recorded_at_approval(client, analyst, approved):
    client.force_login(analyst)

    history = client.get(approved.get_absolute_url()).context["history"]

    approval = history[0]
    changes = {change.label: (change.old, change.new) for change in approval.changes}
    assert changes["Reliability as evaluated"] == ("—", "B – Usually reliable")


def test_the_source_page_lists_its_claims_with_their_grades_and_says_what_a_re_rating_does(
    client, reviewer, approved, other_draft, source
):
    source_update(source=source, user=reviewer, reliability="E")
    client.force_login(reviewer)

    page = client.get(reverse("claims:source-detail", args=[source.pk])).content.decode()

    assert 'B2</span> <span class="grade-now"' in page
    assert ">E3</span>" in page
    assert "reviewed claims keep the grade they were evaluated with" in page


def test_the_dashboards_heat_map_counts_every_status_of_a_grade(
    client, analyst, approved, article, source
):
    """A grade's cell counts its claims of every status, as the total and the cell's own link
    (the claim list filtered by that grade) do: an approved B2 and a draft B2 make 2."""
    record(article, analyst, source, 50, 70, credibility=2)  # a draft, B2 as the approved one
    client.force_login(analyst)

    response = client.get(reverse("claims:dashboard"))

    cells = {f"{cell.row}{cell.column}": cell.value for cell in response.context["heat_map"].cells}
    assert cells["B2"] == 2
    assert sum(cells.values()) == response.context["claim_total"] == 2
    listed = client.get(reverse("claims:list"), {"reliability": "B", "credibility": 2})
    assert listed.context["paginator"].count == cells["B2"]
