"""Plain text written one paragraph per line (articles/ingest/plain.py, `line_paragraphs`):
each line gets its blank line, so the reading view shows paragraphs; wrapped prose, verse and
lists stay as they were; nothing but line breaks is ever added."""

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.ingest import extract, extract_pasted
from articles.ingest.plain import line_paragraphs
from claims.highlight import paragraphs

CORPUS = Path("/work/shared/corpus")

ONE_PER_LINE = (
    "Convoy seen near the river\n"
    "On Monday the observers counted forty trucks near the crossing at dawn.\n"
    "A second column, they said, followed two hours later with fuel tankers.\n"
    "“We have not seen this many since spring,” one of them told the agency.\n"
    "Officials declined to comment on the numbers."
)
WRAPPED = (
    "On Monday the observers counted forty trucks near the\n"
    "crossing at dawn, and a second column followed two hours\n"
    "later with fuel tankers and what looked like engineering\n"
    "equipment. Officials declined to comment.\n"
    "\n"
    "The next paragraph is wrapped the same way, at a width of\n"
    "about sixty characters, as e-mail and old archives are."
)
VERSE = "Roses are red\nViolets are blue\nThe convoy went north\nAnd the river too"


def _squeezed(text: str) -> str:
    return re.sub(r"\n+", "\n", text)


def test_one_paragraph_per_line_gets_its_blank_lines():
    text = line_paragraphs(ONE_PER_LINE)
    assert text == ONE_PER_LINE.replace("\n", "\n\n")
    assert len(paragraphs(text)) == 5


def test_chinese_written_one_paragraph_per_line_gets_its_blank_lines():
    lines = [
        "东京今天举行了一次会议。",
        "参加者超过一百人，来自各地。",
        "官员表示将发布新政策。",
        "会议明天结束。",
    ]
    text = "\n".join(lines)
    assert line_paragraphs(text) == text.replace("\n", "\n\n")


@pytest.mark.parametrize(
    "text", [WRAPPED, VERSE, "- trucks\n- tankers\n- buses", "Two lines.\nTell nothing."]
)
def test_wrapped_prose_verse_and_lists_stay_as_they_are(text):
    assert line_paragraphs(text) == text


def test_only_the_blocks_written_one_per_line_change():
    text = f"{WRAPPED}\n\n{ONE_PER_LINE}\n"
    assert line_paragraphs(text) == f"{WRAPPED}\n\n{ONE_PER_LINE.replace(chr(10), chr(10) * 2)}\n"


def test_a_txt_file_and_pasted_text_are_read_as_paragraphs():
    from_file = extract(filename="report.txt", data=ONE_PER_LINE.encode())
    pasted = extract_pasted(ONE_PER_LINE.replace("\n", "\r\n"))
    assert len(paragraphs(from_file.text)) == len(paragraphs(pasted.text)) == 5
    assert from_file.text == pasted.text


def test_markdown_keeps_its_own_paragraph_rules():
    text = extract(filename="notes.md", data=ONE_PER_LINE.encode()).text
    assert len(paragraphs(text)) == 1  # a single line break joins lines in Markdown


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared sample corpus is not here")
@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])
def test_the_sample_articles_read_as_paragraphs(path):
    raw = path.read_text(encoding="utf-8")
    text = extract(filename=path.name, data=path.read_bytes()).text
    lines = [line for line in raw.splitlines() if line.strip(" \t\u00a0")]
    assert len(paragraphs(text)) >= len(lines) * 0.9
    assert _squeezed(text).split() == _squeezed(raw).split()  # every word, in order


@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300), max_size=8))
def test_only_line_breaks_are_ever_added_and_it_is_idempotent(pieces):
    text = "\n".join(pieces).replace("\r", "")
    result = line_paragraphs(text)
    assert result.replace("\n", "") == text.replace("\n", "")
    assert result.count("\n") >= text.count("\n")
    assert line_paragraphs(result) == result


@given(
    st.lists(
        st.tuples(
            st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1),
            st.sampled_from([".", "!", "?", ".”", ":"]),
        ),
        min_size=3,
        max_size=12,
    )
)
def test_lines_that_end_sentences_become_one_paragraph_each(rows):
    written = [f"{'x' + words.strip() or 'x'}{end}" for words, end in rows]
    result = line_paragraphs("\n".join(written))
    assert [result[p.start : p.end] for p in paragraphs(result)] == written
