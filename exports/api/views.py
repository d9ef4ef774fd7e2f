"""`GET /api/export/` streams a claim set; `POST /api/export/job/` writes one to a file in the
background; `POST /api/import/` restores one (a large one in the background)."""

import tempfile
from collections.abc import Mapping

import django_filters
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.http import StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import BaseParser, MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.filters import ClaimFilter
from claims.models import ClaimStatus
from exports.api.serializers import ImportProblemsSerializer, ImportSummarySerializer
from exports.export import CONTENT_TYPES, check_streamable, claim_set_export
from exports.forms import ExportForm
from exports.jobs import claim_set_export_start, claim_set_import_start
from exports.models import ExportChannel, ExportFormat
from exports.restore import claim_set_import
from exports.selectors import ALL_STATUSES
from exports.validation import ClaimSetRefused
from jobs.api.serializers import JobSerializer
from jobs.models import Job
from project import roles
from project.filters import PersonFilter

#: Formats whose whole answer is one JSON document (JSON Lines is many).
JSON_DOCUMENTS = {ExportFormat.JSON, ExportFormat.JSONLD}


class CanExportClaims(BasePermission):
    message = "Only analysts, reviewers and admins can export claims."

    def has_permission(self, request, view) -> bool:
        return roles.can_export_claims(request.user)


class CanImportClaims(BasePermission):
    message = "Only admins can import claim sets."

    def has_permission(self, request, view) -> bool:
        return roles.can_import_claims(request.user)


class RawJSONParser(BaseParser):
    """Hands over the JSON body unparsed, as a file (in memory while small, on disk beyond):
    the import reads it as a stream and reports every problem, including a body that is not
    JSON at all, in its own `{"problems": [...]}` shape. It reads one byte more than the import
    accepts, never the rest of an oversized body."""

    media_type = "application/json"
    CHUNK = 64 * 1024

    def parse(self, stream, media_type=None, parser_context=None) -> File:
        # The file outlives this method (the view reads it); it is closed when collected.
        spool = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
        limit = settings.CLAIM_IMPORT_MAX_BYTES + 1
        while stream is not None and (room := limit - spool.tell()) > 0:
            chunk = stream.read(min(self.CHUNK, room))
            if not chunk:
                break
            spool.write(chunk)
        body = File(spool, name="claim-set.json")
        body.size = spool.tell()
        spool.seek(0)
        return body


def _too_large(size: int) -> Response | None:
    limit = settings.CLAIM_IMPORT_MAX_BYTES
    if size <= limit:
        return None
    problem = (
        f"The file is larger than the import accepts ({limit / 1_000_000:g} MB). Split the "
        "claim set, or import it on the server with `manage.py import_claims FILE`."
    )
    return Response({"problems": [problem]}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)


def _filter_parameters() -> list[OpenApiParameter]:
    parameters = []
    for name, claim_filter in ClaimFilter.base_filters.items():
        description = str(claim_filter.label or name)
        if name == "status":
            parameters.append(
                OpenApiParameter(
                    name,
                    OpenApiTypes.STR,
                    enum=[*ClaimStatus.values, ALL_STATUSES],
                    description="Approved when left out; `all` (or empty, `status=`) for every "
                    "status.",
                )
            )
            continue
        parameters.append(_typed_parameter(name, claim_filter, description))
    return parameters


def _typed_parameter(name: str, claim_filter, description: str) -> OpenApiParameter:
    """A filter of the claim list as `/api/claims/` documents it: a person by username (or id),
    a related row by id, a choice among its values, a day, yes or no, or words."""
    if isinstance(claim_filter, PersonFilter):
        return OpenApiParameter(name, OpenApiTypes.STR, description=f"{description} (username)")
    if isinstance(claim_filter, django_filters.ModelChoiceFilter):
        return OpenApiParameter(name, OpenApiTypes.INT, description=f"{description} (id)")
    if "choices" in claim_filter.extra:
        values = [str(value) for value, _label in claim_filter.extra["choices"]]
        return OpenApiParameter(name, OpenApiTypes.STR, enum=values, description=description)
    if isinstance(claim_filter, django_filters.DateFilter):
        return OpenApiParameter(name, OpenApiTypes.DATE, description=description)
    if isinstance(claim_filter, django_filters.BooleanFilter):
        return OpenApiParameter(name, OpenApiTypes.BOOL, description=description)
    return OpenApiParameter(name, OpenApiTypes.STR, description=description)


