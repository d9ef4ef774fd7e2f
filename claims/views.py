"""Claim, review, source, contradiction and dashboard pages: thin views over selectors and
services. Every action asks `claims.permissions` (through the services) on the server; the
templates only hide what a role cannot use."""

import datetime
from collections import defaultdict
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from articles.models import Article
from claims import charts, permissions, selectors, services
from claims.aggregates import AggregateCache, query_key
from claims.filters import ClaimFilter, ContradictionFilter, SourceFilter, search_terms
from claims.forms import (
    BulkApproveForm,
    LinkDecisionForm,
    ReviewForm,
    SourceMergeForm,
    SourceReliabilityForm,
)
from claims.history import claim_history, reliability_changes
from claims.models import (
    Claim,
    ClaimLink,
    ClaimStatus,
    LinkKind,
    LinkStatus,
    Reliability,
    Source,
)
from claims.passages import passage_from_annotations, passage_in_text
from project.sorting import SortableListMixin

#: The export issue's partial; the claim list shows its buttons once it exists.
EXPORT_BUTTONS_TEMPLATE = "exports/_export_buttons.html"


# --- Shared pieces -----------------------------------------------------------------------------


def _wants_json(request: HttpRequest) -> bool:
    """The review script asks for JSON; a plain form post gets a page."""
    return request.headers.get("Accept", "").startswith("application/json")


def _refuse(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    """Answer a refused action with 403 and a sentence saying why (a page, or JSON)."""
    message = str(error) or "You are not allowed to do that."
    if _wants_json(request):
        return JsonResponse({"message": message}, status=403)
    return render(request, "claims/forbidden.html", {"message": message}, status=403)


def _next_url(request: HttpRequest, fallback: str) -> str:
    """Where to go after a form: the page's own `next` when it is on this site."""
    next_url = request.POST.get("next", "")
    # A path on this site only: anything else ("abc") would be taken for a view name.
    on_this_site = url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})
    if on_this_site and next_url.startswith("/") and not next_url.startswith("//"):
        return next_url
    return fallback


def _messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in (*names, "page"):
        query.pop(name, None)
    return query.urlencode()


def _active_filters(
    request: HttpRequest, filterset, names: dict[str, str] | None = None
) -> list[tuple[str, str, str]]:
    """(label, value, link that removes it) for each filter in use, for the chips above a list.
    Reads the values the form already cleaned; `names` shows a name instead of an id."""
    form = filterset.form
    if not form.is_valid():
        return []
    chips = []
    for name, value in form.cleaned_data.items():
        if value in (None, "", [], ()):
            continue
        field = form.fields[name]
        if names and name in names:
            shown = names[name]
        elif hasattr(field, "choices") and not hasattr(field, "queryset"):
            shown = dict(field.choices).get(value, dict(field.choices).get(str(value), value))
        elif isinstance(value, bool):
            shown = "yes" if value else "no"
        elif isinstance(value, datetime.date):
            shown = dateformat.format(value, "j M Y")
        else:
            shown = str(value)
        query = _query_without(request, name)
        label = filterset.filters[name].label or name.replace("_", " ").capitalize()
        chips.append((str(label), str(shown), f"?{query}" if query else "?"))
    return chips


def _export_buttons_available() -> bool:
    try:
        get_template(EXPORT_BUTTONS_TEMPLATE)
    except TemplateDoesNotExist:
        return False
    return True


def _link_pairs(claim: Claim) -> list[tuple[ClaimLink, Claim]]:
    """(link, the claim at its other end) for the live links prefetched by
    `selectors.claims_with_live_links`."""
    pairs = [(link, link.claim_b) for link in claim.live_links_as_a]
    pairs += [(link, link.claim_a) for link in claim.live_links_as_b]
    return sorted(pairs, key=lambda pair: (pair[0].kind, -pair[0].pk))


