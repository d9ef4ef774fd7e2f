"""What every format reader returns, and the error it raises for a file it cannot use."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

TITLE_MAX_LENGTH = 500
AUTHOR_MAX_LENGTH = 300
URL_MAX_LENGTH = 2000


class IngestError(ValidationError):
    """The file cannot become an article. The message tells a person what to do next."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message, code=code)


@dataclass(frozen=True)
class Extraction:
    """A reader's result: the text (not yet normalized), a title guess and the metadata the
    file carried. Empty strings and None mean the file said nothing."""

    text: str
    title: str = ""
    author: str = ""
    url: str = ""
    published_on: datetime.date | None = None
    language: str = ""
    outlet_name: str = ""


def one_line(value: str | None, limit: int) -> str:
    """Metadata as a single line of at most `limit` characters."""
    return " ".join((value or "").split())[:limit]


def web_url(value: str | None) -> str:
    """`value` if it is an http(s) URL an article may store, else ""."""
    value = (value or "").strip()
    if not value or len(value) > URL_MAX_LENGTH:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return ""
    return value


def iso_date(value: str | None) -> datetime.date | None:
    """The date at the start of an ISO 8601 string, or None."""
    try:
        return datetime.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def language_code(value: str | None) -> str:
    """The primary language subtag, lower case: "en-GB" → "en", "en_US" → "en"; "" where
    `value` does not begin with one (two or three Latin letters, BCP 47)."""
    primary = (value or "").strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isascii() and primary.isalpha() and 2 <= len(primary) <= 3 else ""
