"""The source registry: every source with its claims counted, a source's page with its claims
and reliability history, and the reviewer's forms to re-grade and merge."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import DetailView
from django_filters.views import FilterView

from claims import selectors
from claims.filters import search_terms
from claims.views.merging import merge_in_two_steps
from project import roles
from project.lists import query_without
from project.responses import messages_of, refuse
from project.sorting import SortableListMixin
from sources import selectors as source_selectors
from sources import services as source_services
from sources.filters import SourceFilter
from sources.forms import SourceCreateForm, SourceMergeForm, SourceReliabilityForm
from sources.history import reliability_changes
from sources.models import Reliability, Source


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add_source"] = roles.can_add_source(self.request.user)
        return context


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
            query_without_page=query_without(request),
            reliability_changes=reliability_changes(source),
            can_grade=roles.can_grade_source(request.user),
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


@require_http_methods(["GET", "HEAD", "POST"])
def source_create(request: HttpRequest) -> HttpResponse:
    """Add a source. A name close to existing ones first shows them ("Did you mean…"), each
    to use instead, and a button to add the new one anyway."""
    if not roles.can_add_source(request.user):
        return refuse(request, PermissionDenied(_("Only analysts and reviewers can add sources.")))
    form = SourceCreateForm(request.POST or None)
    similar = []
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ("name", "kind", "reliability")}
        fields["description"] = form.cleaned_data["description"]
        if not form.cleaned_data["confirmed"]:
            similar = source_selectors.similar_sources(fields["name"])
        if not similar:
            try:
                source = source_services.source_create(user=request.user, **fields)
            except PermissionDenied as error:
                return refuse(request, error)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Source “%(name)s” added.") % {"name": source.name})
                return redirect(source)
    return render(request, "claims/source_create.html", {"form": form, "similar": similar})


def _form_errors(form, error: ValidationError) -> None:
    """Put a refused create's messages on the form's fields (or on the whole form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


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
        source_services.source_update(
            source=source, user=request.user, reliability=form.cleaned_data["reliability"]
        )
    except PermissionDenied as error:
        return refuse(request, error)
    except ValidationError as error:
        messages.error(request, messages_of(error))
        return redirect(source)
    messages.success(
        request,
        _("Reliability changed from %(old)s to %(new)s.")
        % {"old": old, "new": source.get_reliability_display()},
    )
    return redirect(source)


@require_POST
def source_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Fold duplicate sources into this one: the first post shows what will move, the second
    (with `confirmed`) moves their claims here and deletes them; history keeps them."""
    target = get_object_or_404(Source, pk=pk)
    if not roles.can_grade_source(request.user):
        return refuse(request, PermissionDenied("Only reviewers can merge sources."))
    return merge_in_two_steps(
        request,
        target=target,
        form=SourceMergeForm(request.POST, target=target),
        counted=selectors.source_registry(),
        confirm_template="claims/source_merge_confirm.html",
        merge=lambda duplicates: source_services.source_merge(
            target=target, duplicates=duplicates, user=request.user
        ),
    )
