"""Writing an upload to the file store (MEDIA_ROOT or a bucket, `project.storage`), and what
people are told when the store refuses it: read-only, full or not there is the server's trouble
(HTTP 503, a form error on the pages), which sending the file again does not cure."""

import logging

from django.core.files import File
from django.core.files.storage import default_storage

from project.errors import Unavailable

logger = logging.getLogger(__name__)


def store_unavailable(what: str, error: OSError) -> Unavailable:
    """The refusal for a write the store refused, logged with its cause for the admin."""
    logger.error("The file store refused %s: %s", what, error)
    return Unavailable(
        "The server could not store the file: its file store cannot be written to. Nothing "
        "was saved. Tell an admin; sending the file again will not help until they have.",
        code="store_unavailable",
    )


def stored(name: str, content: File) -> str:
    """`default_storage.save`, refused with `Unavailable` when the store cannot take it."""
    try:
        return default_storage.save(name, content)
    except OSError as error:
        raise store_unavailable(repr(name), error) from None
