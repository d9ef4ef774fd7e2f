"""Languages by code and by name: what the article list shows, and what its filter takes.

Articles store the primary language subtag in lower case ("fr", from the detector or the
upload form). People think in names: the list shows "French", and its filter takes "French",
"français" or "fr" alike, offering the names as the analyst types.
"""

import functools

from django import forms
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles.ingest.extraction import language_code

#: Names Django's table lacks for codes the detector gives (Django names only "zh-hans" and
#: "zh-hant").
_MORE_NAMES = {"zh": ("Chinese", "中文")}


@functools.cache
def _names() -> dict[str, tuple[str, str]]:
    """(English name, own name) by primary code, for every language Django names."""
    named = {
        code: (info["name"], info.get("name_local", info["name"]))
        for code, info in LANG_INFO.items()
        if "-" not in code and "name" in info
    }
    return {**named, **_MORE_NAMES}


def language_name(code: str) -> str:
    """The English name of the language `code` ("French"), or the code where none is known
    (the detector knows languages Django does not name)."""
    return _names().get(code, (code,))[0]


@functools.cache
def _codes_by_name() -> dict[str, str]:
    codes = {}
    for code, names in _names().items():
        for name in names:
            codes.setdefault(name.casefold(), code)
    return codes


@functools.cache
def language_choices() -> tuple[str, ...]:
    """The English names of the known languages, in alphabetical order."""
    return tuple(sorted(english for english, _own in _names().values()))


#: Why a language is refused.
UNKNOWN_LANGUAGE = _("No language is called “%(value)s”: give its name (French) or code (fr).")


def clean_language(value: str | None) -> str:
    """The primary code an article stores for a language given by its English name, its own
    name or its code, in any case ("French", "français", "fr", "fr-CA", "en_US"): "fr", "en";
    "" for nothing. Anything else is refused (`ValidationError`): the reading view hands the
    code to the browser's word segmenter, which throws on a tag that is not a language."""
    text = (value or "").strip()
    if not text:
        return ""
    code = _codes_by_name().get(text.casefold()) or language_code(text)
    if code:
        return code  # a code, named by Django or not
    raise ValidationError(UNKNOWN_LANGUAGE, code="unknown", params={"value": text})


def validate_language(value: str) -> None:
    """An article's stored language: blank, or a primary code as `clean_language` gives."""
    if value and clean_language(value) != value:
        raise ValidationError(UNKNOWN_LANGUAGE, code="unknown", params={"value": value})


class LanguageField(forms.CharField):
    """A language by its English name, its own name or its code (`clean_language`), cleaned
    to the primary code the articles store; a text that is none of these is refused with a
    message rather than matching nothing."""

    def to_python(self, value):
        return clean_language(super().to_python(value))


class LanguageInput(forms.TextInput):
    """A text box offering the languages' names as the analyst types (a `datalist`)."""

    def __init__(self, attrs=None):
        super().__init__(
            {"placeholder": "French", "size": 10, "autocomplete": "off", **(attrs or {})}
        )

    def render(self, name, value, attrs=None, renderer=None):
        names_id = f"{(attrs or {}).get('id') or name}-names"
        box = super().render(name, value, {**(attrs or {}), "list": names_id}, renderer)
        options = format_html_join("", '<option value="{}">', ((n,) for n in language_choices()))
        return format_html('{}<datalist id="{}">{}</datalist>', box, names_id, options)
