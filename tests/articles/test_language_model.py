"""The language model unpacked into a file and mapped (articles/ingest/language_model.py):
the same answers as py3langid's own, and a process that has told a language does not keep
the model's 74 MB."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from articles.ingest import language, language_model
from tests.articles.test_ingest_language import SAMPLES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("language-model") / language_model.cache_name()
    language_model.build(path)
    return path


@pytest.fixture
def fresh_identifier():
    language._identifier.cache_clear()
    yield
    language._identifier.cache_clear()


def test_the_mapped_model_answers_as_py3langid(unpacked, corpus_articles):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    loaded = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    mapped = language_model.Classifier(unpacked)
    texts = [*SAMPLES.values(), "NATO UN EU", "Kyiv Kharkiv Odesa Lviv Dnipro", "ЗАЯВА МІНІСТРА"]
    texts += [path.read_text(encoding="utf-8")[:5000] for path in corpus_articles]
    for text in texts:
        code, probability = mapped.classify(text)
        expected_code, expected_probability = loaded.classify(text)
        assert code == expected_code, text[:60]
        assert probability == pytest.approx(expected_probability, abs=1e-6), text[:60]


def test_a_file_cut_short_or_foreign_is_refused(tmp_path):
    for content in (b"", b"CORLANG1", b"not a model at all, but long enough"):
        path = tmp_path / "model.bin"
        path.write_bytes(content)
        with pytest.raises(ValueError):
            language_model.Classifier(path)


def test_a_broken_unpacked_file_is_unpacked_again(settings, tmp_path, fresh_identifier):
    settings.LANGUAGE_MODEL_DIR = tmp_path / "models"
    settings.LANGUAGE_MODEL_DIR.mkdir()
    path = settings.LANGUAGE_MODEL_DIR / language_model.cache_name()
    path.write_bytes(b"CORLANG1 and then a crash")

    assert language.detect_language(SAMPLES["de"]) == "de"
    assert path.stat().st_size > 60_000_000
    assert [p.name for p in settings.LANGUAGE_MODEL_DIR.iterdir()] == [path.name]


def test_an_unwritable_directory_still_tells_the_language(settings, tmp_path, fresh_identifier):
    blocker = tmp_path / "a file"
    blocker.write_text("not a directory")
    settings.LANGUAGE_MODEL_DIR = blocker / "models"

    assert language.detect_language(SAMPLES["uk"]) == "uk"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_a_process_that_told_a_language_gives_the_model_back(unpacked):
    """A server process's resident memory, read by the kernel, before and after it tells the
    language of an article: the loaded model held 74 MB, the mapped one holds none after."""
    script = f"""
import json
from pathlib import Path
from articles.ingest.language_model import Classifier
def resident():
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) // 1024
classifier = Classifier(Path({str(unpacked)!r}))
before = resident()
code, _ = classifier.classify({SAMPLES["fr"] * 60!r})
print(json.dumps([code, before, resident()]))
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    code, before, after = json.loads(done.stdout.strip().splitlines()[-1])
    assert code == "fr"
    assert after - before < 20, (before, after)
