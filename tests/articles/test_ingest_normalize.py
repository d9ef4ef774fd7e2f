"""normalize_text: the one form every offset refers to."""

import re
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from articles.ingest.normalize import content_sha256, normalize_text

# Text biased towards the characters normalization cares about, plus anything else.
WHITESPACE_HEAVY = st.lists(
    st.one_of(
        st.sampled_from(["\n", "\r", "\r\n", " ", "\t", "a", "\u00e9", "e\u0301", "\u00a0", "😀"]),
        st.characters(),
    ),
    max_size=60,
).map("".join)
ANY_TEXT = st.one_of(WHITESPACE_HEAVY, st.text(max_size=80))


def _lines_before_cut(text: str) -> list[str]:
    """The input's lines after NFC, newline unification and trailing-blank removal."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return [line.rstrip(" \t") for line in text.split("\n")]


# --- Examples ----------------------------------------------------------------------------------


def test_crlf_becomes_lf():
    assert normalize_text("one\r\ntwo") == "one\ntwo"


def test_lone_cr_becomes_lf():
    assert normalize_text("one\rtwo") == "one\ntwo"


def test_cr_cr_lf_is_two_line_breaks():
    assert normalize_text("one\r\r\ntwo") == "one\n\ntwo"


def test_trailing_spaces_and_tabs_are_dropped_on_every_line():
    assert normalize_text("one \t \ntwo\t\nthree  ") == "one\ntwo\nthree"


def test_leading_spaces_and_inner_spaces_are_kept():
    assert normalize_text("  indented  twice\n\tkept") == "  indented  twice\n\tkept"


def test_non_breaking_space_at_line_end_is_kept():
    assert normalize_text("price\u00a0\nnext") == "price\u00a0\nnext"


def test_decomposed_accent_is_composed_nfc():
    assert normalize_text("cafe\u0301") == "caf\u00e9"


def test_two_blank_lines_are_kept():
    assert normalize_text("one\n\n\ntwo") == "one\n\n\ntwo"


def test_more_than_two_blank_lines_become_two():
    assert normalize_text("one\n\n\n\n\n\ntwo") == "one\n\n\ntwo"


def test_lines_of_only_spaces_count_as_blank():
    assert normalize_text("one\n \n\t\n  \n \ntwo") == "one\n\n\ntwo"


def test_blank_lines_at_start_and_end_are_dropped():
    assert normalize_text("\n\n \nbody\n\n  \n") == "body"


def test_text_does_not_end_with_newline():
    assert not normalize_text("body\n").endswith("\n")


def test_whitespace_only_text_becomes_empty():
    assert normalize_text(" \r\n\t\n  ") == ""


def test_emoji_and_other_scripts_pass_through():
    text = "Сеул 😀 서울 — «quoted»"
    assert normalize_text(text) == text


def test_content_sha256_is_hex_digest_of_utf8():
    assert content_sha256("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_content_sha256_hashes_utf8_bytes():
    assert content_sha256("é") == (
        "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c"
    )


def test_content_sha256_differs_for_different_text():
    assert content_sha256("one") != content_sha256("two")


# --- Properties --------------------------------------------------------------------------------


@given(ANY_TEXT)
@example("a\r\n\r\n\r\n\r\nb")
@example("e\u0301 \n\n\n\n\u0301")
def test_normalizing_twice_changes_nothing(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(ANY_TEXT)
def test_result_is_nfc(text):
    result = normalize_text(text)
    assert unicodedata.is_normalized("NFC", result)


@given(ANY_TEXT)
def test_result_has_no_carriage_return(text):
    assert "\r" not in normalize_text(text)


@given(ANY_TEXT)
def test_no_line_ends_in_space_or_tab(text):
    result = normalize_text(text)
    assert all(not line.endswith((" ", "\t")) for line in result.split("\n"))


@given(ANY_TEXT)
def test_never_more_than_two_blank_lines_in_a_row(text):
    assert "\n\n\n\n" not in normalize_text(text)


@given(ANY_TEXT)
def test_no_newline_at_start_or_end(text):
    result = normalize_text(text)
    assert not result.startswith("\n")
    assert not result.endswith("\n")


@given(ANY_TEXT)
def test_characters_other_than_whitespace_are_kept_in_order(text):
    def visible(value: str) -> str:
        return re.sub(r"[ \t\r\n]", "", value)

    assert visible(normalize_text(text)) == visible(unicodedata.normalize("NFC", text))


@given(ANY_TEXT)
def test_non_blank_lines_are_the_input_lines_in_order(text):
    """Nothing but line endings and blank lines change: each non-blank line survives intact."""
    expected = [line for line in _lines_before_cut(text) if line]
    assert [line for line in normalize_text(text).split("\n") if line] == expected


@given(ANY_TEXT)
def test_blank_runs_between_lines_are_kept_up_to_two(text):
    def gaps(lines: list[str]) -> list[int]:
        runs, blank, seen_text = [], 0, False
        for line in lines:
            if line:
                if seen_text:
                    runs.append(blank)
                seen_text, blank = True, 0
            else:
                blank += 1
        return runs

    expected = [min(run, 2) for run in gaps(_lines_before_cut(text))]
    assert gaps(normalize_text(text).split("\n")) == expected
