"""Word documents (.docx): paragraphs and tables in document order, and the title, author and
language the file declares."""

import io
import logging
import zipfile

import docx
from docx.table import Table

from articles.ingest.extraction import (
    AUTHOR_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Extraction,
    IngestError,
    language_code,
    one_line,
)

logger = logging.getLogger(__name__)

# Unpacked, a real document is a few MB at most (its XML compresses about tenfold). Anything
# beyond this is a zip bomb meant to exhaust memory. Python's zipfile never yields more bytes
# than an entry declares, so checking the declared sizes is enough.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024

DAMAGED_MESSAGE = (
    "The DOCX file is damaged and cannot be read. Open it in Word or LibreOffice, save it again "
    "as .docx, and upload it once more."
)
BOMB_MESSAGE = (
    "The DOCX file unpacks to more than 50 MB, far more than any article needs, so it was "
    "refused as unsafe. Save the document again without large embedded files."
)
CELL_SEPARATOR = " | "


def read_docx(data: bytes) -> Extraction:
    """Every paragraph and table row of the body in order (a row's cells joined by " | "),
    blocks separated by a blank line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise IngestError(DAMAGED_MESSAGE, code="malformed") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise IngestError(BOMB_MESSAGE, code="zip_bomb")
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [
            line
            for block in document.iter_inner_content()
            for line in (_table_rows(block) if isinstance(block, Table) else [block.text])
        ]
        properties = document.core_properties
        title, author, language = properties.title, properties.author, properties.language
    except Exception as error:  # a parser fed a hostile file can fail in any way
        logger.info("DOCX extraction failed: %r", error)
        raise IngestError(DAMAGED_MESSAGE, code="malformed") from None
    return Extraction(
        text="\n\n".join(block for block in blocks if block.strip()),
        title=one_line(title, TITLE_MAX_LENGTH),
        author=one_line(author, AUTHOR_MAX_LENGTH),
        language=language_code(language),
    )


def _table_rows(table: Table) -> list[str]:
    """One line per row; a merged cell, which python-docx repeats for every column it spans,
    counts once."""
    rows = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            if previous is None or cell._tc is not previous:
                cells.append(" ".join(cell.text.split()))
            previous = cell._tc
        rows.append(CELL_SEPARATOR.join(cells))
    return rows
