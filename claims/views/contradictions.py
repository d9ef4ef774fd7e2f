"""The contradiction board, the articles × articles matrix, and decisions on links."""

from collections import defaultdict
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django_filters.views import FilterView

from articles.models import Article
from claims import selectors, services, statistics
from claims.aggregates import AggregateCache, query_key
from claims.filters import ContradictionFilter
from claims.forms import (
    LinkDecisionForm,
)
from claims.models import ClaimLink, LinkStatus
from claims.panels import BOARD_SECTIONS, render_sections
from claims.passages import passage_from_annotations
from project import roles
from project.errors import Conflict
from project.lists import (
    CountedPaginator,
    active_filters,
    filtered,
    filters_in_use,
    query_without,
)
from project.responses import messages_of, refuse, safe_next_url, wants_json
from sources.models import Source


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


def _names_offiltered(cleaned: dict) -> dict[str, str]:
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


def _tag_counts(filterset: ContradictionFilter) -> list[tuple[str, int]]:
    """Pairs per tag among the links `filterset` keeps: from the link tallies when it filters
    by status alone (or not at all), else counted over the links it keeps (cached)."""
    cleaned = filters_in_use(filterset)
    if cleaned is None:
        return []
    if set(cleaned) <= {"status"}:
        return statistics.tallied_contradictions_per_tag(cleaned.get("status", ""))
    return AggregateCache().contradictions_per_tag(filterset.qs)


class ContradictionBoardView(FilterView):
    """Every "contradicts" link as a side-by-side pair, grouped by tag, filtered by status."""

    template_name = "claims/contradiction_board.html"
    filterset_class = ContradictionFilter
    paginate_by = 25

    def get_queryset(self):
        return selectors.contradiction_board()

    def get_paginator(self, queryset, per_page, **kwargs):
        # Count the filtered links alone, without the joins the page's quotes need; filtered
        # by status and tag at most, the link tallies know the count (ADR 0012).
        cleaned = filters_in_use(self.filterset)
        exact = None
        if cleaned is not None and set(cleaned) <= {"status", "tag"}:
            exact = statistics.tallied_contradiction_count(
                status=cleaned.get("status", ""), tag=cleaned.get("tag", "")
            )
        return CountedPaginator(
            queryset,
            per_page,
            count_of=filtered(self.filterset, selectors.contradictions()),
            exact_count=exact,
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
            decorate_link(link, user)
            groups[_group_key(link, tag)].append(link)
        context["groups"] = sorted(groups.items(), key=lambda item: (item[0] == "", item[0]))
        # The tag navigation counts the pairs every other filter in use keeps.
        untagged_query = self.request.GET.copy()
        untagged_query.pop("tag", None)
        other_filters = ContradictionFilter(untagged_query, queryset=selectors.contradictions())
        context["tag_counts"] = _tag_counts(other_filters)
        context["active_filters"] = active_filters(
            self.request, filterset, _names_offiltered(cleaned)
        )
        context["query_without_tag"] = query_without(self.request, "tag")
        context["statuses"] = LinkStatus.choices
        context["current_status"] = cleaned.get("status") or ""
        context["query_without_status"] = query_without(self.request, "status")
        context["sections"] = render_sections(BOARD_SECTIONS, self.request)
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
            lambda: statistics.contradiction_matrix(links, size=self.size),
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
            query_without_status=query_without(self.request, "status"),
            active_filters=active_filters(
                self.request, filterset, _names_offiltered(filterset.form.cleaned_data)
            ),
        )
        return context


def decorate_link(link: ClaimLink, user) -> ClaimLink:
    """Set what a link's row shows for `user`: whether they may decide it, and why it cannot
    be confirmed ("" when it can)."""
    link.can_decide = roles.can_decide_link(user, link)
    link.confirm_refusal = services.link_confirm_refusal(link.claim_a, link.claim_b)
    return link


def _decision_answer(
    request: HttpRequest, link: ClaimLink, next_url: str, message: str, *, code: int = 200
) -> HttpResponse:
    """After a decision (made or refused): for the page script, JSON with the link as it now
    is and its decision form re-rendered; for a plain post, a message and the way back."""
    if not wants_json(request):
        (messages.success if code == 200 else messages.error)(request, message)
        return redirect(next_url)
    link = decorate_link(selectors.link_with_both_ends().get(pk=link.pk), request.user)
    anchor = request.POST.get("anchor", "")
    form_html = render_to_string(
        "claims/_link_decision.html",
        {"link": link, "anchor": anchor, "next_url": request.POST.get("next", "")},
        request=request,
    )
    return JsonResponse(
        {
            "message": message,
            "link": link.pk,
            "status": link.status,
            "status_label": link.get_status_display(),
            "version": link.version,
            "decided_by": link.decided_by.get_username() if link.decided_by else None,
            "confirm_refusal": link.confirm_refusal,
            "decision_html": form_html,
        },
        status=code,
    )


@require_POST
def link_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm or dismiss a link (reviewers, not on links they proposed) from the board, the
    review queue or a claim's page. A plain post goes back to the pair's place on the page
    (`#link-41`, or the form's `anchor`), never the top; the page script asks for JSON and
    updates the pair in place."""
    link = get_object_or_404(selectors.link_with_both_ends(), pk=pk)
    anchor = request.POST.get("anchor") or f"link-{link.pk}"
    next_url = safe_next_url(request, reverse("claims:board"), anchor=anchor)
    form = LinkDecisionForm(request.POST)
    if not form.is_valid():
        message = " ".join(error for errors in form.errors.values() for error in errors)
        return _decision_answer(request, link, next_url, message, code=400)
    try:
        link = services.link_set_status(
            link=link,
            status=form.cleaned_data["status"],
            user=request.user,
            version=form.cleaned_data["version"],
            claim_versions=(
                form.cleaned_data["claim_a_version"],
                form.cleaned_data["claim_b_version"],
            ),
        )
    except PermissionDenied as error:
        return refuse(request, error)
    except Conflict as error:
        if error.code == "claim_changed" and wants_json(request):
            # No fresh form: it would carry the claim's new version under the old passage, and
            # a second press would decide on words not seen. The page is read again first.
            return JsonResponse({"message": messages_of(error)}, status=409)
        return _decision_answer(request, link, next_url, messages_of(error), code=409)
    except ValidationError as error:
        return _decision_answer(request, link, next_url, messages_of(error), code=400)
    message = _("Link %(link)s is now %(status)s.") % {
        "link": link.pk,
        "status": link.get_status_display().lower(),
    }
    return _decision_answer(request, link, next_url, message)
