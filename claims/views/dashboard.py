"""The dashboard: totals and charts, from aggregate queries only (cached per generation)."""

import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from claims import charts, statistics
from claims.aggregates import AggregateCache
from claims.models import ClaimStatus, LinkKind
from claims.panels import DASHBOARD_SECTIONS, render_sections


class DashboardView(TemplateView):
    """Totals, claims by status, the grade heat map, the busiest sources, contradictions per
    tag and each analyst's activity: built from aggregate queries only."""

    template_name = "claims/dashboard.html"
    activity_weeks = 12

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claims_url = reverse("claims:list")
        board_url = reverse("claims:board")

        aggregates = AggregateCache()
        counts = aggregates.get("claim_counts", statistics.claim_counts)
        totals = aggregates.get("evidence_totals", statistics.evidence_totals)
        tag_counts = aggregates.get(
            "contradictions_per_tag", statistics.tallied_contradictions_per_tag
        )

        # Weeks in the site's zone, whatever the reader's: the whole team counts the same weeks
        # (and the day tallies, in the site's days, can count them).
        site = timezone.get_default_timezone()
        today = timezone.localdate(timezone=site)
        this_week = today - datetime.timedelta(days=today.weekday())
        weeks = [
            this_week - datetime.timedelta(weeks=back)
            for back in range(self.activity_weeks - 1, -1, -1)
        ]
        since = timezone.make_aware(datetime.datetime.combine(weeks[0], datetime.time.min), site)

        context.update(
            claim_total=counts.total,
            submitted_total=counts.by_status[ClaimStatus.SUBMITTED],
            article_total=totals["articles"],
            source_total=totals["sources"],
            contradiction_total=totals[LinkKind.CONTRADICTS],
            corroboration_total=totals[LinkKind.CORROBORATES],
            status_chart=charts.bar_chart(
                chart_id="chart-status",
                title="Claims by status",
                description="How many claims are drafts, waiting for review, approved or "
                "rejected. Each bar links to those claims.",
                rows=[
                    (
                        label,
                        counts.by_status[status],
                        f"{claims_url}?status={status}",
                        f"bar-{status}",
                    )
                    for status, label in ClaimStatus.choices
                ],
            ),
            heat_map=charts.grade_heat_map(
                counts.by_grade,
                href=lambda reliability, credibility: (
                    f"{claims_url}?reliability={reliability}&credibility={credibility}"
                ),
                chart_id="chart-grades",
            ),
            source_chart=charts.bar_chart(
                chart_id="chart-sources",
                title="Claims per source (top 20)",
                description="The twenty sources with the most claims. Each bar links to "
                "that source's claims.",
                rows=[
                    (name, n, f"{claims_url}?source={pk}") for pk, name, n in counts.by_source[:20]
                ],
            ),
            tag_chart=charts.bar_chart(
                chart_id="chart-tags",
                title="Contradictions per tag",
                description="Contradicting pairs that involve a claim with each tag. Each bar "
                "links to those pairs on the contradiction board.",
                rows=[
                    (name, n, f"{board_url}?{urlencode({'tag': name})}")
                    for name, n in tag_counts[:20]
                ],
                unit=("contradiction", "contradictions"),
            ),
            activity_chart=charts.activity_chart(
                statistics.with_usernames_now(
                    aggregates.get(
                        "claims_per_author_and_week",
                        lambda: statistics.claims_per_author_and_week(since=since),
                        since,
                    )
                ),
                weeks=weeks,
                href=lambda user_id: f"{claims_url}?created_by={user_id}",
                chart_id="chart-activity",
            ),
            sections=render_sections(DASHBOARD_SECTIONS, self.request),
        )
        return context
