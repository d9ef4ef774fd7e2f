"""An article's title and the first line of its text: the same words are not kept twice."""

import re
import unicodedata

from articles.ingest.sentence_ends import SENTENCE_TERMINALS

#: A title guessed from the first line is cut to this many characters.
TITLE_GUESS_LENGTH = 120
#: A first line ending in one of these is a sentence of the article, not its heading.
SENTENCE_ENDS = tuple(SENTENCE_TERMINALS)
#: The marks of a Markdown heading (`# Title`).
_HEADING_MARKS = re.compile(r"^#{1,6}[ \t]+|[ \t]+#+[ \t]*$")


def _comparable(line: str) -> str:
    return " ".join(_HEADING_MARKS.sub("", line.strip()).split()).casefold()


def without_title_line(text: str, title: str, *, guessed: bool = False) -> str:
    """`text` without its first line when that line is the title (spacing, case and Markdown
    heading marks aside), along with the blank lines after it. A title guessed from that very
    line (`guessed`) goes only when the line reads as a heading: no sentence ends it. The text
    is kept whole when nothing would be left of it."""
    first, _, rest = text.lstrip("\n").partition("\n")
    rest = rest.lstrip("\n")
    if not rest.strip() or _comparable(first) != _comparable(title) or not title.strip():
        return text
    if guessed and first.rstrip().endswith(SENTENCE_ENDS):
        return text
    return rest


def title_guess(text: str) -> str:
    """The first non-blank line of `text`, cut to `TITLE_GUESS_LENGTH` characters."""
    first_line = next(line.strip() for line in text.split("\n") if line.strip())
    if len(first_line) <= TITLE_GUESS_LENGTH:
        return first_line
    return first_line[: TITLE_GUESS_LENGTH - 1].rstrip() + "…"


def title_and_text(text: str, title: str) -> tuple[str, str]:
    """The title an article is stored with (the one given, on one line, or else a guess from
    the first line) and its text without that title as its first line. `text` is normalized
    and not blank."""
    given = unicodedata.normalize("NFC", " ".join(title.split()))
    title = given or title_guess(text)
    return title, without_title_line(text, title, guessed=not given)
