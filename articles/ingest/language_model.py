"""py3langid's model, unpacked once into a file that every process maps instead of loading.

Loaded the usual way, the model (a byte n-gram automaton of 39 MB and a weight table of 28 MB,
unpacked from a 4.5 MB archive) stays in every server process that has once told a language:
74 MB more per web worker, for a few milliseconds of use per uploaded article (issue 17). Here
it is unpacked once into a file of plain arrays; a process maps that file, reads the pages one
text needs from the page cache the processes share, and hands them back when it is done
(`MADV_DONTNEED`): a worker holds the model only while it reads a text.

`Classifier.classify` gives what py3langid's `LanguageIdentifier(..., norm_probs=True)` gives
(the same walk of the automaton, the same scores and normalization), which a test holds.
The file is rebuilt when the model changes (its name carries py3langid's version and the
archive's size), written under another name and renamed, so no process ever maps half a file.
"""

import json
import math
import mmap
import os
import struct
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np

MAGIC = b"CORLANG1"
_ALIGN = 64
_HEADER = struct.Struct("<8sI")  # magic, length of the JSON header that follows


def cache_name() -> str:
    """The unpacked file's name for the py3langid installed: its version and model size."""
    from importlib.metadata import version

    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return f"langid-{version('py3langid')}-{(MODEL_DIR / MODEL_FILE).stat().st_size}.bin"


def build(path: Path) -> None:
    """Unpack py3langid's model into `path` (written beside it first, then renamed)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
    arrays = {
        "nextmove": np.frombuffer(nextmove, dtype=np.uint32),
        # Each state's row of 256 moves, as an offset into `nextmove`.
        "rowbase": np.asarray(row, dtype=np.uint32) << 8,
        "output": np.asarray(output, dtype=np.int32),
        "ptc": np.ascontiguousarray(ptc, dtype=np.float16),
        "pc": np.asarray(pc, dtype=np.float32),
    }
    layout, offset = {}, 0
    for name, array in arrays.items():
        layout[name] = {"dtype": array.dtype.str, "shape": array.shape, "offset": offset}
        offset += -(-array.nbytes // _ALIGN) * _ALIGN
    header = json.dumps({"classes": classes, "arrays": layout, "size": offset}).encode()
    start = -(-(_HEADER.size + len(header)) // _ALIGN) * _ALIGN
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        with open(partial, "wb") as out:
            out.write(_HEADER.pack(MAGIC, len(header)) + header)
            for name, array in arrays.items():
                out.seek(start + layout[name]["offset"])
                out.write(array.tobytes())
            out.truncate(start + offset)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


class Classifier:
    """The unpacked model, mapped read-only; `classify` as py3langid's, normalized."""

    def __init__(self, path: Path):
        with open(path, "rb") as file:
            self._map = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        too_short = len(self._map) < _HEADER.size
        magic, length = (b"", 0) if too_short else _HEADER.unpack_from(self._map)
        if magic != MAGIC:
            raise ValueError(f"{path} is not an unpacked language model")
        header = json.loads(self._map[_HEADER.size : _HEADER.size + length])
        start = -(-(_HEADER.size + length) // _ALIGN) * _ALIGN
        if len(self._map) != start + header["size"]:
            raise ValueError(f"{path} is cut short")
        spans = {
            name: (start + spec["offset"], np.dtype(spec["dtype"]), spec["shape"])
            for name, spec in header["arrays"].items()
        }

        def array(name: str) -> np.ndarray:
            offset, dtype, shape = spans[name]
            count = math.prod(shape)
            return np.frombuffer(self._map, dtype, count, offset).reshape(shape)

        def walk_view(name: str, code: str) -> memoryview:
            # A plain memory view: a byte's step in the walk is two indexings of C arrays.
            offset, dtype, shape = spans[name]
            return memoryview(self._map)[offset : offset + dtype.itemsize * shape[0]].cast(code)

        self.classes: list[str] = header["classes"]
        self._weights, self._priors = array("ptc"), array("pc")
        self._moves = walk_view("nextmove", "I")
        self._rows = walk_view("rowbase", "I")
        self._outputs = walk_view("output", "i")
        first: dict[str, int] = {}
        self._aliases = [
            (first[name], index)
            for index, name in enumerate(self.classes)
            if first.setdefault(name, index) != index
        ]

    def classify(self, text: str) -> tuple[str, float]:
        """The likeliest language of `text` and its probability (all summing to 1)."""
        try:
            scores = self._scores(_encode(text))
        finally:
            self.release()
        best = int(scores.argmax())
        return self.classes[best], float(scores[best])

    def release(self) -> None:
        """Hand the pages read back: they stay in the page cache, not in this process."""
        if hasattr(mmap, "MADV_DONTNEED"):
            self._map.madvise(mmap.MADV_DONTNEED)

    def _scores(self, data: bytes) -> np.ndarray:
        moves, rows, outputs = self._moves, self._rows, self._outputs
        state, features = 0, []
        for byte in data:
            state = moves[rows[state] + byte]
            if (feature := outputs[state]) >= 0:
                features.append(feature)
        if features:
            visits = Counter(features)
            index = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
            counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
            scores = np.log1p(counts) @ self._weights[index] + self._priors
        else:
            scores = np.zeros(len(self.classes), dtype=np.float32)
        # The temperature py3langid takes: the square root of the length, in bytes.
        scores *= 1.0 / math.sqrt(len(data) or 1)
        np.exp(scores - scores.max(), out=scores)
        scores /= scores.sum()
        for first, alias in self._aliases:  # one code under two scripts: one probability
            scores[first] += scores[alias]
            scores[alias] = 0.0
        return scores


def _encode(text: str) -> bytes:
    """The bytes py3langid reads for a text: lower case if all upper, NFC, UTF-8."""
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")
