"""articles.ingest: each format reader, decoding, and the same text whichever way it came in."""

import datetime
import io
import tracemalloc
import zipfile

import docx as python_docx
import pytest
from django.core.files.base import ContentFile

from articles import ingest
from articles.ingest import IngestError, extract, extract_pasted
from articles.ingest.normalize import content_sha256, decode_text, normalize_text
from tests.articles.conftest import (
    make_docx,
    make_docx_bomb,
    make_lying_docx_bomb,
    make_pdf,
    make_scanned_pdf,
)

PAGE = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Convoys cross the river | Synthetic Gazette</title>
<meta name="author" content="Jane Writer">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta property="og:site_name" content="Synthetic Gazette">
<link rel="canonical" href="https://gazette.example/convoys">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World news section</a></nav>
<button>Share this story</button>
<article><h1>Convoys cross the river</h1>
<p>Officials said on Tuesday that forty convoys had crossed the river during the night.</p>
<figure><img src="convoy.png" alt="">
<figcaption>A convoy at dawn. Photo: Agency</figcaption></figure>
<p>A spokesperson added that twelve observers would arrive before the end of the month.</p>
</article>
<footer>Copyright Synthetic Gazette. All rights reserved.</footer>
</body></html>"""


def _read(name: str, data: bytes):
    return extract(filename=name, data=data)


def _error(name: str, data: bytes) -> IngestError:
    with pytest.raises(IngestError) as caught:
        _read(name, data)
    return caught.value


# --- Plain text --------------------------------------------------------------------------------


def test_utf8_text_file_is_read_and_normalized():
    extraction = _read("report.txt", "Café line  \r\n\r\n\r\n\r\n\r\nNext 😀\r\n".encode())
    assert extraction.text == "Café line\n\n\nNext 😀"


def test_utf8_byte_order_mark_is_dropped():
    assert _read("report.txt", b"\xef\xbb\xbfHello").text == "Hello"


def test_utf16_with_byte_order_mark_is_decoded():
    assert _read("report.txt", "Zürich, Kyiv".encode("utf-16")).text == "Zürich, Kyiv"


def test_windows_1252_text_is_detected():
    data = "Le café est très bon.\r\nUne ligne de plus, à côté.".encode("cp1252")
    assert _read("note.txt", data).text == "Le café est très bon.\nUne ligne de plus, à côté."


def test_short_windows_1252_text_is_detected():
    assert _read("note.txt", "café\r\nline".encode("cp1252")).text == "café\nline"


def test_cyrillic_windows_1251_text_is_detected():
    text = "Привет, как дела? Это проверка кодировки текста."
    assert _read("note.txt", text.encode("cp1251")).text == text


def test_text_file_leaves_the_title_to_the_first_line():
    assert _read("note.txt", b"Headline\n\nBody").title == ""


def test_markdown_title_comes_from_its_first_heading():
    extraction = _read("note.md", b"## Convoys at dawn ##\n\nBody *text*.")
    assert extraction.title == "Convoys at dawn"
    assert extraction.text == "## Convoys at dawn ##\n\nBody *text*."


def test_markdown_front_matter_becomes_metadata_and_leaves_the_text():
    data = (
        b'---\ntitle: "Front title"\nauthor: J. Writer\ndate: 2024-01-02\n'
        b"url: https://example.org/a\nlang: fr-FR\n---\n# Heading\n\nBody"
    )
    extraction = _read("note.md", data)
    assert (extraction.title, extraction.author, extraction.url, extraction.language) == (
        "Front title",
        "J. Writer",
        "https://example.org/a",
        "fr",
    )
    assert extraction.published_on == datetime.date(2024, 1, 2)
    assert extraction.text == "# Heading\n\nBody"


def test_pasted_text_is_normalized():
    assert extract_pasted("  \n\nOne  \r\nTwo\n\n").text == "One\nTwo"


# --- HTML --------------------------------------------------------------------------------------


def test_html_keeps_the_article_paragraphs_in_order():
    text = _read("page.html", PAGE.encode()).text
    paragraphs = text.split("\n\n")
    assert paragraphs == [
        "Convoys cross the river",
        "Officials said on Tuesday that forty convoys had crossed the river during the night.",
        "A spokesperson added that twelve observers would arrive before the end of the month.",
    ]


@pytest.mark.parametrize(
    "boilerplate", ["World news section", "Share this story", "A convoy at dawn", "Copyright"]
)
def test_html_drops_navigation_buttons_captions_and_footer(boilerplate):
    assert boilerplate not in _read("page.html", PAGE.encode()).text


def test_html_metadata_is_kept():
    extraction = _read("page.html", PAGE.encode())
    assert (extraction.title, extraction.author, extraction.url) == (
        "Convoys cross the river",
        "Jane Writer",
        "https://gazette.example/convoys",
    )
    assert extraction.published_on == datetime.date(2024, 3, 5)
    assert (extraction.language, extraction.outlet_name) == ("en", "Synthetic Gazette")


def test_html_fragment_without_html_and_body_is_read():
    assert _read("clip.htm", b"<p>First part.</p><p>Second part.</p>").text == (
        "First part.\n\nSecond part."
    )


def test_html_in_the_charset_it_declares_is_decoded():
    data = '<meta charset="windows-1252"><p>Déjà vu à Genève.</p>'.encode("cp1252")
    assert _read("page.html", data).text == "Déjà vu à Genève."


def test_xhtml_with_an_xml_declaration_is_read():
    data = b'<?xml version="1.0" encoding="utf-8"?><html><body><p>Plain words.</p></body></html>'
    assert _read("page.html", data).text == "Plain words."


# --- PDF ---------------------------------------------------------------------------------------


def test_pdf_text_layer_is_read_with_its_metadata():
    data = make_pdf(
        ["Forty convoys crossed the river.", "Observers will arrive."],
        title="PDF report",
        author="Field office",
    )
    extraction = _read("report.pdf", data)
    # Two lines of one paragraph on the page: one line of text.
    assert extraction.text == "Forty convoys crossed the river. Observers will arrive."
    assert (extraction.title, extraction.author, extraction.language) == (
        "PDF report",
        "Field office",
        "en",
    )


def test_pdf_without_a_text_layer_is_refused_as_scanned():
    error = _error("scan.pdf", make_scanned_pdf())
    assert error.code == "no_text_layer"
    assert error.message.startswith("Scanned PDF, no text")


# --- DOCX --------------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_are_read_in_document_order():
    data = make_docx(
        ["Before the table."],
        table=[["Place", "Convoys"], ["Port", "40"]],
        after_table=["After the table."],
    )
    assert _read("brief.docx", data).text == (
        "Before the table.\n\nPlace | Convoys\n\nPort | 40\n\nAfter the table."
    )


def test_docx_merged_cell_counts_once():
    original = make_docx(["Intro."], table=[["a", "b"], ["c", "d"]])
    document = python_docx.Document(io.BytesIO(original))
    table = document.tables[0]
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Merged heading"
    out = io.BytesIO()
    document.save(out)
    assert _read("brief.docx", out.getvalue()).text == "Intro.\n\nMerged heading\n\nc | d"


def test_docx_metadata_is_kept():
    extraction = _read("brief.docx", make_docx(["Body."], title="Brief", author="Analyst A"))
    assert (extraction.title, extraction.author) == ("Brief", "Analyst A")


# --- One text, whichever way it came in --------------------------------------------------------


def test_the_same_article_gives_the_same_text_from_every_format():
    paragraphs = ["Convoys crossed the river at night.", "Observers will arrive next month."]
    texts = {
        "txt": _read("a.txt", "\r\n\r\n".join(paragraphs).encode()).text,
        "md": _read("a.md", "\n\n".join(paragraphs).encode()).text,
        "html": _read("a.html", "".join(f"<p>{p}</p>" for p in paragraphs).encode()).text,
        "docx": _read("a.docx", make_docx(paragraphs)).text,
        "pasted": extract_pasted("\n\n".join(paragraphs) + "\n").text,
    }
    assert len({content_sha256(text) for text in texts.values()}) == 1, texts


# --- Refusals ----------------------------------------------------------------------------------


def test_binary_data_named_txt_is_refused():
    error = _error("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    assert error.code == "binary"


def test_control_characters_mark_text_as_binary():
    with pytest.raises(IngestError):
        decode_text(b"\x01\x02\x03\x04" * 100 + b"some letters")


def test_a_few_form_feeds_and_tabs_are_still_text():
    assert decode_text(b"Page one\x0c\tPage two") == "Page one\x0c\tPage two"


def test_invalid_utf8_sequences_say_where():
    error = _error("notes.txt", b"Valid \xc3\xa9 then broken \xff\xfe end")
    assert error.code == "invalid_encoding"
    assert error.message == (
        "The file is not valid UTF-8: the bytes at position 21 are not part of any "
        "character. Save it again as UTF-8 and upload it once more."
    )


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # A capital accented letter before an ellipsis or a quote is a UTF-8 pair by chance.
        ("Die Zeitung schrieb über den Vorfall. Man hörte „Geräusche“ vom Fluß…", "cp1252"),
        ("Le ministre a dit « c’est fini » à la presse. L’ÉTÉ… était long.", "cp1252"),
        ("東京で会議が開かれた。参加者は百人を超えた。政府は新しい政策を発表した。", "shift_jis"),
        ("东京举行了会议。参加者超过一百人。政府发布了新的政策。", "gb18030"),
    ],
)
def test_text_in_a_legacy_encoding_that_holds_a_utf8_pair_by_chance_is_read(text, encoding):
    assert decode_text(text.encode(encoding)) == text


def test_unknown_extension_is_refused_with_the_formats_to_use():
    error = _error("sheet.xlsx", b"PK\x03\x04")
    assert error.message == (
        "Files ending in .xlsx cannot be imported. Upload .txt, .md, .html, .pdf or .docx files."
    )


def test_old_word_format_suggests_docx():
    assert _error("old.doc", b"x").message.endswith("Save it as .docx first.")


def test_file_without_extension_is_refused():
    assert _error("README", b"text").code == "unknown_format"


def test_empty_file_is_refused():
    assert _error("empty.txt", b"").message == "The file is empty."


def test_whitespace_only_file_has_no_text():
    assert _error("blank.txt", b" \r\n\t\n").code == "no_text"


def test_malformed_pdf_is_refused():
    assert _error("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Cat").code == "malformed"


def test_file_named_pdf_that_is_not_a_pdf_is_refused():
    assert _error("fake.pdf", b"Just some words.").code == "malformed"


def test_malformed_docx_is_refused():
    assert _error("broken.docx", b"PK\x03\x04 not really a zip").code == "malformed"


def test_zip_that_is_not_a_word_document_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("hello.txt", "hi")
    assert _error("fake.docx", archive.getvalue()).code == "malformed"


def test_docx_zip_bomb_is_refused_before_unpacking():
    bomb = make_docx_bomb(60 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    assert _error("bomb.docx", bomb).code == "zip_bomb"


def test_docx_whose_headers_lie_about_its_size_is_refused_without_inflating_it_whole():
    bomb = make_lying_docx_bomb(100 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    tracemalloc.start()
    try:
        error = _error("liar.docx", bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert error.code in ("malformed", "zip_bomb")
    # The entry would inflate to 100 MB; reading it a chunk at a time keeps to a few MB.
    assert peak < 20 * 1024 * 1024, f"peak {peak / 2**20:.0f} MB"


def test_docx_read_through_the_inflated_copy_keeps_every_paragraph_and_property():
    data = make_docx(["First paragraph.", "Second one."], title="A title", author="An author")
    extraction = extract(filename="ok.docx", data=data)
    assert extraction.text == "First paragraph.\n\nSecond one."
    assert (extraction.title, extraction.author) == ("A title", "An author")


def test_text_larger_than_the_limit_after_extraction_is_refused(settings):
    settings.ARTICLE_MAX_UPLOAD_BYTES = 1000
    error = _error("big.docx", make_docx(["word " * 400]))
    assert error.code == "too_large"


# --- Limits on reading -------------------------------------------------------------------------


def test_read_limited_refuses_a_file_over_the_limit_before_reading(settings):
    settings.ARTICLE_MAX_UPLOAD_BYTES = 10
    with pytest.raises(IngestError) as caught:
        ingest.read_limited(ContentFile(b"x" * 11, name="a.txt"))
    assert caught.value.code == "too_large"


def test_file_sizes_read_well_and_round_up():
    sizes = (5 * 1024 * 1024, 5 * 1024 * 1024 + 1, 7654321, 200_000)
    assert [ingest.file_size(n) for n in sizes] == ["5 MB", "5.1 MB", "7.3 MB", "196 KB"]


def test_display_filename_drops_folders_and_long_names():
    assert ingest.display_filename("../../etc/pass wd.txt") == "pass wd.txt"
    assert ingest.display_filename("C:\\Users\\x\\report.pdf") == "report.pdf"
    long_name = ingest.display_filename("a" * 400 + ".docx")
    assert len(long_name) == 255
    assert long_name.endswith(".docx")


# --- Hostile text ------------------------------------------------------------------------------


def test_a_1_mb_line_full_of_spaces_normalizes_without_backtracking():
    """A regular expression for trailing blanks would take hours on this; lines are cut."""
    line = "word" + " " * 1_000_000 + "end" + " \t" * 1000
    assert normalize_text(line) == "word" + " " * 1_000_000 + "end"


def test_a_1_mb_single_line_file_is_read():
    data = b"convoy " * 150_000
    extraction = _read("one-line.txt", data)
    assert extraction.text == data.decode().rstrip()
    assert "\n" not in extraction.text


def test_text_of_only_non_breaking_spaces_has_no_text():
    assert _error("blank.txt", "\u00a0\u2003\n\u00a0".encode()).code == "no_text"


def _dated_page(head: str, body: str = "") -> bytes:
    words = "<p>" + "The ministry said 4,000 soldiers crossed the bridge at dawn. " * 6 + "</p>"
    return (
        f"<html><head><title>Dated</title>{head}</head>"
        f"<body><article><h1>Dated</h1>{words}{body}</article></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("head", "published_on"),
    [
        # A day past the server's "today" (a page published this morning in Kiribati, UTC+14,
        # is dated tomorrow here) is kept as the page's own day: it became 1 January.
        (
            '<meta property="article:published_time" content="2099-12-01T07:04:44+14:00">',
            "2099-12-01",
        ),
        # Before 1995 (htmldate's earliest date: it was dropped).
        ('<meta property="article:published_time" content="1994-06-15">', "1994-06-15"),
        ('<meta name="dc.date" content="1871-03-18">', "1871-03-18"),
        # A date that does not exist is not "repaired" into another one.
        ('<meta property="article:published_time" content="2023-02-29">', None),
        ('<meta property="article:published_time" content="2023-13-01">', None),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
            '[{"@type": "NewsArticle", "datePublished": "1989-11-09T20:00:00+01:00"}]}</script>',
            "1989-11-09",
        ),
    ],
)
def test_an_html_page_is_dated_as_it_declares(head, published_on):
    extraction = _read("page.html", _dated_page(head))

    expected = datetime.date.fromisoformat(published_on) if published_on else None
    assert extraction.published_on == expected


def test_a_time_element_marked_as_the_publication_dates_the_page():
    body = '<p>Filed <time itemprop="datePublished" datetime="1990-10-03">3 October</time>.</p>'
    assert _read("page.html", _dated_page("", body)).published_on == datetime.date(1990, 10, 3)


@pytest.mark.parametrize(
    "json_ld",
    [
        '{"@graph": null, "datePublished": "1999-01-02"}',
        '{"@graph": {"@type": "NewsArticle", "datePublished": "1999-01-02"}}',
        "[" * 5000 + "]" * 5000,  # nested past what the parser takes
        '{"@graph": [1, "x", {"datePublished": 5}], "datePublished": "1999-01-02"}',
    ],
)
def test_json_ld_of_any_shape_never_costs_the_page(json_ld):
    # A "@graph": null (or a block nested too deep) refused the whole page as unreadable.
    head = f'<script type="application/ld+json">{json_ld}</script>'

    extraction = _read("page.html", _dated_page(head))

    assert "4,000 soldiers" in extraction.text
    if "1999" in json_ld:
        assert extraction.published_on == datetime.date(1999, 1, 2)
