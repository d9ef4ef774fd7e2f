"""The one normalization every article text goes through before any offset is taken, and the
decoding of uploaded bytes into text that comes before it."""

import contextlib
import hashlib
import re
import unicodedata

from charset_normalizer import from_bytes

from articles.ingest.extraction import IngestError

_TOO_MANY_BLANK_LINES = re.compile(r"\n{4,}")

# Byte order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Where bytes that are no UTF-8 were decoded (`_mostly_utf8`).
_REPLACEMENT_RUNS = re.compile("\ufffd+")
# Control characters (Unicode category Cc) other than the tab, line and page breaks that text
# files legitimately contain.
_STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_COMMONEST_LEGACY = "cp1252"
_NEAR_TIE = 0.1
# Share of other control characters above which the content is data, not text.
_MAX_CONTROL_SHARE = 0.01

BINARY_MESSAGE = (
    "The file holds binary data, not text. Check that it is the file you meant, or convert it "
    "to plain text first."
)


def normalize_text(text: str) -> str:
    """Return `text` in the form every offset refers to.

    Unicode NFC; ``\\r\\n`` and lone ``\\r`` become ``\\n``; spaces and tabs at the end of every
    line are dropped; runs of more than two blank lines become two; blank lines at the start and
    end are dropped, and the text ends without a newline. Nothing else changes.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Line by line rather than with a regular expression: `[ \t]+$` backtracks quadratically on
    # a long run of spaces inside a line, which a hostile upload can contain.
    text = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    text = _TOO_MANY_BLANK_LINES.sub("\n\n\n", text)
    return text.strip("\n")


def content_sha256(text: str) -> str:
    """The fingerprint that identifies an article's normalized text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode_text(data: bytes) -> str:
    """Decode the bytes of a text file.

    A byte order mark decides the encoding; otherwise UTF-8, and failing that the encoding that
    charset-normalizer detects. Raises `IngestError` for binary data and for UTF-8 with invalid
    byte sequences (decoding those in another encoding would silently garble the text).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return checked_text(data.decode(encoding))
            except UnicodeDecodeError as error:
                raise _invalid(encoding.upper().removesuffix("-SIG"), error) from None
    if b"\x00" in data:
        raise IngestError(BINARY_MESSAGE, code="binary")
    try:
        return checked_text(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        if _mostly_utf8(data):
            raise _invalid("UTF-8", error) from None
    best = _likeliest_decoding(data)
    if best is None:
        raise IngestError(BINARY_MESSAGE, code="binary")
    return checked_text(best)


def _mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 are UTF-8 damaged in places rather than text in
    another encoding: their characters outside ASCII are more often whole UTF-8 sequences than
    runs of bytes that are none. Windows-1252 meets such a sequence only by chance ("ß…", "É…":
    a capital accented letter before a quote or a dash), Shift_JIS or GBK about as seldom, and
    their other accented letters and ideographs are no UTF-8 at all."""
    decoded = data.decode("utf-8", errors="replace")
    damaged = len(_REPLACEMENT_RUNS.findall(decoded))
    whole = sum(1 for character in decoded if character > "\x7f") - decoded.count("\ufffd")
    return whole >= damaged


def _likeliest_decoding(data: bytes) -> str | None:
    """The text in the encoding charset-normalizer finds likeliest.

    On short samples several single-byte encodings score alike; among near ties the commonest
    encodings win: Windows-1252, then the other Windows code pages, then ISO 8859.
    """
    matches = list(from_bytes(data))
    if not matches:
        return None
    lowest = min(match.chaos for match in matches)
    chosen = min(
        (match for match in matches if match.chaos <= lowest + _NEAR_TIE),
        key=lambda match: (_rarity(match.could_be_from_charset), match.chaos, -match.coherence),
    )
    if _COMMONEST_LEGACY in chosen.could_be_from_charset:
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode(_COMMONEST_LEGACY)
    return str(chosen)


def _rarity(encodings: list[str]) -> int:
    if _COMMONEST_LEGACY in encodings:
        return 0
    if any(name.startswith("cp125") for name in encodings):
        return 1
    if any(name.startswith(("iso8859", "latin")) for name in encodings):
        return 2
    return 3


def checked_text(text: str) -> str:
    """`text`, unless its control characters show it is binary data (raises `IngestError`)."""
    if "\x00" in text or len(_STRAY_CONTROLS.findall(text)) > len(text) * _MAX_CONTROL_SHARE:
        raise IngestError(BINARY_MESSAGE, code="binary")
    return text


def _invalid(encoding: str, error: UnicodeDecodeError) -> IngestError:
    return IngestError(
        f"The file is not valid {encoding}: the bytes at position {error.start} are not part of "
        f"any character. Save it again as {encoding} and upload it once more.",
        code="invalid_encoding",
    )
