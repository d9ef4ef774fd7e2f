"""The API's error answers as the OpenAPI schema describes them, shared by every endpoint.

`ErrorsAutoSchema` (the `DEFAULT_SCHEMA_CLASS`) adds to each operation the refusals that every
endpoint of its kind really gives — 401 without credentials, 403 for a forbidden write, 404 for
a missing object or page, 400 for a refused body or filter — unless the view documents that code
itself; the rarer ones (409, 413, 429) are documented by the views that answer them, with the
serializers here.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated


class ErrorSerializer(serializers.Serializer):
    """A refusal with no field to blame: 401, 403, 404, 405, 406."""

    detail = serializers.CharField()


class ConflictSerializer(serializers.Serializer):
    """409: valid, but clashing with what is stored (`project.errors.Conflict`)."""

    detail = serializers.CharField()
    code = serializers.CharField(required=False)
    current = serializers.DictField(
        required=False, help_text="The existing object's id, or the current values."
    )
    id = serializers.IntegerField(required=False, help_text="The existing object's id.")


class LockedOutSerializer(serializers.Serializer):
    """429: too many failed logins (`project.throttling`)."""

    detail = serializers.CharField()
    retry_after = serializers.IntegerField(help_text="Seconds to wait.")


#: 400: a message list per field (`{"quote": ["..."]}`, `non_field_errors` for the whole
#: body), or `{"detail": "..."}` for a body that cannot be read.
FIELD_ERRORS = OpenApiResponse(
    response={
        "type": "object",
        "additionalProperties": {},
        "description": "Messages per field, or `detail`.",
    },
    description="The request was refused: a message per field, or `detail`.",
)
CONFLICT = OpenApiResponse(ConflictSerializer, description="It clashes with what is stored.")
LOCKED_OUT = OpenApiResponse(LockedOutSerializer, description="Too many failed logins.")


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


class ErrorsAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, documenting the error answers every endpoint shares."""

    def _error_responses(self) -> dict[str, OpenApiResponse]:
        permissions = self.view.get_permissions()
        open_to_all = any(isinstance(permission, AllowAny) for permission in permissions)
        role_checked = any(
            not isinstance(permission, (IsAuthenticated, AllowAny)) for permission in permissions
        )
        write = self.method not in ("GET", "HEAD")
        is_list = self._is_list_view() and getattr(self.view, "paginator", None) is not None
        errors = {}
        if write or is_list:
            errors["400"] = FIELD_ERRORS
        if not open_to_all:
            errors["401"] = _error("No credentials, or credentials that are not valid.")
        if (write or role_checked) and not open_to_all:
            errors["403"] = _error("This user may not do that (the message says why).")
        if "{" in self.path or is_list:
            errors["404"] = _error("No such object, or a page past the last one.")
        return errors

    def _map_serializer(self, serializer, direction, bypass_extensions=False):
        """A PATCH body's fields are optional, except those its serializer names in
        `Meta.required_in_patch`: the ones the server refuses a PATCH without."""
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        always = getattr(getattr(serializer, "Meta", None), "required_in_patch", ())
        if getattr(serializer, "partial", False) and always:
            schema["required"] = sorted({*schema.get("required", ()), *always})
        return schema

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, response in self._error_responses().items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses
