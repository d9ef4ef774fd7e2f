"""Reading a claim-set file as a stream (ijson), without holding it whole: UTF-8 checked as it
is read, the format and revision recognised, each record's keys of the JSON types the field table
(`exports.records`) gives, ids used twice noted. What the records say is checked by
`exports.validation`; the problems found are gathered in `Problems`, up to `MAX_PROBLEMS`.

ijson parses with yajl2_c, its C backend (in ijson's wheels), where installed: a pass over the
file then costs about what `json.loads` of it does. The records of a kind are built in C
(`ijson.items`); the few leading kinds (sources, articles) are read together in one pass that
stops as soon as both are read (`ClaimSetDocument.leading`).
"""

import codecs
import enum
import io
import re
from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

import ijson
from django.core.exceptions import ValidationError
from ijson.common import ObjectBuilder

from exports.formats import FORMAT_NAME, READABLE_FORMAT_REVISIONS
from exports.records import DERIVED, RecordKind

MAX_PROBLEMS = 100

try:
    JSON = ijson.get_backend("yajl2_c")
except ImportError:  # no C backend here: the fastest ijson found
    JSON = ijson


class ClaimSetRefused(ValidationError):
    """The file cannot be imported; `problems` says every reason found, one sentence each."""

    def __init__(self, problems: list[str]):
        super().__init__(problems, code="refused")

    @property
    def problems(self) -> list[str]:
        return self.messages


class Problems:
    def __init__(self):
        self.found: list[str] = []
        self.skipped = 0

    def add(self, where: str, message: str) -> None:
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(f"{where}: {message}" if where else message)
        else:
            self.skipped += 1

    def raise_if_any(self) -> None:
        if not self.found:
            return
        if self.skipped:
            self.found.append(f"…and {self.skipped} more problems not listed.")
        raise ClaimSetRefused(self.found)


def _type_name(expected) -> str:
    names = {str: "text", int: "a whole number", list: "a list", type(None): "null"}
    options = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join(names[option] for option in options)


_LAYOUTS: dict[str, tuple[tuple, dict]] = {}


def _layout(kind: RecordKind) -> tuple[tuple, dict]:
    """(key, required, JSON types, bool allowed) per field of `kind`, and its defaults."""
    if kind.name in _LAYOUTS:
        return _LAYOUTS[kind.name]
    fields = tuple((spec.key, spec.required, spec.json, bool in spec.json) for spec in kind.fields)
    defaults = {  # plain values, not Choices members (which pickle slowly, see claim_set_scratch)
        spec.key: spec.default.value if isinstance(spec.default, enum.Enum) else spec.default
        for spec in kind.fields
        if not spec.required and spec.default is not DERIVED
    }
    _LAYOUTS[kind.name] = fields, defaults
    return fields, defaults


def typed_record(record, index: int, kind: RecordKind, problems: Problems) -> dict | None:
    """`record`, the `index`th of `kind`, with defaults filled in, if its keys have the right
    types; None (with the problems noted) if not."""
    if not isinstance(record, dict):
        problems.add(f"{kind.name}[{index}]", "not an object.")
        return None
    fields, defaults = _layout(kind)
    fine = True
    for key, required, types, bool_allowed in fields:
        if key in record:
            value = record[key]
            # JSON true/false are not numbers here, though Python counts bool as int.
            if not isinstance(value, types) or (value.__class__ is bool and not bool_allowed):
                problems.add(f"{kind.name}[{index}]", f"“{key}” must be {_type_name(types)}.")
                fine = False
        elif required:
            problems.add(f"{kind.name}[{index}]", f"“{key}” is missing.")
            fine = False
    for key, value in record.items():
        if value.__class__ is str and "\x00" in value:
            problems.add(
                f"{kind.name}[{index}]", f"“{key}” holds a NUL character, which no text may hold."
            )
    if not fine:
        return None
    return {**defaults, **record, "_where": f"{kind.name}[{index}]"}