class ExportView(APIView):
    """Stream a claim set: `?format=csv|json|jsonl|jsonld` plus any filter of the claim list
    (approved claims when no `status` is given); `bom=1` starts a CSV with a UTF-8 BOM.

    The export is recorded (who, when, filters, format, count, SHA-256) when the stream ends.
    CSV and JSON Lines carry the export id, time, author and filters in `X-Corroborate-*`
    response headers; the JSON formats carry them in the file as well.
    """

    permission_classes = [IsAuthenticated, CanExportClaims]
    #: Not HEAD: it would read and record a whole export to answer with its headers alone (a
    #: link checker's visit filled the export history).
    http_method_names = ["get", "options"]

    def perform_content_negotiation(self, request, force=False):
        # `format` names the export format here, not a DRF renderer; errors are always JSON.
        renderer = JSONRenderer()
        return renderer, renderer.media_type

    @extend_schema(
        operation_id="export_claims",
        parameters=[
            OpenApiParameter("format", OpenApiTypes.STR, required=True, enum=ExportFormat.values),
            OpenApiParameter("bom", OpenApiTypes.STR, enum=["0", "1"], description="CSV only."),
            *_filter_parameters(),
        ],
        responses={
            **{
                (200, CONTENT_TYPES[value]): (
                    OpenApiTypes.OBJECT if value in JSON_DOCUMENTS else OpenApiTypes.BINARY
                )
                for value in ExportFormat
            },
            400: OpenApiResponse(
                description="An unknown format or an invalid filter value, or more claims than "
                "a download streams (`EXPORT_STREAM_MAX_CLAIMS`): `POST /api/export/job/` "
                "writes an export of any size to a file."
            ),
        },
    )
    def get(self, request):
        form = ExportForm(request.query_params)
        if not form.is_valid():
            return Response(form.problems, status=status.HTTP_400_BAD_REQUEST)
        try:
            check_streamable(form.claim_filter.qs)
        except ValidationError as refused:
            problems = {
                name: [f"{message} Send the same parameters to POST {reverse('api:export-job')}."]
                for name, (message,) in refused.message_dict.items()
            }
            return Response(problems, status=status.HTTP_400_BAD_REQUEST)
        export = claim_set_export(
            claims=form.claim_filter.qs,
            format=form.cleaned_data["format"],
            filters=form.filters,
            user=request.user,
            via=ExportChannel.API,
            bom=form.cleaned_data["bom"],
        )
        return StreamingHttpResponse(export, headers=export.headers)


class ImportView(APIView):
    """Restore a claim set from a JSON export (admins): upload it as the file field `file`, or
    send it as the JSON body. All or nothing: a file with any problem is refused with
    `{"problems": [...]}` and nothing is changed. A file larger than `CLAIM_IMPORT_JOB_MB`
    becomes a background job: 202 with the job (its `Location` to poll); its problems, if any,
    are in the job's `result`."""

    permission_classes = [IsAuthenticated, CanImportClaims]
    parser_classes = [MultiPartParser, RawJSONParser]

    @extend_schema(
        operation_id="import_claims",
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            },
            "application/json": OpenApiTypes.OBJECT,
        },
        responses={
            201: ImportSummarySerializer,
            202: JobSerializer,
            400: ImportProblemsSerializer,
            413: ImportProblemsSerializer,
        },
    )
    def post(self, request):
        if isinstance(request.data, File):
            upload = request.data
        elif "file" in request.FILES:
            upload = request.FILES["file"]
        else:
            problems = ["Send the JSON export as the file field “file”, or as the request body."]
            return Response({"problems": problems}, status=status.HTTP_400_BAD_REQUEST)
        refusal = _too_large(upload.size)
        if refusal:
            return refusal
        if upload.size > settings.CLAIM_IMPORT_JOB_BYTES:
            return _accepted(claim_set_import_start(upload=upload, user=request.user))
        try:
            summary = claim_set_import(content=upload, user=request.user)
        except ClaimSetRefused as refused:
            return Response({"problems": refused.problems}, status=status.HTTP_400_BAD_REQUEST)
        return Response(summary.as_dict(), status=status.HTTP_201_CREATED)


def _accepted(job: Job) -> Response:
    """202 with the job that does the work; poll `Location` for its status and result."""
    location = reverse("api:job-detail", args=[job.pk])
    return Response(
        JobSerializer(job).data, status=status.HTTP_202_ACCEPTED, headers={"Location": location}
    )


class ExportJobView(APIView):
    """Write a claim set to a file in the background, with the parameters of `GET /api/export/`
    (in the query string, or as a JSON object of the same names); answers 202 with the job.
    When it has succeeded, the job's `download_url` serves the file to its author (and admins).
    """

    permission_classes = [IsAuthenticated, CanExportClaims]

    def perform_content_negotiation(self, request, force=False):
        # `format` names the export format here, not a DRF renderer; answers are always JSON.
        renderer = JSONRenderer()
        return renderer, renderer.media_type

    @extend_schema(
        operation_id="export_claims_to_file",
        request=None,
        parameters=[
            OpenApiParameter("format", OpenApiTypes.STR, required=True, enum=ExportFormat.values),
            OpenApiParameter("bom", OpenApiTypes.STR, enum=["0", "1"], description="CSV only."),
            *_filter_parameters(),
        ],
        responses={
            202: JobSerializer,
            400: OpenApiResponse(description="An unknown format or an invalid filter value."),
            429: OpenApiResponse(
                description="`EXPORT_JOBS_PER_USER` exports of yours are waiting or running "
                "already: wait for one to finish, or cancel one."
            ),
        },
    )
    def post(self, request):
        query = request.query_params.copy()
        if isinstance(request.data, Mapping):
            for name, value in request.data.items():
                query.setlist(name, value if isinstance(value, list) else [str(value)])
        job = claim_set_export_start(query=query, user=request.user, via=ExportChannel.API)
        return _accepted(job)
