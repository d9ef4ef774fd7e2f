"""Rules of an article's fields that the database's own limits set."""

from django.core.exceptions import ValidationError

#: The most bytes an address may take: its index on PostgreSQL holds an entry of at most 2,704
#: bytes, and 2,000 characters of Chinese are 6,000.
URL_MAX_BYTES = 2000


def validate_url_size(value: str) -> None:
    """Refuse an address longer than `URL_MAX_BYTES` in UTF-8 (the form and the API already
    refuse more than 2,000 characters)."""
    if len(value.encode("utf-8")) > URL_MAX_BYTES:
        raise ValidationError(
            "This address is too long to store: at most 2,000 bytes, and a character outside "
            "the English alphabet takes two to four. Use a shorter address for the page.",
            code="url_too_long",
        )
