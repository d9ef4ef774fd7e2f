"""Plain text: .txt and .md files, and text pasted into the upload page."""

import re

from articles.ingest.extraction import (
    AUTHOR_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Extraction,
    iso_date,
    language_code,
    one_line,
    web_url,
)
from articles.ingest.normalize import decode_text

# YAML-style front matter at the very top of a Markdown file: `---`, `key: value` lines, `---`.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.{0,4000}?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_]+)[ \t]*:[ \t]*(.*)$", re.MULTILINE)


def read_text_file(data: bytes) -> Extraction:
    """A .txt file: the decoded text; the title is left to the first line."""
    return Extraction(text=decode_text(data))


def read_markdown(data: bytes) -> Extraction:
    """A .md file: the Markdown source as it is, without its front matter, whose title, author,
    date, URL and language become metadata. The title otherwise comes from the first heading."""
    text = decode_text(data)
    fields: dict[str, str] = {}
    front_matter = _FRONT_MATTER.match(text)
    if front_matter:
        fields = {
            key.lower(): value.strip().strip("\"'")
            for key, value in _FRONT_MATTER_LINE.findall(front_matter.group(1))
        }
        text = text[front_matter.end() :]
    return Extraction(
        text=text,
        title=one_line(fields.get("title") or _first_heading(text), TITLE_MAX_LENGTH),
        author=one_line(fields.get("author"), AUTHOR_MAX_LENGTH),
        url=web_url(fields.get("url")),
        published_on=iso_date(fields.get("date")),
        language=language_code(fields.get("language") or fields.get("lang")),
    )


def read_pasted(text: str) -> Extraction:
    """Text pasted into the upload page; the title is left to the first line."""
    return Extraction(text=text)


def _first_heading(text: str) -> str:
    """The first non-blank line, without the `#` marks of a Markdown heading."""
    for line in text.splitlines():
        line = line[: TITLE_MAX_LENGTH * 2].strip()
        if line:
            marks = len(line) - len(line.lstrip("#"))
            if 1 <= marks <= 6 and line[marks : marks + 1] in (" ", "\t"):
                return line[marks:].strip().rstrip("#").strip()
            return line
    return ""
