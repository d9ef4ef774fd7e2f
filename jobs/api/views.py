"""`/api/jobs/`: the jobs a person may see, and their cancel and retry."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from jobs import selectors, services
from jobs.api.serializers import JobSerializer
from jobs.files import result_file_response
from jobs.models import Job
from project.api_errors import CONFLICT, ErrorSerializer


class JobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Background jobs, newest first: admins see every job, everyone else their own (another
    person's job answers 404). Poll a job's address for its status and progress."""

    serializer_class = JobSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema is built without a request
            return Job.objects.none()
        if self.request.method == "GET":
            services.jobs_stale_stop()  # a job whose worker died reads as failed, retryable
        return selectors.job_list(user=self.request.user)

    @extend_schema(request=None, responses={200: JobSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel a job: at once if queued, between two chunks if running; 409 if finished."""
        job = services.job_cancel(job=self.get_object(), user=request.user)
        return Response(JobSerializer(job).data)

    @extend_schema(
        request=None,
        responses={
            # Of the type its kind recorded (an export's: as `GET /api/export/` sends it).
            (200, "*/*"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file, of the type the job made it in."
            ),
            404: OpenApiResponse(ErrorSerializer, description="No such job, or it made no file."),
        },
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The file the job made (an export file), to the people who see the job: what
        `download_url` names, with the same token as the rest of the API."""
        job = self.get_object()
        if not job.result_file:
            raise NotFound("This job made no file.")
        return result_file_response(job)

    @extend_schema(request=None, responses={200: JobSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        """Run a failed or cancelled job again (409 otherwise); nothing is done twice."""
        job = services.job_retry(job=self.get_object(), user=request.user)
        return Response(JobSerializer(job).data)
