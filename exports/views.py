"""The exports page (past exports), the download behind the Export buttons, an export to a
file made in the background, and the import of a claim set (admins)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.generic import ListView

from exports import selectors
from exports.export import check_streamable, claim_set_export
from exports.forms import ClaimSetUploadForm, ExportForm
from exports.jobs import claim_set_export_start, claim_set_import_start
from exports.models import ExportChannel, ExportFormat
from project import roles
from project.errors import TooMany


class ExportListView(ListView):
    """Past exports, newest first: admins see everyone's (they answer for what leaves the
    instance), everyone else their own."""

    template_name = "exports/export_list.html"
    context_object_name = "records"
    paginate_by = 50

    def get_queryset(self):
        return selectors.export_record_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["formats"] = ExportFormat.choices
        context["can_export"] = roles.can_export_claims(self.request.user)
        context["sees_everyone"] = roles.is_staff(self.request.user)
        context["can_import"] = roles.can_import_claims(self.request.user)
        return context


@require_GET  # not HEAD either: it would read and record a whole export for its headers
def export_download(request: HttpRequest) -> HttpResponse:
    """Stream the export asked for in the query string (`format`, `bom`, claim filters)."""
    if not roles.can_export_claims(request.user):
        raise PermissionDenied("Only analysts, reviewers and admins can export claims.")
    form = ExportForm(request.GET)
    if not form.is_valid():
        return render(
            request, "exports/export_refused.html", {"problems": form.problems}, status=400
        )
    try:
        check_streamable(form.claim_filter.qs)
    except ValidationError as refused:
        context = {"problem": refused.message_dict["claims"][0], "query": request.GET}
        return render(request, "exports/export_too_large.html", context, status=400)
    export = claim_set_export(
        claims=form.claim_filter.qs,
        format=form.cleaned_data["format"],
        filters=form.filters,
        user=request.user,
        via=ExportChannel.PAGE,
        bom=form.cleaned_data["bom"],
    )
    return StreamingHttpResponse(export, headers=export.headers)


@require_POST
def export_job_start(request: HttpRequest) -> HttpResponse:
    """Start an export to a file in the background (the page's form: a format, `bom`, and any
    claim filter) and open its job page, where the file is downloaded when ready."""
    if not roles.can_export_claims(request.user):
        raise PermissionDenied("Only analysts, reviewers and admins can export claims.")
    query = request.POST.copy()
    query.pop("csrfmiddlewaretoken", None)
    form = ExportForm(query)
    if not form.is_valid():
        return render(
            request, "exports/export_refused.html", {"problems": form.problems}, status=400
        )
    try:
        job = claim_set_export_start(query=query, user=request.user, via=ExportChannel.PAGE)
    except TooMany as refused:
        messages.error(request, refused.message)
        return redirect("jobs:list")
    return redirect(job)


@require_http_methods(["GET", "HEAD", "POST"])
def claim_set_import_page(request: HttpRequest) -> HttpResponse:
    """Admins upload a claim set; its restore runs as a job, whose page shows the outcome."""
    if not roles.can_import_claims(request.user):
        raise PermissionDenied("Only admins can import claim sets.")
    posted = request.method == "POST"
    form = ClaimSetUploadForm(request.POST, request.FILES) if posted else ClaimSetUploadForm()
    if posted and form.is_valid():
        job = claim_set_import_start(upload=form.cleaned_data["file"], user=request.user)
        return redirect(job)
    status = 400 if form.errors else 200
    return render(request, "exports/import.html", {"form": form}, status=status)
