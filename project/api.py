"""What every API endpoint shares: pagination and one shape for errors.

Errors are JSON with a message per field (`{"field": ["message"]}`), or `{"detail": "message"}`
when no field is to blame. Services raise Django's exceptions; they are translated here.
The JSON parser is in `project.parsers`: it cannot live here (that module says why).
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from project.errors import Conflict, ItemsRefused


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


def validation_error_body(error: DjangoValidationError) -> dict:
    """A Django ValidationError as `{"field": ["message", ...]}`."""
    if hasattr(error, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in error.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}


def exception_handler(exc, context):
    if isinstance(exc, Conflict):
        body = {"detail": exc.message, "code": exc.code, "current": exc.current}
        if "id" in exc.current:
            body["id"] = exc.current["id"]
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ItemsRefused):
        items = {str(index): validation_error_body(error) for index, error in exc.refused.items()}
        body = {"detail": exc.messages[0], "code": exc.code, "items": items}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        return Response(validation_error_body(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ProtectedError):
        return Response(
            {"detail": "This is still in use by other records and cannot be deleted."},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)
