"""Domain errors that are not plain validation failures, shared by services, views and the API."""

from django.core.exceptions import ValidationError


class Conflict(ValidationError):
    """The request is valid but clashes with the current state (HTTP 409).

    `current` carries what a client needs to resolve it: the existing object's id, or the
    current values of a record edited from a stale version.
    """

    def __init__(self, message: str, *, code: str, current: dict | None = None):
        super().__init__(message, code=code)
        self.current = current or {}
