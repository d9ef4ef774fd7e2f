"""The language an article is written in, detected offline from its text.

py3langid (a maintained fork of langid.py: a naive Bayes model over byte n-grams of 97
languages, shipped inside the wheel, about 5 MB with numpy as its one dependency) is small, fast
(milliseconds for an article) and as accurate as larger detectors on texts of article length;
lingua-language-detector is more accurate on single sentences but its wheel is about 100 MB, and
langdetect has not been released since 2021 and answers differently from run to run unless
seeded. Nothing is downloaded: the model comes from the installed package on first use, and the
package itself (with numpy: 0.17 s and about 15 MB) is imported then, not by every server
process at start. The model is unpacked once into `LANGUAGE_MODEL_DIR` and mapped from there
(language_model.py): a process holds its 74 MB only while it reads a text.
"""

import functools
import logging
import re

from django.conf import settings

#: Fewer letters than this and no language is guessed.
MIN_LETTERS = 20
#: Below this probability (of the likeliest language, the probabilities summing to 1) no
#: language is guessed: a wrong code is worse than none, which the uploader can still fill in.
MIN_PROBABILITY = 0.8
#: Only the start of a long text is read: 5,000 characters decide as well as 200,000, in a
#: few milliseconds.
SAMPLE_CHARACTERS = 5_000
_LETTER = re.compile(r"[^\W\d_]")


logger = logging.getLogger(__name__)


@functools.cache
def _identifier():
    """The mapped model, unpacked first if need be; py3langid's own, loaded into this
    process, when the directory cannot be written."""
    from articles.ingest import language_model

    path = settings.LANGUAGE_MODEL_DIR / language_model.cache_name()
    try:
        try:
            return language_model.Classifier(path)
        except (FileNotFoundError, ValueError):  # not unpacked yet, or cut short
            path.parent.mkdir(parents=True, exist_ok=True)
            language_model.build(path)
            return language_model.Classifier(path)
    except OSError as error:
        logger.warning("Language model not unpacked in %s (%s): loaded in memory", path, error)
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language `text` is written in ("en", "uk"), or "" when the
    text is too short or too mixed to tell."""
    sample = text[:SAMPLE_CHARACTERS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return ""
    code, probability = _identifier().classify(sample)
    return code if probability >= MIN_PROBABILITY else ""
