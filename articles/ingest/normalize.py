"""The one normalization every article text goes through before any offset is taken."""

import hashlib
import re
import unicodedata

_TRAILING_BLANKS = re.compile(r"[ \t]+$", re.MULTILINE)
_TOO_MANY_BLANK_LINES = re.compile(r"\n{4,}")


def normalize_text(text: str) -> str:
    """Return `text` in the form every offset refers to.

    Unicode NFC; ``\\r\\n`` and lone ``\\r`` become ``\\n``; spaces and tabs at the end of every
    line are dropped; runs of more than two blank lines become two; blank lines at the start and
    end are dropped, and the text ends without a newline. Nothing else changes.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING_BLANKS.sub("", text)
    text = _TOO_MANY_BLANK_LINES.sub("\n\n\n", text)
    return text.strip("\n")


def content_sha256(text: str) -> str:
    """The fingerprint that identifies an article's normalized text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
