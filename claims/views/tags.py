"""The tags claims carry: every tag with its claims and contradictions counted, a tag's page,
and the reviewer's forms to rename it and to merge duplicates into it (the same service as the
API and the admin: `claims.services.tag_curation`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from claims import services, statistics
from claims.filters import search_terms
from claims.forms import TagMergeForm, TagRenameForm
from claims.models import Tag
from claims.views.merging import merge_in_two_steps
from project import roles
from project.responses import messages_of, refuse
from project.sorting import SortableListMixin


def _counted():
    """Tags with their live claims counted."""
    return Tag.objects.annotate(
        claim_count=Count("claims", filter=Q(claims__deleted_at__isnull=True))
    )


def _with_contradictions(tags: list[Tag]) -> list[Tag]:
    """`tags`, each with `contradiction_count`: the contradictions touching a claim it tags,
    from the link tallies (one query, whatever the links)."""
    per_tag = dict(statistics.tallied_contradictions_per_tag())
    for tag in tags:
        tag.contradiction_count = per_tag.get(tag.name, 0)
    return tags


class TagListView(SortableListMixin, ListView):
    """Every tag, searchable by name, sorted by name or by how many claims carry it."""

    template_name = "claims/tag_list.html"
    context_object_name = "tags"
    paginate_by = 100
    sortable = {"name": "name", "claims": "claim_count"}
    default_sort = "name"

    def get_queryset(self):
        tags = _counted()
        self.query = search_terms(self.request.GET.get("q"))
        if self.query:
            tags = tags.filter(name__icontains=self.query)
        return self.sort(tags)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        _with_contradictions(context["tags"])
        context["query"] = self.query
        return context


class TagDetailView(DetailView):
    """A tag, and for reviewers the forms to rename it and to merge duplicates into it."""

    template_name = "claims/tag_detail.html"
    context_object_name = "tag"
    merge_candidates = 20

    def get_queryset(self):
        return _counted()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tag, request = self.object, self.request
        _with_contradictions([tag])
        context["can_curate"] = roles.can_curate_tags(request.user)
        if context["can_curate"]:
            context["rename_form"] = TagRenameForm(initial={"name": tag.name})
            query = search_terms(request.GET.get("merge_q"))
            context["merge_query"] = query
            if query:
                context["merge_candidates"] = list(
                    _counted()
                    .filter(name__icontains=query)
                    .exclude(pk=tag.pk)
                    .order_by("name")[: self.merge_candidates]
                )
        return context


@require_POST
def tag_rename(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer renames a tag; each claim carrying it records the change."""
    tag = get_object_or_404(Tag, pk=pk)
    if not roles.can_curate_tags(request.user):
        return refuse(request, PermissionDenied(_("Only reviewers can rename or merge tags.")))
    form = TagRenameForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["name"]))
        return redirect(tag)
    old = tag.name
    try:
        services.tag_rename(tag=tag, name=form.cleaned_data["name"], user=request.user)
    except PermissionDenied as error:
        return refuse(request, error)
    except ValidationError as error:
        messages.error(request, messages_of(error))
        return redirect(tag)
    tag.refresh_from_db()
    if tag.name != old:
        messages.success(
            request, _("Renamed “%(old)s” to “%(new)s”.") % {"old": old, "new": tag.name}
        )
    return redirect(tag)


@require_POST
def tag_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Fold duplicate tags into this one: the first post shows what will change, the second
    (with `confirmed`) gives their claims this tag and deletes them."""
    target = get_object_or_404(Tag, pk=pk)
    if not roles.can_curate_tags(request.user):
        return refuse(request, PermissionDenied(_("Only reviewers can rename or merge tags.")))
    return merge_in_two_steps(
        request,
        target=target,
        form=TagMergeForm(request.POST, target=target),
        counted=_counted(),
        confirm_template="claims/tag_merge_confirm.html",
        merge=lambda duplicates: services.tag_merge(
            target=target, duplicates=duplicates, user=request.user
        ),
    )
