"""The jobs pages: the list, one job (refreshed by static/js/job.js while it runs), its cancel
and retry buttons, and the download of the file it made."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import DetailView, ListView

from jobs import selectors, services
from jobs.files import result_file_response
from jobs.kinds import label_of
from jobs.models import Job
from project import roles


class JobListView(ListView):
    """The jobs a person may see, newest first (admins: everyone's)."""

    template_name = "jobs/job_list.html"
    context_object_name = "jobs"
    paginate_by = 50

    def get_queryset(self):
        services.jobs_stale_stop()
        return selectors.job_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for job in context["jobs"]:
            job.kind_label = label_of(job.kind)
        context["sees_everyone"] = roles.can_see_every_job(self.request.user)
        return context


class JobDetailView(DetailView):
    """One job; another person's job is 404 (its existence is not told)."""

    template_name = "jobs/job_detail.html"
    context_object_name = "job"

    def get_queryset(self):
        services.jobs_stale_stop()
        return selectors.job_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kind_label"] = label_of(self.object.kind)
        return context


def _job_for(request: HttpRequest, pk: int) -> Job:
    return get_object_or_404(selectors.job_list(user=request.user), pk=pk)


@require_POST
def job_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    try:
        services.job_cancel(job=job, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The job is cancelled, or will stop at its next step."))
    return redirect(job)


@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    try:
        services.job_retry(job=job, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The job was queued again."))
    return redirect(job)


@require_safe
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file a job made, streamed from the default storage to the people who see the job."""
    job = _job_for(request, pk)
    if not job.result_file:
        raise Http404(_("This job made no file."))
    return result_file_response(job)