class CountedPaginator(Paginator):
    """A paginator whose total comes from `count_of`, a cheaper query than the page's own
    (the same rows without the joins and annotations only the shown rows need)."""

    def __init__(self, object_list, per_page, *, count_of: QuerySet, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_of = count_of

    @cached_property
    def count(self) -> int:
        return self.count_of.count()


def _filtered(filterset, queryset: QuerySet) -> QuerySet:
    """`queryset` narrowed as `filterset` narrows its own: untouched when no filter was sent,
    empty when the filter could not be read."""
    if not filterset.is_bound:
        return queryset
    if not filterset.is_valid():
        return queryset.none()
    return filterset.filter_queryset(queryset)


# --- Claims ------------------------------------------------------------------------------------


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
        "reliability": "source__reliability",
        "status": "status",
    }
    default_sort = "-created"

    def get_queryset(self):
        return self.sort(selectors.claim_list())

    def sort(self, queryset):
        """Every sortable column of a claim is required, so the order needs no NULLS LAST,
        which would keep PostgreSQL from reading the newest claims off an index."""
        key = self.current_sort()
        field = self.sortable[key.lstrip("-")]
        return queryset.order_by(f"-{field}" if key.startswith("-") else field, "-pk")

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
        context["active_filters"] = _active_filters(self.request, filterset)
        # Plain (value, label) pairs: a few hundred options render quickly without widgets.
        context["source_choices"] = [
            (str(pk), name)
            for pk, name in Source.objects.order_by("name").values_list("pk", "name")
        ]
        wrote = Claim.objects.filter(created_by=OuterRef("pk"))
        context["author_choices"] = [
            (str(pk), username)
            for pk, username in get_user_model()
            .objects.filter(Exists(wrote))
            .order_by("username")
            .values_list("pk", "username")
        ]
        context["selected"] = {name: filterset.data.get(name, "") for name in filterset.filters}
        context["export_enabled"] = _export_buttons_available()
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
            link.can_decide = permissions.can_decide_link(user, created_by_id=link.created_by_id)
            links.append((link, link.other(claim)))
        context["links"] = links
        context["history"], context["review_notes"] = claim_history(claim)
        context["can_review"] = (
            permissions.can_review_claim(user, claim) and claim.status == ClaimStatus.SUBMITTED
        )
        context["own_submitted"] = (
            claim.created_by_id == user.pk and claim.status == ClaimStatus.SUBMITTED
        )
        context["review_form"] = ReviewForm()
        return context


# --- Review ------------------------------------------------------------------------------------


