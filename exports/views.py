"""The exports page (past exports) and the download behind the Export buttons."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.generic import ListView

from exports import selectors
from exports.export import claim_set_export
from exports.forms import ExportForm
from exports.models import ExportChannel, ExportFormat
from project import roles


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
        return context


def export_download(request: HttpRequest) -> HttpResponse:
    """Stream the export asked for in the query string (`format`, `bom`, claim filters)."""
    if not roles.can_export_claims(request.user):
        raise PermissionDenied("Only analysts, reviewers and admins can export claims.")
    form = ExportForm(request.GET)
    if not form.is_valid():
        return render(
            request, "exports/export_refused.html", {"problems": form.problems}, status=400
        )
    export = claim_set_export(
        claims=form.claim_filter.qs,
        format=form.cleaned_data["format"],
        filters=form.filters,
        user=request.user,
        via=ExportChannel.PAGE,
        bom=form.cleaned_data["bom"],
    )
    return StreamingHttpResponse(export, headers=export.headers)
