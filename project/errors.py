"""Domain errors that are not plain validation failures, shared by services, views and the API."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class Conflict(ValidationError):
    """The request is valid but clashes with the current state (HTTP 409).

    `current` carries what a client needs to resolve it: the existing object's id, or the
    current values of a record edited from a stale version.
    """

    def __init__(self, message: str, *, code: str, current: dict | None = None):
        super().__init__(message, code=code)
        self.current = current or {}


class ItemsRefused(ValidationError):
    """Some items of an all-or-nothing batch were refused, so none was saved (HTTP 400).

    `refused` maps each refused item's index (from 0, in the order sent) to its
    `ValidationError`; the API answers `{"detail": ..., "items": {"3": {"quote": [...]}}}`.
    """

    def __init__(self, refused: dict[int, ValidationError], *, noun: str, total: int):
        super().__init__(
            _(
                "%(refused)d of the %(total)d %(noun)s sent were refused (the first is number "
                "%(first)d, counting from 0); nothing was saved. Correct them and send the batch "
                "again."
            )
            % {"refused": len(refused), "total": total, "noun": noun, "first": min(refused)},
            code="items_refused",
        )
        self.refused = refused


class TooMany(ValidationError):
    """The user has as much of something under way as one person may (HTTP 429): the message
    says what to wait for, or what to cancel."""


class Unavailable(ValidationError):
    """Something the server needs cannot be used (a file store it cannot write to: read-only,
    full, missing): not the sender's doing, and sending again does not help until an admin
    acts (HTTP 503). The message says so; the log says why."""
