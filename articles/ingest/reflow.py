"""Paragraphs rebuilt from the lines of a PDF's pages: what was one paragraph on paper becomes
one line of text, paragraphs are separated by a blank line (the separator the reading view and
the claim highlighter split on), and what only the page layout put there goes.

- A blank line in a page's text (a vertical gap on the page) ends a paragraph; the lines
  between two gaps are joined with one space.
- A word hyphenated at the end of a line is joined again when the joined word is a word: it
  occurs elsewhere in the text, or else the hyphenated form does not, and the two parts are not
  words of the text on their own nor both in a small list of words that make compounds
  ("well-known"). A hyphen before a capital or a digit ("North-" / "Korean") stays.
- Runs of spaces (justification) become one space; indentation goes.
- A line repeated at the top or bottom of most pages (a running header or footer; in a line of
  a few words digits are ignored, so "Page 3 of 9" repeats too) and a bare page number there
  are dropped.
- A paragraph cut by a page break goes on with the next page's first paragraph when that starts
  in lower case, or when the page ended in the middle of a sentence.

Pure: text in, text out. `reflow(pages)` of its own output (as one page) is that output.
"""

import re
from collections import Counter
from dataclasses import dataclass

from articles.ingest.sentence_ends import CLOSERS, SENTENCE_TERMINALS

#: How many lines at the top and at the bottom of a page may be a running header or footer.
EDGE_LINES = 2
#: Share of the pages a line must repeat on (at the same edge) to be a running header/footer.
REPEAT_SHARE = 0.6
#: A line of at most this many words repeats as a header or footer whatever its digits.
SHORT_LINE_WORDS = 6
#: Fewer pages than this and nothing counts as repeated.
MIN_PAGES_FOR_REPEATS = 2

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_DIGITS = re.compile(r"\d+")
#: Its runs of spaces are possessive (`*+`): a space only `_SPACES` leaves ("\r", "\f") is
#: still `\s`, and two greedy runs side by side would try every split of a long run of them.
_PAGE_NUMBER = re.compile(
    r"^(?:page\s++)?[-–—(\[]?\s*+(?:\d{1,4}|(?=[ivxlc])x{0,3}(?:ix|iv|v?i{0,3}))\s*+[-–—)\]]?"
    r"(?:\s*+(?:/|of)\s*+\d{1,4})?$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:[-‐'’][^\W\d_]+)*")
_LETTERS = re.compile(r"[^\W\d_]+")
_WORD_START = re.compile(r"^([^\W\d_]+)")
SOFT_HYPHEN = "\u00ad"
#: What cuts a word at a line's end: a hyphen, the Unicode hyphen, a soft hyphen.
HYPHENS = ("-", "‐", SOFT_HYPHEN)
#: The letters read before a line-end hyphen: far more than any word has. A longer run counts
#: by its last letters, so reading a line's end costs the same however long the line.
HYPHENATED_PART_MAX = 100
#: What a paragraph's last line ends with; a page that ends without it goes on on the next.
SENTENCE_ENDS = tuple(SENTENCE_TERMINALS + ":;" + CLOSERS)


#: Common English words that make compounds ("well-known", "long-term", "cross-border"): a
#: line-end hyphen between two of them is kept when the text has neither form elsewhere.
_COMPOUND_WORD_LIST = """
    all anti back best big border break cease child co counter cross day down east end ever
    eye far fast few fire first free front full good half hand hard head high home in known
    large last left level like long low made make man many mid minded more most much multi
    new non north off old on one out over part post pre pro quasi re right round run second
    self semi short side single so south state sub super term third three time top two under
    up war way well west wide wing work world year
"""
COMPOUND_WORDS = frozenset(_COMPOUND_WORD_LIST.split())


@dataclass(frozen=True)
class Reflowed:
    """The rebuilt text and the lines dropped as running headers, footers and page numbers."""

    text: str
    dropped: tuple[str, ...] = ()


def reflow(pages: list[str]) -> Reflowed:
    """The text of `pages` (each page's extracted text, lines separated by "\\n") as
    paragraphs separated by one blank line, each paragraph on one line."""
    cleaned = [[_clean(line) for line in page.split("\n")] for page in pages]
    repeated = _running_lines(cleaned)
    dropped: list[str] = []
    paragraphs: list[list[str]] = []
    for page in cleaned:
        kept = _without_running_lines(
            page, repeated, dropped, many_pages=len(cleaned) >= MIN_PAGES_FOR_REPEATS
        )
        page_paragraphs = _paragraphs(kept)
        if page_paragraphs and paragraphs and _continues(paragraphs[-1], page_paragraphs[0]):
            paragraphs[-1].extend(page_paragraphs.pop(0))
        paragraphs.extend(page_paragraphs)
    vocabulary = _vocabulary(paragraphs)
    text = "\n\n".join(_joined(lines, vocabulary) for lines in paragraphs)
    return Reflowed(text=text, dropped=tuple(dropped))


