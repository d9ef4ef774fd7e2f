"""The evidence dashboard: totals and charts from aggregate queries, drawn as inline SVG with
titles for screen readers, every mark a link to the claims behind it."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, ClaimStatus
from tests.factories import ArticleFactory, ClaimFactory, ClaimLinkFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dashboard(client, analyst, analyst2, reviewer):
    ministry = SourceFactory(name="Ministry", reliability="D")
    monitors = SourceFactory(name="Monitors", reliability="B")
    SourceFactory(name="Silent source")
    ArticleFactory()  # an article without claims still counts
    d4 = [ClaimFactory(source=ministry, credibility=4, created_by=analyst) for _ in range(3)]
    b2 = ClaimFactory(
        source=monitors,
        credibility=2,
        created_by=analyst2,
        status=ClaimStatus.APPROVED,
        reviewed_by=reviewer,
        tags=["casualties"],
    )
    ClaimFactory(source=ministry, created_by=analyst, deleted_at=timezone.now())
    ClaimLinkFactory(claim_a=d4[0], claim_b=b2, created_by=analyst)
    ClaimLinkFactory(kind="corroborates", claim_a=d4[1], claim_b=d4[2], created_by=analyst)
    client.force_login(analyst)
    return client.get(reverse("claims:dashboard"))


def test_dashboard_totals_count_live_claims_and_every_article_and_source(dashboard):
    context = dashboard.context

    assert (
        context["article_total"],
        context["claim_total"],
        context["submitted_total"],
        context["source_total"],
        context["contradiction_total"],
        context["corroboration_total"],
    ) == (6, 4, 0, 3, 1, 1)


def test_status_chart_has_a_bar_per_status_linking_to_its_claims(dashboard):
    bars = dashboard.context["status_chart"].bars

    assert [(bar.label, bar.value, bar.href) for bar in bars] == [
        ("Draft", 3, "/claims/?status=draft"),
        ("Submitted", 0, "/claims/?status=submitted"),
        ("Approved", 1, "/claims/?status=approved"),
        ("Rejected", 0, "/claims/?status=rejected"),
    ]


def test_heat_map_has_all_36_grades_and_each_cell_links_to_exactly_its_claims(client, dashboard):
    cells = {f"{cell.row}{cell.column}": cell for cell in dashboard.context["heat_map"].cells}

    assert len(cells) == 36
    assert (cells["D4"].value, cells["B2"].value, cells["A1"].value) == (3, 1, 0)
    listed = client.get(cells["D4"].href).context["object_list"]
    assert sorted(claim.grade for claim in listed) == ["D4", "D4", "D4"]


def test_heat_map_shades_darker_for_more_claims(dashboard):
    cells = {f"{cell.row}{cell.column}": cell for cell in dashboard.context["heat_map"].cells}

    def lightness(cell) -> int:
        return sum(int(cell.fill[i : i + 2], 16) for i in (1, 3, 5))

    assert lightness(cells["D4"]) < lightness(cells["B2"]) < lightness(cells["A1"])
    assert cells["D4"].on_dark and not cells["A1"].on_dark


def test_claims_per_source_lists_the_busiest_first_and_at_most_20(client, analyst):
    sources = [SourceFactory(name=f"Source {n:02}") for n in range(22)]
    for n, source in enumerate(sources):
        for _ in range(n % 3 + 1):
            ClaimFactory(source=source, created_by=analyst)
    client.force_login(analyst)

    bars = client.get(reverse("claims:dashboard")).context["source_chart"].bars

    assert len(bars) == 20
    assert [bar.value for bar in bars] == sorted((bar.value for bar in bars), reverse=True)
    assert bars[0].label == "Source 02"
    assert bars[0].href == f"/claims/?source={sources[2].pk}"


def test_contradictions_per_tag_links_to_the_board(dashboard):
    bars = dashboard.context["tag_chart"].bars

    assert [(bar.label, bar.value, bar.href) for bar in bars] == [
        ("casualties", 1, "/contradictions/?tag=casualties")
    ]


def test_activity_counts_each_analysts_claims_per_week_over_twelve_weeks(client, analyst, analyst2):
    now = timezone.now()
    for weeks_ago, author in [(0, analyst), (0, analyst), (1, analyst2), (13, analyst2)]:
        claim = ClaimFactory(created_by=author)
        Claim.objects.filter(pk=claim.pk).update(
            created_at=now - datetime.timedelta(weeks=weeks_ago)
        )
    client.force_login(analyst)

    chart = client.get(reverse("claims:dashboard")).context["activity_chart"]

    assert len(chart.week_dates) == 12
    assert [(row.author, row.total) for row in chart.rows] == [("alice", 2), ("bob", 1)]
    assert [column.value for column in chart.rows[0].columns][-1] == 2
    assert [column.value for column in chart.rows[1].columns][-2:] == [1, 0]
    assert chart.rows[0].href == f"/claims/?created_by={analyst.pk}"


def test_every_chart_is_inline_svg_with_a_title_and_description(dashboard):
    body = dashboard.content.decode()
    charts = re.findall(r"<svg[^>]*>.*?</svg>", body, flags=re.S)

    assert len(charts) == 5
    for chart in charts:
        assert "<title" in chart and "<desc" in chart
    assert "<script" not in body.split("<main", 1)[1].split("</main>", 1)[0]


def test_every_chart_mark_has_a_text_for_screen_readers(dashboard):
    body = dashboard.content.decode()

    assert "<title>D4: 3 claims (Not usually reliable source, doubtful)</title>" in body
    assert "<title>Ministry: 3 claims</title>" in body
    assert "<title>casualties: 1 contradiction</title>" in body


def test_dashboard_escapes_source_names_in_charts(client, analyst):
    ClaimFactory(source=SourceFactory(name='<script>alert("x")</script>'), created_by=analyst)
    client.force_login(analyst)

    body = client.get(reverse("claims:dashboard")).content.decode()

    assert '<script>alert("x")' not in body
    assert "&lt;script&gt;" in body


@pytest.mark.django_db(transaction=True)
def test_the_activity_chart_names_each_analyst_as_now_named(client, analyst, settings):
    # The chart is cached (minutes) and a rename is no change to the evidence: it kept the old
    # name after the admin renamed the account.
    settings.AGGREGATE_CACHE_SECONDS = 600
    cache.clear()
    ClaimFactory(created_by=analyst)
    client.force_login(analyst)
    first = client.get(reverse("claims:dashboard")).context["activity_chart"]
    analyst.username = "alice-renamed"
    analyst.save(update_fields=["username"])

    chart = client.get(reverse("claims:dashboard")).context["activity_chart"]

    assert [row.author for row in first.rows] == ["alice"]
    assert [row.author for row in chart.rows] == ["alice-renamed"]


def test_a_dismissed_link_is_no_contradiction_on_the_dashboard(client, analyst, reviewer):
    # The count went on counting the links reviewers had dismissed: 164, of which 95 dismissed.
    from claims.services import link_set_status

    kept, dismissed = (
        ClaimLinkFactory(claim_a=ClaimFactory(), claim_b=ClaimFactory(), created_by=analyst)
        for _ in range(2)
    )
    link_set_status(link=dismissed, status="dismissed", user=reviewer, version=dismissed.version)
    client.force_login(analyst)

    context = client.get(reverse("claims:dashboard")).context

    assert context["contradiction_total"] == 1
    assert kept.status == "proposed"
