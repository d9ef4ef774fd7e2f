"""The claim list and a claim's own page."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import DetailView
from django_filters.views import FilterView

from claims import search, selectors, statistics
from claims.filters import ClaimFilter
from claims.forms import (
    ReviewForm,
)
from claims.history import claim_history
from claims.models import Claim, ClaimStatus, graded_reliability_expression
from claims.panels import CLAIM_SECTIONS, render_sections
from claims.passages import passage_in_text
from claims.views.contradictions import decorate_link
from project import roles
from project.lists import CappedPaginator, UncountedPaginator, active_filters, filters_in_use
from project.sorting import SortableListMixin
from sources.models import Source

#: Filters whose matches are counted only when asked (ADR 0014): counting a thousand of them
#: costs several times the page at a million claims (a text search tests every quote, "in a
#: contradiction" probes the links of every claim it counts).
UNCOUNTED_FILTERS = frozenset({"q", "in_contradiction"})


class ClaimListView(SortableListMixin, FilterView):
    """Every live claim, filtered by the API's FilterSet; the filter lives in the URL."""

    template_name = "claims/claim_list.html"
    filterset_class = ClaimFilter
    paginate_by = 50
    sortable = {
        "created": "created_at",
        "article": "article__title",
        "source": "source__name",
        "credibility": "credibility",
        "reliability": "reliability_graded",
        "status": "status",
    }
    default_sort = "-created"
    #: Exact counts from the tallies where they can tell, else "1,000+" (ADR 0014).
    paginator_class = CappedPaginator

    def get_queryset(self):
        claims = selectors.claim_list()
        if self.current_sort().lstrip("-") == "reliability":
            claims = claims.annotate(reliability_graded=graded_reliability_expression())
        return self.sort(claims)

    def sort(self, queryset):
        """Every sortable column of a claim is required, so the order needs no NULLS LAST,
        which would keep PostgreSQL from reading the newest claims off an index."""
        key = self.current_sort()
        field = self.sortable[key.lstrip("-")]
        return queryset.order_by(f"-{field}" if key.startswith("-") else field, "-pk")

    def get_paginator(self, queryset, per_page, **kwargs):
        filters = filters_in_use(self.filterset)
        if filters and not UNCOUNTED_FILTERS.isdisjoint(filters):
            if self.request.GET.get("count") == "all":  # asked for: counted to the last
                return super().get_paginator(
                    queryset, per_page, exact_count=queryset.count(), **kwargs
                )
            return UncountedPaginator(self._page_reader(queryset, filters), per_page, **kwargs)
        exact = statistics.tallied_claim_count(filters)
        return super().get_paginator(queryset, per_page, exact_count=exact, **kwargs)

    def _page_reader(self, ids, filters: dict):
        """How an uncounted list reads a page of ids: a search newest first by a walk where it
        can (`claims.search`), else by the sorted query."""
        if "q" in filters and self.current_sort() == self.default_sort:
            return lambda offset, limit: search.newest_ids(ids, offset=offset, limit=limit)
        return lambda offset, limit: list(ids[offset : offset + limit])

    def paginate_queryset(self, queryset, page_size):
        """Page through the matching claims' ids, then load only the shown claims with their
        joins: a deep page, or a filter that needs DISTINCT (tags), then sorts narrow rows
        instead of every matching claim with its article, source and people."""
        ids = queryset.prefetch_related(None).values_list("pk", flat=True)
        paginator, page, page_ids, is_paginated = super().paginate_queryset(ids, page_size)
        page_ids = list(page_ids)
        shown = {claim.pk: claim for claim in selectors.claim_list().filter(pk__in=page_ids)}
        page.object_list = [shown[pk] for pk in page_ids]
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = context["filter"]
        context["active_filters"] = active_filters(self.request, filterset)
        # Plain (value, label) pairs: a few hundred options render quickly without widgets.
        context["source_choices"] = [
            (str(pk), name)
            for pk, name in Source.objects.order_by("name").values_list("pk", "name")
        ]
        wrote = Claim.objects.filter(created_by=OuterRef("pk"))
        # Authors by username, as the API names them: the filter takes either.
        context["author_choices"] = [
            (username, username)
            for username in get_user_model()
            .objects.filter(Exists(wrote))
            .order_by("username")
            .values_list("username", flat=True)
        ]
        context["selected"] = {name: filterset.data.get(name, "") for name in filterset.filters}
        return context


class ClaimDetailView(DetailView):
    """A claim in its context, its grade, links both ways, review notes and full history."""

    template_name = "claims/claim_detail.html"
    context_object_name = "claim"

    def get_queryset(self):
        return selectors.claim_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claim, user = self.object, self.request.user
        context["passage"] = passage_in_text(claim.article.text, claim.start, claim.end)
        links = []
        for link in selectors.links_for_claims([claim.pk]):
            decorate_link(link, user)
            links.append((link, link.other(claim)))
        context["links"] = links
        context["history"], context["review_notes"] = claim_history(claim)
        context["can_review"] = (
            roles.can_review_claim(user, claim) and claim.status == ClaimStatus.SUBMITTED
        )
        context["own_submitted"] = (
            roles.is_author(user, claim) and claim.status == ClaimStatus.SUBMITTED
        )
        context["can_withdraw"] = context["own_submitted"] and roles.can_withdraw_claim(user, claim)
        context["withdraw_url"] = reverse(
            "claims:claim-withdraw", args=[claim.article_id, claim.pk]
        )
        context["review_form"] = ReviewForm()
        context["sections"] = render_sections(CLAIM_SECTIONS, self.request, claim)
        return context


@require_safe
def claim_by_uuid(request, uuid):
    """A claim named by its uuid (the `urn:uuid:` of its Web Annotation, the same in every
    export from any instance): its page here."""
    claim = get_object_or_404(Claim.objects.only("pk"), uuid=uuid)
    return redirect(claim)
