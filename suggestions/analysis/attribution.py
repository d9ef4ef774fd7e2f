"""Who a sentence says asserts it: "according to X", "X said", "officials estimate", "X denied"."""

import re
from dataclasses import dataclass

from suggestions.analysis.overlaps import Spans

_VERBS = (
    r"said|says|say|stated|states|told|tells|reported|reports|report|estimated|estimates"
    r"|estimate|believes|believe|claimed|claims|claim|denied|denies|deny|confirmed|confirms"
    r"|confirm|acknowledged|acknowledges|warned|warns|announced|announces|noted|notes"
    r"|remarked|remarks|added|adds|commented|comments|indicated|indicates|suggested"
    r"|suggests|insisted|insists|alleged|alleges|argued|argues|wrote|writes|assessed|assesses"
    r"|characteri[sz]ed|declared|declares|revealed|reveals|disclosed|discloses|briefed"
    r"|concluded|concludes|predicted|predicts|calculated|calculates|counted|counts|put the"
)
#: Words read between a name and its reporting verb ("has also publicly said"): real prose
#: has a few at most. Unbounded, a run of words ending in "ly" with no verb after it was read
#: again from each of its words, quadratic in its length.
AUXILIARIES_MAX = 8
#: It starts where a run of spaces starts (`(?<!\s)`), not again at each of its spaces.
_VERB = re.compile(
    rf"(?<!\s)(?P<aux>(?:\s+(?:has|have|had|also|officially|publicly|previously|recently|\w+ly|"
    rf"later|first|now|then)){{0,{AUXILIARIES_MAX}}})\s+(?P<verb>{_VERBS})\b"
)
_ACCORDING = re.compile(
    r"(?i:according to|citing|as reported by|in the words of)\s+"
    r"(?P<who>(?:(?:Mr|Ms|Mrs|Dr|Prof|Gen|Lt|Col|Sgt|Adm|St)\.\s)?[^,.;:()“”\"]{2,90}?)"
    r"(?=\s*(?:[,.;:()“”\"]|\s+that\b|\s+who\b|$))"
)
_INVERTED = re.compile(
    rf"[”\"’],?\s*(?P<verb>{_VERBS})\s+(?P<who>(?:Mr\.|Ms\.|Mrs\.|Dr\.|Prof\.)?\s?"
    r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|the|de|van|von))*)"
    rf"|,\s+(?P<verb2>{_VERBS})\s+(?P<who2>(?:Mr\.|Ms\.|Mrs\.|Dr\.|Prof\.)?\s?"
    r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)"
)
_HEDGE = re.compile(
    r"(?i)\b(?:(?:is|are|was|were|has been|have been)\s+(?:widely\s+)?(?:believed|thought|said|"
    r"reported|estimated|understood|alleged|expected)\s+to\b|reportedly|allegedly|"
    r"it is (?:believed|thought|reported|estimated|understood)|(?:officials|sources|analysts|"
    r"experts) (?:say|said|believe|estimate))"
)
_SOURCE_NOUNS = re.compile(
    r"(?i)\b(?:officials?|sources?|analysts?|experts?|intelligence|authorities|spokes(?:person|"
    r"man|woman)|ministry|government|military|army|commanders?|agency|services|president|"
    r"minister|secretary|general|chief|observers?|monitors?|reporters?|journalists?|diplomats?)\b"
)
_PRONOUNS = frozenset(
    {
        "he",
        "she",
        "they",
        "it",
        "this",
        "which",
        "who",
        "that",
        "we",
        "i",
        "you",
        "these",
        "those",
        "there",
    }
)
_NOT_SOURCE = frozenset({"it", "this", "which", "that", "there", "these", "those", "what"})
_CUT = re.compile(
    r"[,;:()“”\"]|\b(?:that|which|who|whom|if|when|while|because|but|and then)\b", re.IGNORECASE
)
_PREPOSITIONS = frozenset(
    [
        "after",
        "before",
        "of",
        "in",
        "on",
        "from",
        "with",
        "by",
        "for",
        "to",
        "about",
        "into",
        "during",
        "at",
        "as",
        "than",
    ]
)
_DETERMINERS = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"]
)
_LEADING = re.compile(r"^(?:(?:the|a|an|both|however|meanwhile|also|and|but|now)\s+)+", re.I)


@dataclass(frozen=True)
class Attribution:
    start: int  # offsets into the text searched
    end: int
    name: str  # as written ("Mr. Samus", "The British Ministry of Defence"); "" when hedged
    hedged: bool = False  # "is believed to", "reportedly": asserted by someone unnamed


def _subject_before(text: str, start: int, verb_start: int) -> tuple[int, str] | None:
    """The noun phrase just before a reporting verb, within its clause."""
    window_start = max(start, verb_start - 90)
    before = text[window_start:verb_start]
    cuts = list(_CUT.finditer(before))
    offset = cuts[-1].end() if cuts else 0
    phrase = before[offset:]
    stripped = phrase.strip()
    if not stripped:
        return None
    words = stripped.split()
    if len(words) > 8:
        return None
    if words[0].lower() in {"i", "we", "you"} or (
        len(words) > 1 and words[-1].lower() in _PRONOUNS
    ):
        return None
    if len(words) == 1 and words[0].lower() in {"he", "she", "they"}:
        return window_start + offset + phrase.index(stripped), stripped
    if not (any(word[0].isupper() for word in words) or _SOURCE_NOUNS.search(stripped)):
        return None
    if words[0].lower() in _NOT_SOURCE | _PREPOSITIONS:
        return None
    if all(word.lower() in _DETERMINERS for word in words) or words[-1].lower() in _DETERMINERS:
        return None  # "… an estimated 11,000": an adjective, not a reporting verb
    return window_start + offset + phrase.index(stripped), stripped


def _overlaps_speaker(spoken: list[tuple[int, Attribution]], start: int, end: int) -> bool:
    """Whether text[start:end] overlaps a speaker found before. A speaker ends before its verb
    and the verbs come in order, so only those of the verbs after `start` need asking."""
    for verb_start, speaker in reversed(spoken):
        if verb_start <= start:
            return False
        if start < speaker.end and speaker.start < end:
            return True
    return False


def attributions_in(text: str, start: int = 0, end: int | None = None) -> list[Attribution]:
    """The attributions in text[start:end], in order; pronouns are kept as written."""
    end = len(text) if end is None else end
    found: list[Attribution] = []
    for match in _ACCORDING.finditer(text, start, end):
        name = _LEADING.sub("", match.group("who").strip()) or match.group("who").strip()
        found.append(Attribution(match.start("who"), match.end("who"), name))
    for match in _INVERTED.finditer(text, start, end):
        group = "who" if match.group("who") else "who2"
        found.append(Attribution(match.start(group), match.end(group), match.group(group).strip()))
    named = Spans((attribution.start, attribution.end) for attribution in found)
    spoken: list[tuple[int, Attribution]] = []  # (verb start, its speaker), in order
    for match in _VERB.finditer(text, start, end):
        subject = _subject_before(text, start, match.start())
        if subject is None:
            continue
        subject_start, name = subject
        if named.overlaps(subject_start, match.end()) or _overlaps_speaker(
            spoken, subject_start, match.end()
        ):
            continue
        spoken.append((match.start(), Attribution(subject_start, subject_start + len(name), name)))
    found.extend(attribution for _verb_start, attribution in spoken)
    for match in _HEDGE.finditer(text, start, end):
        found.append(Attribution(match.start(), match.end(), "", hedged=True))
    found.sort(key=lambda attribution: (attribution.hedged, attribution.start))
    return found
