"""Claim, review, source and dashboard pages: thin views over selectors and services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from articles.models import Article
from claims import permissions, selectors, services
from claims.filters import ClaimFilter, SourceFilter
from claims.forms import ReviewForm
from claims.models import Claim, ClaimStatus, LinkKind, Source
from project.sorting import SortableListMixin


class ClaimListView(SortableListMixin, FilterView):
    template_name = "claims/claim_list.html"
    filterset_class = ClaimFilter
    paginate_by = 50
    sortable = {
        "created": "created_at",
        "article": "article__title",
        "source": "source__name",
        "credibility": "credibility",
        "reliability": "source__reliability",
        "status": "status",
    }
    default_sort = "-created"

    def get_queryset(self):
        return self.sort(selectors.claim_list())


class ClaimDetailView(DetailView):
    template_name = "claims/claim_detail.html"
    context_object_name = "claim"

    def get_queryset(self):
        return selectors.claim_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claim = self.object
        text = claim.article.text
        context["before"] = text[max(0, claim.start - 300) : claim.start]
        context["after"] = text[claim.end : claim.end + 300]
        context["links"] = [
            (link, link.other(claim)) for link in selectors.links_for_claims([claim.pk])
        ]
        context["history"] = claim.history.select_related("history_user").order_by("-history_date")[
            :50
        ]
        context["can_review"] = (
            permissions.can_review_claim(self.request.user, claim)
            and claim.status == ClaimStatus.SUBMITTED
        )
        context["review_form"] = ReviewForm()
        return context


class ReviewQueueView(FilterView):
    """Submitted claims, oldest first, for reviewers."""

    template_name = "claims/review_queue.html"
    filterset_class = ClaimFilter
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_reviewer(request.user):
            raise PermissionDenied("The review queue is for reviewers.")
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            selectors.claim_list().filter(status=ClaimStatus.SUBMITTED).order_by("created_at", "id")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["review_form"] = ReviewForm()
        return context


@require_POST
def claim_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or reject one claim from the review queue or the claim page."""
    claim = get_object_or_404(Claim, pk=pk)
    form = ReviewForm(request.POST)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = claim.get_absolute_url()
    if not form.is_valid():
        messages.error(request, "Choose approve or reject.")
        return redirect(next_url)
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    try:
        if decision == "approve":
            services.claim_approve(claim=claim, reviewer=request.user, note=note)
        else:
            services.claim_reject(claim=claim, reviewer=request.user, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Claim {claim.pk} {decision}d.")
    return redirect(next_url)


class SourceListView(SortableListMixin, FilterView):
    template_name = "claims/source_list.html"
    filterset_class = SourceFilter
    paginate_by = 50
    sortable = {
        "name": "name",
        "kind": "kind",
        "reliability": "reliability",
        "claims": "claim_count",
    }
    default_sort = "name"

    def get_queryset(self):
        return self.sort(selectors.source_list())


class SourceDetailView(DetailView):
    template_name = "claims/source_detail.html"
    context_object_name = "source"

    def get_queryset(self):
        return selectors.source_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["claims"] = (
            selectors.claim_list().filter(source=self.object).order_by("-created_at")[:200]
        )
        return context


class DashboardView(TemplateView):
    """Totals of the evidence base, from aggregate queries only."""

    template_name = "claims/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_status = dict(Claim.objects.values_list("status").annotate(n=Count("id")).order_by())
        context["status_counts"] = [
            (status, label, by_status.get(status, 0)) for status, label in ClaimStatus.choices
        ]
        context["claim_total"] = sum(by_status.values())
        context["article_total"] = Article.objects.count()
        context["source_total"] = Source.objects.count()
        links = dict(selectors.link_list().values_list("kind").annotate(n=Count("id")).order_by())
        context["contradiction_total"] = links.get(LinkKind.CONTRADICTS, 0)
        context["corroboration_total"] = links.get(LinkKind.CORROBORATES, 0)
        context["recent_links"] = selectors.link_list().filter(kind=LinkKind.CONTRADICTS)[:10]
        return context
