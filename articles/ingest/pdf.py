"""PDF files: the text layer, page by page, and the title and author the file declares."""

import io
import logging
import time

from django.conf import settings
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from articles.ingest.extraction import (
    AUTHOR_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Extraction,
    IngestError,
    language_code,
    one_line,
)

logger = logging.getLogger(__name__)

DAMAGED_MESSAGE = (
    "The PDF is damaged and cannot be read. Open it and save it again as PDF, or paste its text."
)
SCANNED_MESSAGE = (
    "Scanned PDF, no text: this PDF has no text layer, only images of pages. Run it through "
    "text recognition (OCR) first, or paste the text."
)
ENCRYPTED_MESSAGE = "The PDF is password-protected. Remove the password and upload it again."
TOO_MUCH_TEXT_MESSAGE = (
    "The PDF holds more text than an article may. Save the pages you need as a new PDF, or "
    "paste their text."
)
TOO_SLOW_MESSAGE = (
    "The PDF takes too long to read (more than {seconds} seconds), far longer than any article "
    "needs. Save the pages you need as a new PDF, or paste their text."
)


def _too_many_pages(count: int | str) -> IngestError:
    limit = settings.ARTICLE_PDF_MAX_PAGES
    return IngestError(
        f"The PDF has {count} pages; Corroborate reads articles of up to {limit}. Save the "
        "pages you need as a new PDF, or paste their text.",
        code="too_many_pages",
    )


def read_pdf(data: bytes) -> Extraction:
    """The text layer of every page, pages separated by a blank line.

    Raises `IngestError` for a damaged or password-protected file and for a PDF without a
    text layer (a scan).
    """
    if b"%PDF-" not in data[:1024]:
        raise IngestError(DAMAGED_MESSAGE, code="malformed")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(ENCRYPTED_MESSAGE, code="encrypted")
        if not reader.pages:
            raise IngestError(DAMAGED_MESSAGE, code="malformed")
        if len(reader.pages) > settings.ARTICLE_PDF_MAX_PAGES:
            raise _too_many_pages(len(reader.pages))
        pages = _page_texts(reader)
        metadata = reader.metadata
        title, author = (metadata.title, metadata.author) if metadata else ("", "")
        language = reader.trailer["/Root"].get("/Lang")
    except IngestError:
        raise
    except FileNotDecryptedError:
        raise IngestError(ENCRYPTED_MESSAGE, code="encrypted") from None
    except Exception as error:  # a parser fed a hostile file can fail in any way
        logger.info("PDF extraction failed: %r", error)
        raise IngestError(DAMAGED_MESSAGE, code="malformed") from None
    text = "\n\n".join(page.strip("\n") for page in pages if page.strip())
    if not text:
        raise IngestError(SCANNED_MESSAGE, code="no_text_layer")
    return Extraction(
        text=text,
        title=one_line(str(title or ""), TITLE_MAX_LENGTH),
        author=one_line(str(author or ""), AUTHOR_MAX_LENGTH),
        language=language_code(str(language or "")),
    )


def _page_texts(reader: PdfReader) -> list[str]:
    """The text of each page, read within bounds whatever the file declares: no more than
    `ARTICLE_PDF_MAX_PAGES` pages, `ARTICLE_PDF_MAX_SECONDS` seconds, and the characters an
    upload may hold."""
    deadline = time.monotonic() + settings.ARTICLE_PDF_MAX_SECONDS
    texts, characters = [], 0
    for number, page in enumerate(reader.pages, start=1):
        if number > settings.ARTICLE_PDF_MAX_PAGES:
            raise _too_many_pages(f"more than {settings.ARTICLE_PDF_MAX_PAGES}")
        if time.monotonic() > deadline:
            seconds = settings.ARTICLE_PDF_MAX_SECONDS
            raise IngestError(TOO_SLOW_MESSAGE.format(seconds=seconds), code="too_slow")
        text = page.extract_text() or ""
        characters += len(text)
        # Each character is a byte at least: past the byte limit in characters is past it.
        if characters > settings.ARTICLE_MAX_UPLOAD_BYTES:
            raise IngestError(TOO_MUCH_TEXT_MESSAGE, code="too_large")
        texts.append(text)
    return texts