class ReviewerOnlyMixin:
    """The page is for reviewers (and staff); others get a 403 page that says so."""

    refusal = "This page is for reviewers."

    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_reviewer(request.user):
            return _refuse(request, PermissionDenied(self.refusal))
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
        # Count the queued claims alone, without the article join the quotes' context needs.
        queued = selectors.claim_list().filter(status=ClaimStatus.SUBMITTED)
        return CountedPaginator(
            queryset, per_page, count_of=_filtered(self.filterset, queued), **kwargs
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claims = list(context["object_list"])
        here = self.request.get_full_path()
        for index, claim in enumerate(claims):
            claim.passage = passage_from_annotations(claim)
            claim.link_pairs = _link_pairs(claim)
            claim.can_review = permissions.can_review_claim(self.request.user, claim)
            # Without the script, a decision reloads the queue at the next claim.
            following = claims[index + 1] if index + 1 < len(claims) else None
            claim.after_review_url = f"{here}#claim-{following.pk}" if following else here
        context["object_list"] = claims
        context["active_filters"] = _active_filters(self.request, context["filter"])
        context["review_form"] = ReviewForm()
        return context


@require_POST
def claim_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or reject one claim from the review queue or the claim page. The review script
    posts the same form asking for JSON, to move on without reloading."""
    claim = get_object_or_404(Claim, pk=pk)
    form = ReviewForm(request.POST)
    next_url = _next_url(request, claim.get_absolute_url())
    if not form.is_valid():
        message = "Choose approve or reject."
        if _wants_json(request):
            return JsonResponse({"message": message}, status=400)
        messages.error(request, message)
        return redirect(next_url)
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    try:
        if decision == "approve":
            claim = services.claim_approve(claim=claim, reviewer=request.user, note=note)
        else:
            claim = services.claim_reject(claim=claim, reviewer=request.user, note=note)
    except PermissionDenied as error:
        return _refuse(request, error)
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"message": _messages_of(error)}, status=400)
        messages.error(request, _messages_of(error))
        return redirect(next_url)
    message = f"Claim {claim.pk} {decision}d."
    if _wants_json(request):
        return JsonResponse({"message": message, "status": claim.status, "claim": claim.pk})
    messages.success(request, message)
    return redirect(next_url)


@require_POST
def review_bulk_approve(request: HttpRequest) -> HttpResponse:
    """Approve several queued claims: the first post shows what will be approved, the second
    (with `confirmed`) approves them all or none."""
    if not permissions.is_reviewer(request.user):
        return _refuse(request, PermissionDenied("Only reviewers can approve claims."))
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
        reviewable = [c for c in claims if permissions.can_review_claim(request.user, c)]
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
            claims=chosen, reviewer=request.user, note=form.cleaned_data["note"]
        )
    except PermissionDenied as error:
        return _refuse(request, error)
    except ValidationError as error:
        messages.error(request, _messages_of(error))
        return redirect(queue)
    messages.success(request, f"{len(approved)} claim{'s' if len(approved) != 1 else ''} approved.")
    return redirect(queue)


# --- Contradictions ----------------------------------------------------------------------------


def _contradictions_per_tag(
    aggregates: AggregateCache, links: QuerySet[ClaimLink]
) -> list[tuple[str, int]]:
    # Keyed without the order, which does not change the counts: the dashboard and the
    # unfiltered board share one entry whatever order each one's queryset carries.
    return aggregates.get(
        "contradictions_per_tag",
        lambda: selectors.contradictions_per_tag(links),
        query_key(links.order_by()),
    )


def _group_key(link: ClaimLink, tag: str) -> str:
    """The tag a pair is shown under: the one filtered on, else the first tag both claims
    share, else the first of either; untagged pairs come last."""
    if tag:
        return tag
    tags_a = {t.name for t in link.claim_a.tags.all()}
    tags_b = {t.name for t in link.claim_b.tags.all()}
    shared = sorted(tags_a & tags_b)
    either = sorted(tags_a | tags_b)
    return (shared or either or [""])[0]


def _names_of_filtered(cleaned: dict) -> dict[str, str]:
    """Titles and names for the article and source ids a contradiction filter uses (a query
    only for the filters in use)."""
    names = {}
    article_ids = {cleaned.get("article"), cleaned.get("other_article")} - {None}
    if article_ids:
        titles = dict(Article.objects.filter(pk__in=article_ids).values_list("pk", "title"))
        for name in ("article", "other_article"):
            if cleaned.get(name) is not None:
                names[name] = titles.get(cleaned[name], f"#{cleaned[name]} (not found)")
    if cleaned.get("source") is not None:
        found = Source.objects.filter(pk=cleaned["source"]).values_list("name", flat=True)
        names["source"] = found.first() or f"#{cleaned['source']} (not found)"
    return names


class ContradictionBoardView(FilterView):
    """Every "contradicts" link as a side-by-side pair, grouped by tag, filtered by status."""

    template_name = "claims/contradiction_board.html"
    filterset_class = ContradictionFilter
    paginate_by = 25

    def get_queryset(self):
        return selectors.contradiction_board()

    def get_paginator(self, queryset, per_page, **kwargs):
        # Count the filtered links alone, without the joins the page's quotes need.
        return CountedPaginator(
            queryset,
            per_page,
            count_of=_filtered(self.filterset, selectors.contradictions()),
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset, user = context["filter"], self.request.user
        cleaned = filterset.form.cleaned_data if filterset.form.is_valid() else {}
        tag = cleaned.get("tag") or ""
        groups: dict[str, list[ClaimLink]] = defaultdict(list)
        for link in context["object_list"]:
            link.a_passage = passage_from_annotations(link.claim_a, prefix="a", annotated=link)
            link.b_passage = passage_from_annotations(link.claim_b, prefix="b", annotated=link)
            link.can_decide = permissions.can_decide_link(user, created_by_id=link.created_by_id)
            groups[_group_key(link, tag)].append(link)
        context["groups"] = sorted(groups.items(), key=lambda item: (item[0] == "", item[0]))
        # The tag navigation counts the pairs every other filter in use keeps.
        untagged_query = self.request.GET.copy()
        untagged_query.pop("tag", None)
        other_filters = ContradictionFilter(untagged_query, queryset=selectors.contradictions())
        context["tag_counts"] = (
            _contradictions_per_tag(AggregateCache(), other_filters.qs)
            if other_filters.is_valid()
            else []
        )
        context["active_filters"] = _active_filters(
            self.request, filterset, _names_of_filtered(cleaned)
        )
        context["query_without_tag"] = _query_without(self.request, "tag")
        context["statuses"] = LinkStatus.choices
        context["current_status"] = cleaned.get("status") or ""
        context["query_without_status"] = _query_without(self.request, "status")
        return context


class ContradictionMatrixView(TemplateView):
    """Articles × articles: how many contradictions join each pair, each cell a link to them."""

    template_name = "claims/contradiction_matrix.html"
    size = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = ContradictionFilter(self.request.GET, queryset=selectors.contradictions())
        links = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        matrix = AggregateCache().get(
            "contradiction_matrix",
            lambda: selectors.contradiction_matrix(links, size=self.size),
            query_key(links),
            self.size,
        )
        largest = max(matrix.counts.values(), default=0)
        board = reverse("claims:board")
        base = {k: v for k, v in self.request.GET.items() if k in ("status", "tag") and v}
        rows = []
        for row_article in matrix.articles:
            cells = []
            for column_article in matrix.articles:
                n = matrix.count(row_article.pk, column_article.pk)
                query = {**base, "article": row_article.pk, "other_article": column_article.pk}
                cells.append(
                    {
                        "article": column_article,
                        "n": n,
                        "href": f"{board}?{urlencode(query)}",
                        "level": 0 if not n else 1 + min(4, int(5 * n / (largest + 1))),
                    }
                )
            rows.append((row_article, cells))
        context.update(
            filter=filterset,
            matrix=matrix,
            rows=rows,
            statuses=LinkStatus.choices,
            current_status=self.request.GET.get("status", ""),
            query_without_status=_query_without(self.request, "status"),
            active_filters=_active_filters(
                self.request, filterset, _names_of_filtered(filterset.form.cleaned_data)
            ),
        )
        return context


@require_POST
def link_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm or dismiss a link (reviewers, not on links they proposed)."""
    link = get_object_or_404(selectors.link_list(), pk=pk)
    next_url = _next_url(request, reverse("claims:board"))
    form = LinkDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["status"]))
        return redirect(next_url)
    try:
        services.link_set_status(link=link, status=form.cleaned_data["status"], user=request.user)
    except PermissionDenied as error:
        return _refuse(request, error)
    except ValidationError as error:
        messages.error(request, _messages_of(error))
        return redirect(next_url)
    messages.success(request, f"Link {link.pk} is now {link.get_status_display().lower()}.")
    return redirect(next_url)


