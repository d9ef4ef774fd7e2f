"""My claims: what an analyst recorded, by status, with the reviewers' reasons and what they can
still do (withdraw a submitted claim; rework a draft or a rejected one in the reading view)."""

from django.urls import reverse
from django_filters.views import FilterView

from claims import selectors
from claims.filters import ClaimFilter
from claims.models import Claim, ClaimStatus
from project import roles
from project.lists import (
    CountedPaginator,
    active_filters,
    filtered,
    query_without,
)


class MyClaimsView(FilterView):
    """The signed-in person's own live claims, newest change first, filtered like the claim
    list (status tabs with counts), 50 to a page."""

    template_name = "claims/my_claims.html"
    filterset_class = ClaimFilter
    paginate_by = 50

    def get_queryset(self):
        return selectors.claims_by(self.request.user)

    def get_paginator(self, queryset, per_page, **kwargs):
        # Count the person's matching claims alone, without the joins the rows need.
        mine = Claim.objects.filter(created_by=self.request.user)
        return CountedPaginator(
            queryset, per_page, count_of=filtered(self.filterset, mine), **kwargs
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, filterset = self.request.user, context["filter"]
        claims = list(context["object_list"])
        for claim in claims:
            claim.can_withdraw = claim.status == ClaimStatus.SUBMITTED and roles.can_withdraw_claim(
                user, claim
            )
            claim.withdraw_url = reverse("claims:claim-withdraw", args=[claim.article_id, claim.pk])
        # The tabs count the claims the page's other filters keep (a tag, a source…): each
        # tab's figure is what it lists, none for a filter that cannot be read.
        counts = selectors.claim_status_counts(
            user, filtered(filterset, Claim.objects.all(), leaving_out=("status",))
        )
        cleaned = filterset.form.cleaned_data if filterset.form.is_valid() else {}
        context.update(
            object_list=claims,
            status_tabs=[(value, label, counts[value]) for value, label in ClaimStatus.choices],
            total=sum(counts.values()),
            current_status=cleaned.get("status") or "",
            query_without_status=query_without(self.request, "status"),
            # The status is shown by the tabs; the chips show the other filters in use.
            active_filters=[
                chip for chip in active_filters(self.request, filterset) if chip[0] != "Status"
            ],
            here=self.request.get_full_path(),
        )
        return context
