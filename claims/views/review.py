"""The review queue and the reviewer's decisions on claims."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from claims import selectors, services, statistics
from claims.filters import ClaimFilter
from claims.forms import (
    BulkApproveForm,
    ReviewForm,
)
from claims.models import Claim, ClaimLink, ClaimStatus
from claims.passages import passage_from_annotations
from claims.views.contradictions import decorate_link
from project import roles
from project.errors import Conflict
from project.lists import CountedPaginator, active_filters, filtered, filters_in_use
from project.responses import messages_of, refuse, safe_next_url, wants_json


def _link_pairs(claim: Claim) -> list[tuple[ClaimLink, Claim]]:
    """(link, the claim at its other end) for the live links prefetched by
    `selectors.claims_with_live_links`."""
    pairs = [(link, link.claim_b) for link in claim.live_links_as_a]
    pairs += [(link, link.claim_a) for link in claim.live_links_as_b]
    return sorted(pairs, key=lambda pair: (pair[0].kind, -pair[0].pk))


# --- Review ------------------------------------------------------------------------------------


class ReviewerOnlyMixin:
    """The page is for reviewers (and staff); others get a 403 page that says so."""

    refusal = "This page is for reviewers."

    def dispatch(self, request, *args, **kwargs):
        if not roles.is_reviewer(request.user):
            return refuse(request, PermissionDenied(self.refusal))
        return super().dispatch(request, *args, **kwargs)


class ReviewQueueView(ReviewerOnlyMixin, FilterView):
    """Submitted claims, oldest first, each in context with its source, grade and links."""

    template_name = "claims/review_queue.html"
    filterset_class = ClaimFilter
    paginate_by = 50
    refusal = "The review queue is for reviewers."

    def get_queryset(self):
        return selectors.review_queue()

    def get_paginator(self, queryset, per_page, **kwargs):
        # Count the queued claims alone, without the joins and the contradiction test each
        # shown claim needs (which the count would run for every claim it counts).
        # Filtered by what the tallies know (ADR 0012), they tell the exact count.
        queued = Claim.objects.filter(status=ClaimStatus.SUBMITTED)
        cleaned = filters_in_use(self.filterset)
        exact = None
        if cleaned is not None and "status" not in cleaned:
            exact = statistics.tallied_claim_count({**cleaned, "status": ClaimStatus.SUBMITTED})
        return CountedPaginator(
            queryset,
            per_page,
            count_of=filtered(self.filterset, queued),
            exact_count=exact,
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claims = list(context["object_list"])
        here = self.request.get_full_path()
        for index, claim in enumerate(claims):
            claim.passage = passage_from_annotations(claim)
            claim.link_pairs = _link_pairs(claim)
            for link, _other in claim.link_pairs:
                decorate_link(link, self.request.user)
                # A link can show under both its claims: its place names the claim too.
                link.anchor = f"claim-{claim.pk}-link-{link.pk}"
            claim.can_review = roles.can_review_claim(self.request.user, claim)
            # Without the script, a decision reloads the queue at the next claim.
            following = claims[index + 1] if index + 1 < len(claims) else None
            claim.after_review_url = f"{here}#claim-{following.pk}" if following else here
        context["object_list"] = claims
        context["active_filters"] = active_filters(self.request, context["filter"])
        context["review_form"] = ReviewForm()
        return context


@require_POST
def claim_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or reject one claim from the review queue or the claim page. The review script
    posts the same form asking for JSON, to move on without reloading."""
    claim = get_object_or_404(Claim, pk=pk)
    form = ReviewForm(request.POST)
    next_url = safe_next_url(request, claim.get_absolute_url())
    if not form.is_valid():
        message = _("Choose approve or reject.")
        if wants_json(request):
            return JsonResponse({"message": message}, status=400)
        messages.error(request, message)
        return redirect(next_url)
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    decide = services.claim_approve if decision == "approve" else services.claim_reject
    try:
        claim = decide(
            claim=claim, reviewer=request.user, note=note, version=form.cleaned_data["version"]
        )
    except PermissionDenied as error:
        return refuse(request, error)
    except ValidationError as error:
        if wants_json(request):
            code = 409 if isinstance(error, Conflict) else 400
            # The fields refused, for the script to mark (a missing note; not a conflict).
            fields = sorted(error.error_dict) if hasattr(error, "error_dict") else []
            return JsonResponse({"message": messages_of(error), "fields": fields}, status=code)
        messages.error(request, messages_of(error))
        return redirect(next_url)
    decided = {
        ClaimStatus.APPROVED: _("Claim %(id)s approved."),
        ClaimStatus.REJECTED: _("Claim %(id)s rejected."),
    }
    message = decided[claim.status] % {"id": claim.pk}
    if wants_json(request):
        return JsonResponse({"message": message, "status": claim.status, "claim": claim.pk})
    messages.success(request, message)
    return redirect(next_url)


@require_POST
def review_bulk_approve(request: HttpRequest) -> HttpResponse:
    """Approve several queued claims: the first post shows what will be approved, the second
    (with `confirmed`) approves them all or none."""
    if not roles.is_reviewer(request.user):
        return refuse(request, PermissionDenied("Only reviewers can approve claims."))
    queue = reverse("claims:review")
    form = BulkApproveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(queue)
    chosen = list(form.cleaned_data["claims"].order_by("created_at", "pk"))
    if not form.cleaned_data["confirmed"]:
        claims = list(
            selectors.claim_list()
            .filter(pk__in=[claim.pk for claim in chosen])
            .order_by("created_at", "pk")
        )
        reviewable = [c for c in claims if roles.can_review_claim(request.user, c)]
        return render(
            request,
            "claims/review_bulk_confirm.html",
            {
                "claims": reviewable,
                "skipped": [c for c in claims if c not in reviewable],
                "note": form.cleaned_data["note"],
            },
        )
    try:
        approved = services.claims_approve_bulk(
            claims=chosen,
            reviewer=request.user,
            note=form.cleaned_data["note"],
            versions=_versions_read(request, chosen),
        )
    except PermissionDenied as error:
        return refuse(request, error)
    except ValidationError as error:
        messages.error(request, messages_of(error))
        return redirect(queue)
    messages.success(
        request,
        ngettext("%(count)d claim approved.", "%(count)d claims approved.", len(approved))
        % {"count": len(approved)},
    )
    return redirect(queue)


def _versions_read(request: HttpRequest, claims: list[Claim]) -> dict[int, int]:
    """The version of each claim the confirmation page showed (`version-<id>`), where sent."""
    versions = {}
    for claim in claims:
        value = request.POST.get(f"version-{claim.pk}", "")
        if value.isdigit() and len(value) < 10:
            versions[claim.pk] = int(value)
    return versions