class Ids:
    """The ids of one kind of record seen so far, to report each id used more than once."""

    def __init__(self):
        self.seen: set[int] = set()
        self.repeated: Counter = Counter()

    def add(self, record_id: int) -> None:
        if record_id in self.seen:
            self.repeated[record_id] += 1
        self.seen.add(record_id)

    def report(self, kind: RecordKind, problems: Problems) -> None:
        for record_id, repeats in self.repeated.items():
            problems.add(kind.name, f"the id {record_id} is used {repeats + 1} times.")


_NOT_THERE = object()


class _Utf8Checked:
    """`file` read as it is, refusing at the first byte that is not UTF-8 (saying where) and
    leaving out a byte order mark at the start."""

    def __init__(self, file: BinaryIO):
        self.file = file
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.position = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.file.read(size)
        if self.position == 0 and chunk.startswith(codecs.BOM_UTF8):
            chunk = chunk[len(codecs.BOM_UTF8) :]
            self.position = len(codecs.BOM_UTF8)
        try:
            self.decoder.decode(chunk, final=not chunk and size != 0)
        except UnicodeDecodeError as error:
            where = self.position + error.start
            raise ClaimSetRefused(
                [f"The file is not UTF-8 text (bad byte at position {where})."]
            ) from None
        self.position += len(chunk)
        return chunk


