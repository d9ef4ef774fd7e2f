"""Word documents (.docx): paragraphs and tables in document order, and the title, author and
language the file declares."""

import io
import logging
import zipfile
import zlib

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
# beyond this is a zip bomb meant to exhaust memory.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
#: How much is inflated at a time while the archive is copied.
INFLATE_CHUNK = 64 * 1024

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
        unpacked = _inflated_copy(data)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, zlib.error):
        raise IngestError(DAMAGED_MESSAGE, code="malformed") from None
    try:
        document = docx.Document(unpacked)
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


def _inflated_copy(data: bytes) -> io.BytesIO:
    """The archive copied with every entry inflated and stored as is, so that python-docx reads
    exactly these bytes and inflates nothing itself.

    Inflating happens here a chunk at a time, counting bytes, and stops past
    `MAX_UNPACKED_BYTES` whatever the headers declare; an entry is also cut at its declared size
    (zipfile's rule), so a header that lies small cannot make any later reader inflate more.
    Without this, python-docx asks zipfile for a whole entry at once, which inflates all of it
    in memory before cutting it to the declared size: a 600 KB upload took 1.3 GB."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(entry.file_size for entry in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise IngestError(BOMB_MESSAGE, code="zip_bomb")
        copy = io.BytesIO()
        total = 0
        with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as stored:
            for entry in archive.infolist():
                chunks = []
                with archive.open(entry) as stream:
                    while chunk := stream.read(INFLATE_CHUNK):
                        total += len(chunk)
                        if total > MAX_UNPACKED_BYTES:
                            raise IngestError(BOMB_MESSAGE, code="zip_bomb")
                        chunks.append(chunk)
                stored.writestr(entry.filename, b"".join(chunks))
    copy.seek(0)
    return copy


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
