"""Reading a PDF is bounded whatever the file declares: its pages, the seconds spent, and the
characters an upload may hold; each refusal says what to do."""

import pytest
from pypdf import PageObject

from articles.ingest import IngestError, extract
from tests.articles.conftest import make_pdf


def _error(filename: str, data: bytes) -> IngestError:
    with pytest.raises(IngestError) as caught:
        extract(filename=filename, data=data)
    return caught.value


def test_pdf_with_more_pages_than_an_article_needs_is_refused(settings):
    settings.ARTICLE_PDF_MAX_PAGES = 20

    error = _error("long.pdf", make_pdf(["A line of text."], pages=21))

    assert error.code == "too_many_pages"
    assert "has 21 pages; Corroborate reads articles of up to 20" in error.messages[0]


def test_pdf_at_the_page_limit_is_read():
    extraction = extract(filename="ok.pdf", data=make_pdf(["A line of text."], pages=3))
    assert extraction.text.count("A line of text.") == 3


def test_pdf_that_takes_too_long_to_read_is_refused(settings, monkeypatch):
    settings.ARTICLE_PDF_MAX_SECONDS = 5
    clock = iter(range(0, 1000, 4))  # every look at the clock: four seconds later
    monkeypatch.setattr("articles.ingest.pdf.time.monotonic", lambda: next(clock))

    error = _error("slow.pdf", make_pdf(["A line of text."], pages=5))

    assert error.code == "too_slow"
    assert "more than 5 seconds" in error.messages[0]


def test_pdf_with_more_text_than_an_upload_may_hold_stops_being_read(settings, monkeypatch):
    settings.ARTICLE_MAX_UPLOAD_BYTES = 1000  # about one and a half pages of this PDF
    read = []
    extract_text = PageObject.extract_text

    def counted(page, *args, **kwargs):
        read.append(page)
        return extract_text(page, *args, **kwargs)

    monkeypatch.setattr(PageObject, "extract_text", counted)

    error = _error("wordy.pdf", make_pdf(["x" * 90] * 8, pages=40))

    assert error.code == "too_large"
    assert len(read) == 2  # not the other 38 pages