#: A JSON escape of one half of a UTF-16 surrogate pair without the other half (`\ud800` alone,
#: `\udc00` alone), the escape not itself escaped (an even run of backslashes before it). Half a
#: character cannot be stored: yajl turns a lone first half into "?" and fails on a lone second.
_LONE_SURROGATE = re.compile(
    rb"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<!\\)(?:\\\\)*(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
#: Bytes of one chunk kept for the next: the context an escape at a chunk's end is judged by.
_ESCAPE_CONTEXT = 32


def _refuse_lone_surrogates(file: BinaryIO, chunk_size: int = 1 << 20) -> None:
    """Refuse a file holding a lone surrogate escape anywhere, saying where; a pass over the
    bytes that looks closer only at chunks with a `\\ud` in them (the exports write characters
    as UTF-8, not as escapes)."""
    file.seek(0)
    carried, offset = b"", 0  # `carried` starts at byte `offset` of the file
    while True:
        chunk = file.read(chunk_size)
        buffer = carried + chunk
        if b"\\ud" in buffer or b"\\uD" in buffer:
            for match in _LONE_SURROGATE.finditer(buffer):
                # At the end of a chunk, what follows an escape is not read yet.
                if chunk and match.end() > len(buffer) - 12:
                    break
                escape = match.group().lstrip(b"\\")
                raise ClaimSetRefused(
                    [
                        f"The file holds half of a character (the escape \\{escape.decode()} "
                        f"without its other half) at byte {offset + match.end() - 6}. Text "
                        "with it cannot be stored: import the JSON export exactly as it was "
                        "downloaded."
                    ]
                )
        if not chunk:
            return
        keep = min(len(buffer), _ESCAPE_CONTEXT)
        offset += len(buffer) - keep
        carried = buffer[len(buffer) - keep :]


def _not_json(error: Exception) -> ClaimSetRefused:
    reason = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable"
    return ClaimSetRefused(
        [
            f"The file is not valid JSON ({reason}). Import the JSON export exactly as it was "
            "downloaded."
        ]
    )


def _built(events: Iterator, prefix: str, event: str, value):
    """The value that starts with (`prefix`, `event`, `value`), taking the rest of its events
    from `events`, built as `ijson.items` builds one."""
    if event not in ("start_map", "start_array"):
        return value
    builder = ObjectBuilder()
    end = event.replace("start", "end")
    current = prefix
    while (current, event) != (prefix, end):
        builder.event(event, value)
        current, event, value = next(events)
    return builder.value


class ClaimSetDocument:
    """A claim-set file read as a stream (ijson), as many times as needed: bytes, text or a
    seekable binary file. Syntax errors anywhere are refused with the parser's message."""

    def __init__(self, content: bytes | str | BinaryIO):
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogatepass")
        if isinstance(content, bytes | bytearray):
            content = io.BytesIO(content)
        self.file = content

    def _stream(self) -> _Utf8Checked:
        self.file.seek(0)
        return _Utf8Checked(self.file)

    def items(self, prefix: str) -> Iterator:
        """Every value at `prefix` (ijson's notation: `claims.item` is each claim)."""
        try:
            yield from JSON.items(self._stream(), prefix, use_float=True)
        except ijson.JSONError as error:
            raise _not_json(error) from None

    def first(self, prefix: str):
        """The first value at `prefix`, or `_NOT_THERE`; stops reading as soon as it is found."""
        values = self.items(prefix)
        try:
            return next(values, _NOT_THERE)
        finally:
            values.close()

    def header(self) -> dict:
        """The document's `export` metadata, once its shape, format and version are checked
        (and that no text in it holds half a character)."""
        _refuse_lone_surrogates(self.file)
        try:
            _, event, _ = next(JSON.parse(self._stream()))
        except ijson.JSONError:
            event = None
            list(self.items(""))  # raises, saying what is wrong
        except StopIteration:
            event = None
        if event != "start_map":
            raise ClaimSetRefused(
                ["The file is not a Corroborate claim-set export (not an object)."]
            )
        if self.first("format") != FORMAT_NAME:
            raise ClaimSetRefused(
                [
                    f"The file is not a Corroborate claim-set export (“format” is not "
                    f"“{FORMAT_NAME}”). Only the JSON export can be imported."
                ]
            )
        version = self.first("version")
        # `true` is not revision 1, though Python counts it equal to 1.
        if isinstance(version, bool) or version not in READABLE_FORMAT_REVISIONS:
            shown = None if version is _NOT_THERE else version
            readable = ", ".join(map(str, READABLE_FORMAT_REVISIONS))
            raise ClaimSetRefused(
                [
                    f"This file is of format revision {shown!r}; this instance reads revisions "
                    f"{readable}. Export it again from an instance of the same release."
                ]
            )
        export = self.first("export")
        return {"export": None if export is _NOT_THERE else export}

    def records(self, kind: RecordKind, problems: Problems, ids=None) -> Iterator[dict]:
        """The records of `kind` whose keys have the right types, with defaults filled in; the
        problems of the others (and ids used twice: noted in `ids`, an `Ids` by default) go to
        `problems`."""
        ids, count = ids if ids is not None else Ids(), 0
        for index, raw in enumerate(self.items(f"{kind.name}.item")):
            count += 1
            record = typed_record(raw, index, kind, problems)
            if record is not None:
                ids.add(record["id"])
                yield record
        if not count and not isinstance(self.first(kind.name), list):
            problems.add(kind.name, "missing, or not a list.")
        ids.report(kind, problems)

    def leading(self, kinds: tuple[RecordKind, ...], problems: Problems) -> Iterator:
        """`(kind, record)` for the records of `kinds` as `records` gives them, in the order of
        the file, read in one pass that stops once every kind's list is read. Meant for the few
        kinds at the head of an export (sources, articles): the pass runs in Python, which is
        cheap over them and would be slow over the claims that follow."""
        wanted = {kind.name: kind for kind in kinds}
        items = {f"{name}.item": kind for name, kind in wanted.items()}
        ids = {name: Ids() for name in wanted}
        counts = dict.fromkeys(wanted, 0)
        read, lists = set(), set()
        events = JSON.parse(self._stream(), use_float=True)
        try:
            for prefix, event, value in events:
                kind = items.get(prefix)
                if kind is not None:
                    raw = _built(events, prefix, event, value)
                    record = typed_record(raw, counts[kind.name], kind, problems)
                    counts[kind.name] += 1
                    if record is not None:
                        ids[kind.name].add(record["id"])
                        yield kind, record
                elif prefix in wanted and event not in ("start_map", "map_key"):
                    if event == "start_array":
                        lists.add(prefix)
                    else:  # the end of the list, or of a value that is not one
                        read.add(prefix)
                        if read == wanted.keys():
                            break
        except ijson.JSONError as error:
            raise _not_json(error) from None
        for name, kind in wanted.items():
            if name not in lists:
                problems.add(name, "missing, or not a list.")
            ids[name].report(kind, problems)
