"""Web pages (.html): the main text, without navigation, buttons, captions or other boilerplate,
and the title, author, date, URL, language and site name the page declares."""

import datetime
import logging
import re

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import use_config

from articles.ingest.extraction import (
    AUTHOR_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Extraction,
    IngestError,
    iso_date,
    language_code,
    one_line,
    web_url,
)
from articles.ingest.html_dates import declared_date
from articles.ingest.normalize import checked_text, decode_text

logger = logging.getLogger(__name__)

# trafilatura's fallback extractors (skipped by `fast`) and its baseline for short results split
# paragraphs at every inline element (links, emphasis). Short articles are still articles: take
# whatever the main extractor finds, and `_fallback_text` when it finds nothing.
_TRAFILATURA_CONFIG = use_config()
_TRAFILATURA_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")

# Removed with everything inside them before extraction: code, embedded documents, controls,
# navigation and image captions never belong to the article's text.
_NOT_TEXT = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "frame",
    "object",
    "embed",
    "svg",
    "math",
    "canvas",
    "button",
    "select",
    "textarea",
    "nav",
    "figcaption",
    etree.Comment,
    etree.ProcessingInstruction,
)
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE
)
# lxml refuses a str that still declares its byte encoding (XHTML's `<?xml ... encoding=?>`).
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]{0,200}\?>")
_SITE_NAME_MAX_LENGTH = 200
UNREADABLE_MESSAGE = (
    "The HTML page could not be read. Save the page again from the browser "
    "(File → Save Page As, “Web Page, HTML only”), or paste its text."
)


def read_html(data: bytes) -> Extraction:
    """The page's main text, one paragraph per block, and the metadata it declares."""
    markup = _decode(data)
    if "<" not in markup:  # a .html file with no markup at all is plain text
        return Extraction(text=markup)
    try:
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", markup))
        declared, published_on = declared_date(tree)  # before its scripts (JSON-LD) go
        etree.strip_elements(tree, *_NOT_TEXT, with_tail=False)
        document = trafilatura.bare_extraction(
            tree,
            fast=True,
            config=_TRAFILATURA_CONFIG,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            date_extraction_params=_date_search(),
        )
        paragraphs = (document.text if document is not None else "") or _fallback_text(tree)
    except Exception as error:  # a parser fed hostile markup can fail in any way
        logger.info("HTML extraction failed: %r", error)
        raise IngestError(UNREADABLE_MESSAGE, code="malformed") from None
    return Extraction(
        text="\n\n".join(line for line in paragraphs.split("\n") if line.strip()),
        title=one_line(document and document.title, TITLE_MAX_LENGTH),
        author=one_line(document and document.author, AUTHOR_MAX_LENGTH),
        url=web_url(document and document.url),
        published_on=published_on if declared else iso_date(document and document.date),
        language=language_code(tree.get("lang")),
        outlet_name=one_line(document and document.sitename, _SITE_NAME_MAX_LENGTH),
    )


def _date_search() -> dict:
    """How trafilatura looks for a date where the page declares none (in its text, its URL):
    the original publication, from 1800 (its default stops at 1995) to a day past today (a
    page from a zone ahead of UTC may be dated tomorrow here)."""
    latest = datetime.date.today() + datetime.timedelta(days=2)
    return {
        "original_date": True,
        "extensive_search": False,
        "min_date": "1800-01-01",
        "max_date": latest.isoformat(),
    }


def _decode(data: bytes) -> str:
    """The markup in the charset the page declares, if it decodes cleanly; else as any text."""
    declared = _DECLARED_CHARSET.search(data[:4096])
    if declared:
        try:
            return checked_text(data.decode(declared.group(1).decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)


def _fallback_text(tree) -> str:
    """The text of every paragraph-like block, for pages too short or too plain for trafilatura
    to recognise an article in them."""
    body = tree.find("body")
    if body is None:
        return ""
    blocks = body.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre")
    lines = [" ".join(block.text_content().split()) for block in blocks]
    if not any(lines):
        lines = [" ".join(body.text_content().split())]
    return "\n".join(lines)
