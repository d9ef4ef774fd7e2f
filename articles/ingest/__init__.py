"""Turning uploaded material into the one normalized text that claims point into.

One module per format reads a file's bytes into an `Extraction` (text, title guess, metadata);
`extract` picks the reader by the file's extension and normalizes the result, so the text is
the same whichever way it came in.
"""

import dataclasses
import importlib
import math
from collections.abc import Callable
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import File

from articles.ingest.extraction import Extraction, IngestError
from articles.ingest.normalize import normalize_text
from articles.ingest.plain import read_pasted

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "Extraction",
    "IngestError",
    "check_format",
    "check_text_size",
    "display_filename",
    "extract",
    "extract_pasted",
    "file_size",
    "read_limited",
]

#: The reader of each format, as "module.function" in this package: imported when a file of
#: the format first comes. The HTML, PDF and Word readers bring trafilatura with lxml and
#: numpy, pypdf and python-docx: 0.45 s and about 40 MB in every server process, which most
#: processes never use (issue 17).
READERS: dict[str, str] = {
    ".txt": "plain.read_text_file",
    ".md": "plain.read_markdown",
    ".markdown": "plain.read_markdown",
    ".html": "html_page.read_html",
    ".htm": "html_page.read_html",
    ".pdf": "pdf.read_pdf",
    ".docx": "word.read_docx",
}
SUPPORTED_EXTENSIONS = tuple(READERS)
FORMATS_HINT = "Upload .txt, .md, .html, .pdf or .docx files."
FILENAME_MAX_LENGTH = 255


def extension(filename: str) -> str:
    return PurePath(filename).suffix.lower()


def reader(suffix: str) -> Callable[[bytes], Extraction]:
    """The reader of files ending in `suffix` (one of `READERS`)."""
    module, function = READERS[suffix].rsplit(".", 1)
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)


def display_filename(filename: str) -> str:
    """The file's own name, without any folders, in one line of at most 255 characters."""
    name = " ".join(PurePath(filename.replace("\\", "/")).name.split()) or "upload"
    if len(name) <= FILENAME_MAX_LENGTH:
        return name
    suffix = extension(name)[:16]
    return name[: FILENAME_MAX_LENGTH - len(suffix)] + suffix


def check_format(filename: str) -> None:
    """Raise `IngestError` unless the file's extension names a format that can be read."""
    suffix = extension(filename)
    if suffix in READERS:
        return
    if not suffix:
        raise IngestError(
            f"The file name has no extension, so its format is unknown. {FORMATS_HINT}",
            code="unknown_format",
        )
    hint = " Save it as .docx first." if suffix in (".doc", ".odt", ".rtf") else ""
    raise IngestError(
        f"Files ending in {suffix} cannot be imported. {FORMATS_HINT}{hint}",
        code="unknown_format",
    )


def read_limited(file: File) -> bytes:
    """The file's bytes; `IngestError` if it is empty or over `ARTICLE_MAX_UPLOAD_BYTES`.

    The size is checked before reading, and no more than the limit is ever read.
    """
    limit = settings.ARTICLE_MAX_UPLOAD_BYTES
    if file.size is not None and file.size > limit:
        raise _too_large(file.size, limit)
    file.seek(0)
    data = file.read(limit + 1)
    if len(data) > limit:
        raise _too_large(len(data), limit)
    if not data:
        raise IngestError("The file is empty.", code="empty")
    return data


def extract(*, filename: str, data: bytes) -> Extraction:
    """Read a file of a supported format into normalized text and the metadata it carries.

    Raises `IngestError` with a message for people when the file cannot become an article.
    """
    check_format(filename)
    if not data:
        raise IngestError("The file is empty.", code="empty")
    extraction = reader(extension(filename))(data)
    text = normalize_text(extraction.text)
    if not text.strip():
        raise IngestError(
            "The file has no text to import. Check that it is the file you meant.",
            code="no_text",
        )
    check_text_size(text, what="The file's text")
    return dataclasses.replace(extraction, text=text)


def extract_pasted(text: str) -> Extraction:
    """Pasted text, normalized. Raises `IngestError` when it is blank or over the size limit."""
    extraction = read_pasted(text)
    text = normalize_text(extraction.text)
    if not text.strip():
        raise IngestError("Paste the article's text first.", code="no_text")
    check_text_size(text, what="The pasted text")
    return dataclasses.replace(extraction, text=text)


def file_size(size: int) -> str:
    """A size for people, rounded up so that anything over a limit reads as over it:
    "5 MB", "5.1 MB" (5 MB and a byte), "200 KB"."""
    if size < 1024 * 1024:
        return f"{math.ceil(size / 1024)} KB"
    value = f"{math.ceil(size * 10 / (1024 * 1024)) / 10:.1f}".removesuffix(".0")
    return f"{value} MB"


def check_text_size(text: str, *, what: str) -> None:
    """Raise `IngestError` if the text is over `ARTICLE_MAX_UPLOAD_BYTES` in UTF-8."""
    limit = settings.ARTICLE_MAX_UPLOAD_BYTES
    size = len(text.encode("utf-8"))
    if size > limit:
        raise IngestError(
            f"{what} is {file_size(size)}, over the limit of {file_size(limit)}. "
            "Split it into smaller parts.",
            code="too_large",
        )


def _too_large(size: int, limit: int) -> IngestError:
    return IngestError(
        f"The file is {file_size(size)}, over the limit of {file_size(limit)}. "
        "Split it into smaller files, or paste only the part you need.",
        code="too_large",
    )