def _clean(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _signature(line: str) -> str:
    """A line as a running header or footer repeats: a short line (a page number, a date)
    with its digits ignored, a longer one exactly (lines of text differing only in their
    numbers are text)."""
    if len(line.split()) > SHORT_LINE_WORDS:
        return line.casefold()
    return _DIGITS.sub("#", line.casefold())


def _edges(page: list[str]) -> list[tuple[str, int]]:
    """The (edge, index) of the lines that may be a header or footer: the first and the last
    `EDGE_LINES` non-blank lines of the page."""
    filled = [index for index, line in enumerate(page) if line]
    top = [("top", index) for index in filled[:EDGE_LINES]]
    bottom = [("bottom", index) for index in filled[-EDGE_LINES:] if index not in filled[:1]]
    return top + bottom


def _running_lines(pages: list[list[str]]) -> set[tuple[str, str]]:
    """The (edge, signature) pairs that repeat on most pages."""
    if len(pages) < MIN_PAGES_FOR_REPEATS:
        return set()
    counts: Counter[tuple[str, str]] = Counter()
    for page in pages:
        counts.update({(edge, _signature(page[index])) for edge, index in _edges(page)})
    needed = max(MIN_PAGES_FOR_REPEATS, round(len(pages) * REPEAT_SHARE))
    return {key for key, count in counts.items() if count >= needed}


def _without_running_lines(
    page: list[str], repeated: set[tuple[str, str]], dropped: list[str], *, many_pages: bool
) -> list[str]:
    """The page without its running header and footer, and without a bare page number at its
    top or bottom when the document has pages to number."""
    drop = set()
    for edge, index in _edges(page):
        line = page[index]
        if _hyphenated_part(line):
            continue  # a line that goes on is text
        if (edge, _signature(line)) in repeated or (many_pages and _PAGE_NUMBER.match(line)):
            drop.add(index)
    if len(drop) == sum(1 for line in page if line):
        return page  # a page of nothing but a repeated line is text, not a header
    dropped.extend(page[index] for index in sorted(drop))
    return [line for index, line in enumerate(page) if index not in drop]


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [paragraph for paragraph in paragraphs if paragraph]


def _continues(previous: list[str], following: list[str]) -> bool:
    """Whether the first paragraph of a page goes on with the last of the page before."""
    first, last = following[0], previous[-1]
    if first[:1].islower() or (_hyphenated_part(last) and first[:1].isalpha()):
        return True
    return not last.endswith(SENTENCE_ENDS) and first[:1].isalnum()


def _vocabulary(paragraphs: list[list[str]]) -> Counter[str]:
    """How often each word occurs, the parts of words cut at a line's end left out."""
    words: Counter[str] = Counter()
    for lines in paragraphs:
        cut = False
        for number, line in enumerate(lines):
            found = _WORD.findall(line)
            if cut and found and _WORD_START.match(line):
                found = found[1:]
            cut = number < len(lines) - 1 and bool(_hyphenated_part(line))
            if cut and found:
                found = found[:-1]
            words.update(word.casefold() for word in found)
    return words


def _hyphenated_part(line: str) -> str:
    """The letters before a hyphen that ends `line` (the first part of a word cut at the line's
    end, at most `HYPHENATED_PART_MAX` of them), or "" when the line does not end so.

    Read backwards from the line's end: a pattern "letters, hyphen, end of line" searched over
    the line tries every letter as a start, quadratic in a line of letters with no hyphen."""
    if not line.endswith(HYPHENS):
        return ""
    before = line[-HYPHENATED_PART_MAX - 1 : -1]
    letters = _LETTERS.match(before[::-1])
    return letters.group()[::-1] if letters else ""


def _joined(lines: list[str], vocabulary: Counter[str]) -> str:
    """The lines of a paragraph as one line. Built from pieces, with only the end of the text so
    far kept for the next join: adding each line to the whole text would copy it every time."""
    pieces = [lines[0]]
    end = lines[0][-HYPHENATED_PART_MAX - 1 :]
    for line in lines[1:]:
        unhyphenate, separator = _joint(end, line, vocabulary)
        if unhyphenate:
            pieces[-1] = pieces[-1][:-1]
            end = end[:-1]
        pieces.extend((separator, line))
        end = (end + separator + line)[-HYPHENATED_PART_MAX - 1 :]
    return "".join(pieces)


def _joint(left: str, right: str, vocabulary: Counter[str]) -> tuple[bool, str]:
    """How the line `right` joins the text `left` before it (whose end is all that counts):
    whether the hyphen ending `left` goes, and what separates the two."""
    head = _hyphenated_part(left)
    if not head:
        return False, " "
    if left.endswith(SOFT_HYPHEN):
        return True, ""
    start = _WORD_START.match(right)
    if start is not None and _is_one_word(head, start.group(1), vocabulary):
        return True, ""
    if right[:1].isalnum():
        return False, ""  # a real hyphen: "North-Korean", "COVID-19", "well-known"
    return False, " "


def _is_one_word(head: str, tail: str, vocabulary: Counter[str]) -> bool:
    """Whether "head-" at a line's end and "tail" on the next line are one hyphenated word."""
    if not tail[:1].islower():
        return False  # "North-" / "Korean", "COVID-" / "19"
    joined, hyphenated = (head + tail).casefold(), f"{head}-{tail}".casefold()
    if vocabulary[joined]:
        return True
    if vocabulary[hyphenated]:
        return False
    # Neither form elsewhere: a real compound joins two words ("well-" / "known"); hyphenation
    # cuts one word into parts that are not words of their own ("intelli-" / "gence").
    head, tail = head.casefold(), tail.casefold()
    if head in COMPOUND_WORDS and tail in COMPOUND_WORDS:
        return False
    return not (vocabulary[head] and vocabulary[tail])
