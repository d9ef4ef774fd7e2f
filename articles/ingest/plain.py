"""Plain text: .txt and .md files, and text pasted into the upload page.

Plain text often puts one paragraph on each line, with no blank line between them (text copied
from a web page, most news exports); the reading view, screen readers and the keyboard take
paragraphs from blank lines (`claims.highlight.paragraphs`), so such text would read as one
block. `line_paragraphs` gives each of those lines its blank line, where a block of lines reads
as one paragraph per line rather than as prose wrapped at a width; it only ever inserts line
breaks, before any offset is taken.
"""

import re
import statistics

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
from articles.ingest.sentence_ends import CLOSERS, SENTENCE_TERMINALS

# YAML-style front matter at the very top of a Markdown file: `---`, `key: value` lines, `---`.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.{0,4000}?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_]+)[ \t]*:[ \t]*(.*)$", re.MULTILINE)


# What ends a paragraph's last sentence: terminal punctuation, then closing quotes or brackets.
_SENTENCE_END = re.compile(f"[{re.escape(SENTENCE_TERMINALS)}:;][{re.escape(CLOSERS)}]*\\s*$")
_BLANK_LINES = re.compile(r"(\n[ \t\u00a0]*\n\s*)")
#: Above this median length a block's lines are no width's wrapping: they are paragraphs.
_LONGER_THAN_WRAPPED = 120
#: Share of a block's lines (all but its last) ending a sentence above which they are
#: paragraphs; prose wrapped at a width ends a sentence at a line's end far less often.
_PARAGRAPH_ENDINGS = 0.6


def _one_paragraph_per_line(lines: list[str]) -> bool:
    if len(lines) < 3 or any(not line.strip() for line in lines):  # two lines tell nothing
        return False
    ending = sum(1 for line in lines[:-1] if _SENTENCE_END.search(line)) / (len(lines) - 1)
    if ending >= _PARAGRAPH_ENDINGS:
        return True
    return statistics.median(len(line) for line in lines) > _LONGER_THAN_WRAPPED and ending >= 0.3


def line_paragraphs(text: str) -> str:
    """`text` with a blank line between the lines of every block (text between blank lines)
    written one paragraph per line; wrapped prose, verse, lists and addresses stay as they are.
    Nothing but line breaks is ever added."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = _BLANK_LINES.split(text)  # blocks at even indexes, the blank lines between at odd
    for index in range(0, len(parts), 2):
        block = parts[index]
        body = block.strip("\n")  # line breaks at the very start or end of the text
        lines = body.split("\n")
        if body and _one_paragraph_per_line(lines):
            lead = block[: len(block) - len(block.lstrip("\n"))]
            parts[index] = lead + "\n\n".join(lines) + block[len(lead) + len(body) :]
    return "".join(parts)


def read_text_file(data: bytes) -> Extraction:
    """A .txt file: the decoded text, one paragraph per line given its blank line; the title is
    left to the first line."""
    return Extraction(text=line_paragraphs(decode_text(data)))


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
    """Text pasted into the upload page, one paragraph per line given its blank line; the title
    is left to the first line."""
    return Extraction(text=line_paragraphs(text))


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
