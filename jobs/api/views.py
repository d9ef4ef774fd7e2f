"""`/api/jobs/`: the jobs a person may see, and their cancel and retry."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from jobs import selectors, services
from jobs.api.serializers import JobSerializer
from jobs.models import Job
from project.api_errors import CONFLICT


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

    @extend_schema(request=None, responses={200: JobSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        """Run a failed or cancelled job again (409 otherwise); nothing is done twice."""
        job = services.job_retry(job=self.get_object(), user=request.user)
        return Response(JobSerializer(job).data)
