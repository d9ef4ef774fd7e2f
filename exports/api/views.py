"""`GET /api/export/` streams a claim set; `POST /api/import/` restores one."""

from django.conf import settings
from django.http import StreamingHttpResponse
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
from exports.export import CONTENT_TYPES, claim_set_export
from exports.forms import ExportForm
from exports.models import ExportChannel, ExportFormat
from exports.restore import claim_set_import
from exports.selectors import ALL_STATUSES
from exports.validation import ClaimSetRefused
from project import roles

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
    """Hands over the JSON body unparsed: the import reads it and reports every problem,
    including a body that is not JSON at all, in its own `{"problems": [...]}` shape. It reads
    one byte more than the import accepts, never the rest of an oversized body."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None) -> bytes:
        if stream is None:
            return b""
        return stream.read(settings.CLAIM_IMPORT_MAX_BYTES + 1)


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
        parameters.append(OpenApiParameter(name, OpenApiTypes.STR, description=description))
    return parameters


class ExportView(APIView):
    """Stream a claim set: `?format=csv|json|jsonl|jsonld` plus any filter of the claim list
    (approved claims when no `status` is given); `bom=1` starts a CSV with a UTF-8 BOM.

    The export is recorded (who, when, filters, format, count, SHA-256) when the stream ends.
    CSV and JSON Lines carry the export id, time, author and filters in `X-Corroborate-*`
    response headers; the JSON formats carry them in the file as well.
    """

    permission_classes = [IsAuthenticated, CanExportClaims]

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
            400: OpenApiResponse(description="An unknown format or an invalid filter value."),
        },
    )
    def get(self, request):
        form = ExportForm(request.query_params)
        if not form.is_valid():
            return Response(form.problems, status=status.HTTP_400_BAD_REQUEST)
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
    `{"problems": [...]}` and nothing is changed."""

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
            400: ImportProblemsSerializer,
            413: ImportProblemsSerializer,
        },
    )
    def post(self, request):
        if isinstance(request.data, bytes):
            content = request.data
            refusal = _too_large(len(content))
        elif "file" in request.FILES:
            upload = request.FILES["file"]
            refusal = _too_large(upload.size)
            content = b"" if refusal else upload.read()
        else:
            problems = ["Send the JSON export as the file field “file”, or as the request body."]
            return Response({"problems": problems}, status=status.HTTP_400_BAD_REQUEST)
        if refusal:
            return refusal
        try:
            summary = claim_set_import(content=content, user=request.user)
        except ClaimSetRefused as refused:
            return Response({"problems": refused.problems}, status=status.HTTP_400_BAD_REQUEST)
        return Response(summary.as_dict(), status=status.HTTP_201_CREATED)
