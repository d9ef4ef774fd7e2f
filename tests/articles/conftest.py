"""Fixtures for ingestion, upload, import and search tests: what was stored in the private
media folder (`media`, in tests/conftest.py), and synthetic files of every format, generated
here (never copied from real material)."""

import io
import struct
import zipfile
import zlib

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter


@pytest.fixture
def stored_files(media):
    """`stored_files()`: the paths of every file in storage now, relative to MEDIA_ROOT."""

    def list_files() -> list[str]:
        if not media.exists():
            return []
        return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())

    return list_files


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(lines: list[str], *, title: str = "", author: str = "", pages: int = 1) -> bytes:
    """A PDF of `pages` pages whose text layer each holds `lines` (ASCII), written by hand."""
    content = "BT /F1 12 Tf 72 720 Td 16 TL " + " ".join(
        f"({_pdf_string(line)}) '" for line in lines
    )
    content += " ET"
    info = f"<< /Title ({_pdf_string(title)}) /Author ({_pdf_string(author)}) >>"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>",
        f"<< /Type /Pages /Kids [{' '.join(['3 0 R'] * pages)}] /Count {pages} >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        info,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def make_scanned_pdf() -> bytes:
    """A PDF whose page has no text layer, as a scan without OCR."""
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(
    paragraphs: list[str],
    *,
    table: list[list[str]] | None = None,
    after_table: list[str] = (),
    title: str = "",
    author: str = "",
) -> bytes:
    """A Word document: `paragraphs`, then `table` (rows of cells), then `after_table`."""
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row_number, row in enumerate(table):
            for column, value in enumerate(row):
                grid.cell(row_number, column).text = value
    for paragraph in after_table:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_docx_bomb(unpacked_bytes: int) -> bytes:
    """A small .docx whose document part unpacks to `unpacked_bytes` of spaces."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1024 * 1024)
            for _ in range(unpacked_bytes // len(chunk)):
                part.write(chunk)
    return out.getvalue()


def make_lying_docx_bomb(unpacked_bytes: int, *, declared_bytes: int = 2048) -> bytes:
    """A small, otherwise valid .docx whose document part inflates to `unpacked_bytes` of spaces
    while its headers declare `declared_bytes` (and the checksum of that many spaces), so no
    check of the headers alone can tell. Written by hand: zipfile writes honest headers."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b" " * (1024 * 1024)
    deflated = b"".join(squeeze.compress(chunk) for _ in range(unpacked_bytes // len(chunk)))
    deflated += squeeze.flush()
    with zipfile.ZipFile(io.BytesIO(make_docx(["A real paragraph."]))) as real:
        entries = [
            (name, data, 0, len(data), zlib.crc32(data))
            for name in real.namelist()
            if name != "word/document.xml"
            for data in [real.read(name)]
        ]
    lie = zlib.crc32(b" " * declared_bytes)
    entries.append(("word/document.xml", deflated, 8, declared_bytes, lie))
    body, directory = b"", b""
    for name, payload, method, size, crc in entries:
        encoded = name.encode()
        fields = (20, 0, method, 0, 0x21, crc, len(payload), size, len(encoded))
        directory += (
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, len(body))
            + encoded
        )
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded + payload
    count = len(entries)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), len(body), 0)
    return body + directory + end


def make_laid_out_pdf(
    paragraphs: list[str],
    *,
    title: str = "",
    header: str = "",
    page_numbers: bool = False,
    hyphenate: dict[str, str] | None = None,
    width: float = 90,
    lines_per_page: int = 40,
    justify_with_spaces: bool = False,
) -> bytes:
    """A PDF laid out as a printed article: `paragraphs` (Latin-1 text) set word by word in
    justified lines `width` mm wide (so word gaps vary, as in print), a gap between paragraphs,
    `header` on top of every page and "Page N" under it if `page_numbers`. A word of
    `hyphenate` ("intelligence": "intelli-gence") that does not fit at a line's end is cut there
    with a hyphen. `justify_with_spaces` justifies a line with extra space characters, as some
    producers do, rather than by placing its words."""
    from fpdf import FPDF

    hyphenate = hyphenate or {}
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    space = pdf.get_string_width(" ")
    lines: list[tuple[list[str], bool]] = []  # (words, last line of its paragraph)
    for paragraph in paragraphs:
        words, line = paragraph.split(), []
        while words:
            word = words.pop(0)
            fits = pdf.get_string_width(" ".join([*line, word])) <= width
            if fits:
                line.append(word)
                continue
            head, _, tail = hyphenate.get(word, "").partition("-")
            if tail and pdf.get_string_width(" ".join([*line, head + "-"])) <= width:
                line.append(head + "-")
                words.insert(0, tail)
            else:
                words.insert(0, word)
            lines.append((line, False))
            line = []
        lines.append((line, True))

    def new_page(number: int) -> float:
        pdf.add_page()
        if header:
            pdf.text(20, 12, header)
        if page_numbers:
            pdf.text(100, 287, f"Page {number}")
        return 25

    y, count, page = 0.0, lines_per_page, 0
    if title:
        page += 1
        y, count = new_page(page), 0
        pdf.set_font("Helvetica", "B", 14)
        pdf.text(20, y, title)
        pdf.set_font("Helvetica", size=11)
        y += 12
    for words, last in lines:
        if count >= lines_per_page:
            page += 1
            y, count = new_page(page), 0
        natural = sum(pdf.get_string_width(word) for word in words)
        gap = space if last or len(words) < 2 else (width - natural) / (len(words) - 1)
        if justify_with_spaces:
            pdf.text(20, y, (" " * max(1, round(gap / space))).join(words))
        else:
            x = 20.0
            for word in words:
                pdf.text(x, y, word)
                x += pdf.get_string_width(word) + gap
        y += 5.5 + (4 if last else 0)
        count += 1
    return bytes(pdf.output())
