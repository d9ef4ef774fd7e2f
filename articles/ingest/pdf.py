"""PDF files: the text layer, page by page, rebuilt into paragraphs (`reflow`), and the title,
author and language the file declares."""

import io
import itertools
import logging
import statistics
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
from articles.ingest.reflow import reflow

logger = logging.getLogger(__name__)

#: A gap between two lines this many times the page's usual line spacing separates paragraphs.
PARAGRAPH_GAP = 1.3
#: Text is set with its lines at most this many times the type size apart.
LEADING_AT_MOST = 1.5
#: A change of font size (in points) between two lines separates paragraphs (a heading).
PARAGRAPH_SIZE_CHANGE = 0.5

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
    """The text layer of every page as paragraphs separated by a blank line: lines joined,
    hyphenation undone, running headers, footers and page numbers dropped (`reflow`).

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
    text = reflow([page for page in pages if page.strip()]).text
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
        text = _page_text(page)
        characters += len(text)
        # Each character is a byte at least: past the byte limit in characters is past it.
        if characters > settings.ARTICLE_MAX_UPLOAD_BYTES:
            raise IngestError(TOO_MUCH_TEXT_MESSAGE, code="too_large")
        texts.append(text)
    return texts


def _page_text(page) -> str:
    """The page's text, one printed line a line, with a blank line wherever the layout shows a
    paragraph break: a vertical gap well over the page's usual line spacing, a change of font
    size, or a jump back up the page (text placed out of reading order)."""
    chunks: list[tuple[str, float, float]] = []

    def visit(text, matrix, text_matrix, font, size):
        y = text_matrix[4] * matrix[1] + text_matrix[5] * matrix[3] + matrix[5]
        chunks.append((text, y, size * abs(text_matrix[3] * matrix[3] or 1)))

    page.extract_text(visitor_text=visit)
    lines: list[list] = [["", None, 0.0]]  # text, y and font size of each line
    for text, y, size in chunks:
        for number, part in enumerate(text.split("\n")):
            if number:
                lines.append(["", None, 0.0])
            if part.strip() and lines[-1][1] is None:
                lines[-1][1:] = [y, size]
            lines[-1][0] += part
    return "\n".join(_with_paragraph_gaps([line for line in lines if line[0].strip()]))


def _with_paragraph_gaps(lines: list[list]) -> list[str]:
    if not lines:
        return []
    steps = [above[1] - below[1] for above, below in itertools.pairwise(lines)]
    # The usual line spacing: the lower quartile of the steps down the page (most steps are
    # within paragraphs, unless most paragraphs are one line long), at most one and a half
    # times the type size (the most any text is set with, paragraph gaps aside).
    downward = sorted(step for step in steps if step > 0) or [0.0]
    usual = min(
        downward[len(downward) // 4], LEADING_AT_MOST * statistics.median(line[2] for line in lines)
    )
    out = [lines[0][0]]
    for (above, below), step in zip(itertools.pairwise(lines), steps, strict=True):
        size_changed = abs(above[2] - below[2]) > PARAGRAPH_SIZE_CHANGE
        if step > usual * PARAGRAPH_GAP or step <= 0 or size_changed:
            out.append("")
        out.append(below[0])
    return out