# --- Sources -----------------------------------------------------------------------------------


class SourceListView(SortableListMixin, FilterView):
    """The source registry: kind, reliability, claims by status, contradictions."""

    template_name = "claims/source_list.html"
    filterset_class = SourceFilter
    paginate_by = 50
    sortable = {
        "name": "name",
        "kind": "kind",
        "reliability": "reliability",
        "claims": "claim_count",
        "contradictions": "contradiction_count",
    }
    default_sort = "name"

    def get_queryset(self):
        return self.sort(selectors.source_registry())


class SourceDetailView(DetailView):
    """A source, its claims across articles (paged), its reliability history, and for
    reviewers the forms to change its reliability and merge duplicates into it."""

    template_name = "claims/source_detail.html"
    context_object_name = "source"
    paginate_by = 50
    merge_candidates = 20

    def get_queryset(self):
        return selectors.source_registry()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        source, request = self.object, self.request
        claims = selectors.claim_list().filter(source=source).order_by("-created_at", "-pk")
        page = Paginator(claims, self.paginate_by).get_page(request.GET.get("page"))
        context.update(
            claims=page.object_list,
            page_obj=page,
            is_paginated=page.has_other_pages(),
            query_without_page=_query_without(request),
            reliability_changes=reliability_changes(source),
            can_grade=permissions.can_grade_source(request.user),
        )
        if context["can_grade"]:
            context["reliability_form"] = SourceReliabilityForm(
                initial={"reliability": source.reliability}
            )
            context["reliability_choices"] = Reliability.choices
            merge_query = search_terms(request.GET.get("merge_q"))
            context["merge_query"] = merge_query
            if merge_query:
                context["merge_candidates"] = list(
                    selectors.source_list()
                    .filter(name__icontains=merge_query)
                    .exclude(pk=source.pk)
                    .order_by("name")[: self.merge_candidates]
                )
        return context


@require_POST
def source_set_reliability(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer changes a source's reliability; history keeps the old value and who did it."""
    source = get_object_or_404(Source, pk=pk)
    form = SourceReliabilityForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reliability"]))
        return redirect(source)
    old = source.get_reliability_display()
    try:
        services.source_update(
            source=source, user=request.user, reliability=form.cleaned_data["reliability"]
        )
    except PermissionDenied as error:
        return _refuse(request, error)
    except ValidationError as error:
        messages.error(request, _messages_of(error))
        return redirect(source)
    messages.success(
        request, f"Reliability changed from {old} to {source.get_reliability_display()}."
    )
    return redirect(source)


@require_POST
def source_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Fold duplicate sources into this one: the first post shows what will move, the second
    (with `confirmed`) moves their claims here and deletes them; history keeps them."""
    target = get_object_or_404(Source, pk=pk)
    if not permissions.can_grade_source(request.user):
        return _refuse(request, PermissionDenied("Only reviewers can merge sources."))
    form = SourceMergeForm(request.POST, target=target)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(target)
    duplicates = list(form.cleaned_data["duplicates"])
    if not form.cleaned_data["confirmed"]:
        registry = selectors.source_registry()
        return render(
            request,
            "claims/source_merge_confirm.html",
            {
                "target": registry.get(pk=target.pk),
                "duplicates": list(
                    registry.filter(pk__in=[d.pk for d in duplicates]).order_by("name")
                ),
            },
        )
    try:
        services.source_merge(target=target, duplicates=duplicates, user=request.user)
    except PermissionDenied as error:
        return _refuse(request, error)
    except ValidationError as error:
        messages.error(request, _messages_of(error))
        return redirect(target)
    names = ", ".join(f"“{duplicate.name}”" for duplicate in duplicates)
    messages.success(request, f"Merged {names} into “{target.name}”.")
    return redirect(target)


# --- Dashboard ---------------------------------------------------------------------------------


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
        counts = aggregates.get("claim_counts", selectors.claim_counts)
        totals = aggregates.get("evidence_totals", selectors.evidence_totals)
        tag_counts = _contradictions_per_tag(aggregates, selectors.contradictions())

        this_week = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
        weeks = [
            this_week - datetime.timedelta(weeks=back)
            for back in range(self.activity_weeks - 1, -1, -1)
        ]
        since = timezone.make_aware(datetime.datetime.combine(weeks[0], datetime.time.min))

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
                aggregates.get(
                    "claims_per_author_and_week",
                    lambda: selectors.claims_per_author_and_week(since=since),
                    since,
                ),
                weeks=weeks,
                href=lambda user_id: f"{claims_url}?created_by={user_id}",
                chart_id="chart-activity",
            ),
        )
        return context
