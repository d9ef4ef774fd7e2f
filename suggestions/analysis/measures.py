"""Measures of a text: figures and dates with what they count, whose, per what period."""

import datetime
import hashlib
import re
from collections.abc import Sequence

from suggestions.analysis import lexicon
from suggestions.analysis.attribution import Attribution, attributions_in
from suggestions.analysis.dates import YEAR_NOT_GIVEN, DateSpan, dates_in
from suggestions.analysis.numbers import Figure, figures_in
from suggestions.analysis.records import UNPAIRED, Measure
from suggestions.analysis.sentences import sentence_spans

_PERIOD_AFTER = re.compile(
    r"(?i)\b(?:a|an|per|every|each)\s+(?P<unit>day|week|month|year)\b"
    r"|\b(?P<adverb>daily|weekly|monthly|annually|yearly)\b|\bper annum\b"
)
_PERIOD_BEFORE = re.compile(r"(?i)\b(?P<adverb>daily|weekly|monthly|annual|yearly)\s+\w+\s+of\s+$")
_ADVERB_PERIOD = {
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "annually": "year",
    "annual": "year",
    "yearly": "year",
}
#: Subjects that add up over time (so a total over one stretch is not one over another);
#: a troop strength or a salary is a level, and a window does not change what it measures.
FLOWS = frozenset(
    {
        "casualties",
        "deaths",
        "wounded",
        "prisoners",
        "recruits",
        "refugees",
        "missiles",
        "artillery shells",
        "drones",
        "aid",
        "spending",
    }
)
_WINDOW = re.compile(
    r"(?i)\b(?:since|during|over the (?:past|last)|in the (?:past|last)|so far|to date|"
    r"throughout|in total|altogether|cumulative)\b"
)
_CLAUSE_END = re.compile(r"[;:.!?()“”\"–—]|,\s+(?:and|but|while|which|who|when|whereas)\b")
_OF_PHRASE = re.compile(r"^\s*(?:or so\s+)?of\s+(?:the|their|its|his|her|these|those|our|whom)?\s*")
_WORD = re.compile(r"[\w’'-]+")
_ANAPHORA = re.compile(
    r"(?i)\b(?:that|this|the|such a|these)\s+(?:\w+\s+)?(?:figure|number|estimate|toll|tally|"
    r"count|total)s?\b"
)
_NUMBER_OF = re.compile(
    r"(?i)\b(?:number|figure|toll|tally|count|total|estimate)s?\s+(?:of\s+)?(?:\w+\s+){0,2}?"
    rf"(?P<noun>{lexicon.SUBJECT_PATTERN.pattern})"
    rf"|(?P<noun2>{lexicon.SUBJECT_PATTERN.pattern})\s+(?:figure|toll|tally|count|total|estimate)s?\b"
)
_DEMONYM = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(sorted((re.escape(word) for word in lexicon.DEMONYM_PLURALS), key=len, reverse=True))
    + r")\b"
)
_MEN = re.compile(r"(?i)\b(?:men|people|persons|individuals)\b")
#: Words that end the noun phrase after a figure: the counted noun comes before them.
_PHRASE_STOP = frozenset(
    [
        "when",
        "that",
        "which",
        "who",
        "whom",
        "in",
        "on",
        "at",
        "to",
        "from",
        "with",
        "by",
        "for",
        "as",
        "than",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "have",
        "has",
        "had",
        "will",
        "would",
        "could",
        "may",
        "might",
        "can",
        "and",
        "or",
        "but",
        "while",
        "if",
        "because",
        "during",
        "since",
        "after",
        "before",
        "into",
        "across",
        "per",
        "a",
        "an",
        "each",
        "every",
    ]
)


def _noun_phrase(text: str, start: int, limit: int) -> tuple[str, str, int]:
    """(subject, party, end) of the noun right after a figure: "North Korean special forces"."""
    of_phrase = _OF_PHRASE.match(text, start, limit)
    cursor = of_phrase.end() if of_phrase else start
    party = ""
    for _ in range(5):
        while cursor < limit and text[cursor] == " ":
            cursor += 1
        demonym = _DEMONYM.match(text, cursor, limit)
        if demonym:
            return "demonym", lexicon.party_of(demonym.group()), demonym.end()
        named = lexicon.PARTY_PATTERN.match(text, cursor, limit)
        if named:
            party = party or lexicon.party_of(named.group())
            cursor = named.end()
            continue
        noun = lexicon.SUBJECT_PATTERN.match(text, cursor, limit)
        if noun:
            return lexicon.subject_of(noun.group()), party, noun.end()
        men = _MEN.match(text, cursor, limit)
        if men:
            return "men", party, men.end()
        word = _WORD.match(text, cursor, limit)
        if not word or not word.group()[:1].isalpha() or word.group().lower() in _PHRASE_STOP:
            break
        cursor = word.end()
    return "", party, start


def _status(text: str, start: int, end: int) -> str:
    for subject, pattern in lexicon.STATUS:
        if pattern.search(text, start, end):
            return subject
    return ""


def _nearest_party(text: str, start: int, end: int, at: int, masked: Sequence[Attribution]) -> str:
    best, distance = "", None
    for match in lexicon.PARTY_PATTERN.finditer(text, start, end):
        if any(match.start() < mask.end and mask.start < match.end() for mask in masked):
            continue
        gap = at - match.end() if match.end() <= at else (match.start() - at) * 3
        if distance is None or gap < distance:
            best, distance = lexicon.party_of(match.group()), gap
    return best


class _Reader:
    """Reads the measures of one text sentence by sentence, keeping the context it needs."""

    def __init__(self, text: str, published: datetime.date | None):
        self.text = text
        self.published = published
        self.dates = dates_in(text, published)
        self.previous_sentences: list[tuple[int, int]] = []
        self.last_quantity: Measure | None = None
        #: subject → (sentence number, party) of the last measure of that subject with a party
        self.party_by_subject: dict[str, tuple[int, str]] = {}

    def sentence(self, start: int, end: int) -> list[Measure]:
        text = self.text
        attributions = [
            attribution
            for attribution in attributions_in(text, start, end)
            if not attribution.hedged
        ]
        dates = [span for span in self.dates if start <= span.start and span.end <= end]
        measures = [self._date(span, start, end) for span in dates]
        figures = figures_in(text[start:end], [(d.start - start, d.end - start) for d in dates])
        for figure in figures:
            measure = self._quantity(figure, start, end, attributions)
            measures.append(measure)
            if measure.key:
                self.last_quantity = measure
                if measure.party:
                    self.party_by_subject[measure.subject] = (
                        len(self.previous_sentences),
                        measure.party,
                    )
        measures.extend(roles_in(text, start, end))
        self.previous_sentences.append((start, end))
        return sorted(measures, key=lambda measure: measure.start)

    def _context(self, start: int, end: int, sentences: int = 2) -> str:
        before = self.previous_sentences[-sentences:]
        return " ".join(self.text[a:b] for a, b in before) + " " + self.text[start:end]

    def _earlier_party(self, subject: str) -> str:
        """The party of the same subject one or two sentences back, else the last one named."""
        sentence, party = self.party_by_subject.get(subject, (-10, ""))
        if len(self.previous_sentences) - sentence <= 2:
            return party
        if not self.previous_sentences:
            return ""
        a, b = self.previous_sentences[-1]
        return _nearest_party(self.text, a, b, b, attributions_in(self.text, a, b))

    def _quantity(
        self, figure: Figure, start: int, end: int, attributions: Sequence[Attribution]
    ) -> Measure:
        text = self.text
        figure_start, figure_end = start + figure.start, start + figure.end
        clause_end = _CLAUSE_END.search(text, figure_end, end)
        limit = clause_end.start() if clause_end else end
        subject, party, noun_end = ("", "", figure_end)
        if figure.kind in ("count", "percent", "money"):
            subject, party, noun_end = _noun_phrase(text, figure_end, limit)
        inherited = False
        if subject == "demonym" or subject == "men":
            military = lexicon.MILITARY_CONTEXT.search(self._context(start, end))
            subject = "troops" if military else "people"
        if not subject and figure.kind in ("count", "percent"):
            number_of = None
            for match in _NUMBER_OF.finditer(text, start, figure_start):
                number_of = match
            if number_of:
                subject = lexicon.subject_of(number_of.group("noun") or number_of.group("noun2"))
        if (
            figure.kind in ("count", "percent")
            and _ANAPHORA.search(text, start, figure_start)
            and noun_end == figure_end
            and self.last_quantity is not None
        ):
            inherited = True
        if (
            figure.kind in ("count", "percent")
            and subject in lexicon.PEOPLE_SUBJECTS
            and not inherited
        ):
            status_end = (
                min(limit + 1, figure_end + 70) if clause_end else min(end, figure_end + 70)
            )
            status = _status(text, figure_end, max(status_end, noun_end))
            before = _status(text, max(start, figure_start - 25), figure_start)
            status = status or (before if before in ("casualties", "prisoners") else "")
            if status:
                subject = status
        if figure.kind == "money" and not subject:
            noun = lexicon.SUBJECT_PATTERN.search(text, start, end)
            subject = lexicon.subject_of(noun.group()) if noun else ""
        if figure.kind == "duration":
            subject = "duration"
        elif figure.kind == "distance":
            subject = "distance"
        period = ""
        if figure.kind in ("count", "money", "percent"):
            rate = _PERIOD_AFTER.search(text, noun_end, min(end, noun_end + 70))
            if rate:
                period = rate.group("unit") or _ADVERB_PERIOD.get(
                    (rate.group("adverb") or "").lower(), "year"
                )
            else:
                rate = _PERIOD_BEFORE.search(text, max(start, figure_start - 40), figure_start)
                if rate:
                    period = _ADVERB_PERIOD[rate.group("adverb").lower()]
        window = self._window(start, end, figure_start, period) if subject in FLOWS else ""
        if not party:
            party = _nearest_party(text, start, end, figure_start, attributions) or (
                self._earlier_party(subject) if subject else ""
            )
        if inherited:
            source = self.last_quantity
            subject, party, period = source.subject, source.party, source.period
            window = source.key.rsplit("|", 1)[-1]
        unit = figure.unit or (
            "people"
            if subject
            in (
                "troops",
                "recruits",
                "casualties",
                "deaths",
                "wounded",
                "prisoners",
                "civilians",
                "refugees",
                "people",
            )
            else ""
        )
        pairable = subject and figure.kind in ("count", "percent", "money") and not figure.vague
        key = (
            "|".join(("quantity", subject, figure.unit or "count", period, figure.currency, window))
            if pairable
            else UNPAIRED
        )
        return Measure(
            kind="quantity",
            subject=subject,
            key=key,
            low=figure.low,
            high=figure.high,
            qualifier=figure.qualifier,
            unit=unit,
            period=period,
            currency=figure.currency,
            start=figure_start,
            end=figure_end,
            text=text[figure_start:figure_end],
            party=party if pairable else "",
            value=figure.value,
        )

    def _window(self, start: int, end: int, at: int, period: str) -> str:
        """A total counted over a stated stretch of time is comparable only with the same one."""
        if period:
            return ""  # a rate is comparable whatever stretch of time it was measured over
        text = self.text
        clause_start = start
        for match in _CLAUSE_END.finditer(text, start, at):
            clause_start = match.end()
        clause_end = _CLAUSE_END.search(text, at, end)
        stop = clause_end.start() if clause_end else end
        window = _WINDOW.search(text, clause_start, stop)
        if not window:
            return ""
        if window.group().lower() == "since":
            for span in self.dates:
                if window.end() <= span.start < stop:
                    return f"since {span.low}"
        sentence = text[start:end].encode()
        return "within " + hashlib.blake2s(sentence, digest_size=4).hexdigest()

    def _date(self, span: DateSpan, start: int, end: int) -> Measure:
        event = _event(self.text, start, end, span)
        return Measure(
            kind="date",
            subject=event,
            key=f"date|{event}" if event else UNPAIRED,
            low=float(span.low),
            high=float(span.high),
            qualifier="" if span.year_given else YEAR_NOT_GIVEN,
            unit=span.unit,
            period="",
            currency="",
            start=span.start,
            end=span.end,
            text=self.text[span.start : span.end],
        )


def roles_in(text: str, start: int, end: int) -> list[Measure]:
    """What role a sentence gives a party's troops: "support" or "combat" (qualitative).

    Only plain statements count: a sentence with a condition or doubt ("if", "not certain",
    "could") says nothing firm about the role, and one naming both roles is left alone.
    """
    if lexicon.ROLE_DOUBT.search(text, start, end):
        return []
    troops = lexicon.ROLE_TROOPS.search(text, start, end)
    if not troops:
        return []
    party = lexicon.party_of(troops.group("party")) or troops.group("party")
    found = {
        role: match
        for role, pattern in lexicon.ROLES.items()
        if (match := pattern.search(text, start, end))
    }
    if len(found) != 1:
        return []
    ((role, match),) = found.items()
    return [
        Measure(
            kind="role",
            subject="troops",
            key="role|troops",
            low=None,
            high=None,
            qualifier=role,
            unit="",
            period="",
            currency="",
            start=match.start(),
            end=match.end(),
            text=match.group(),
            party=party,
        )
    ]


def _event(text: str, start: int, end: int, span: DateSpan) -> str:
    """The event a date is the date of: the nearest event word in its sentence."""
    best, distance = "", None
    for event, pattern in lexicon.EVENT_PATTERNS.items():
        for match in pattern.finditer(text, start, end):
            if match.end() <= span.start:
                gap = span.start - match.end()
            elif match.start() >= span.end:
                gap = match.start() - span.end
            else:
                continue
            if gap <= 110 and (distance is None or gap < distance):
                best, distance = event, gap
    return best


def measures_by_sentence(
    text: str, published: datetime.date | None = None
) -> list[tuple[tuple[int, int], list[Measure]]]:
    """Each sentence span of `text` with its measures (offsets into `text`)."""
    reader = _Reader(text, published)
    return [((start, end), reader.sentence(start, end)) for start, end in sentence_spans(text)]


def measures_in(
    text: str, *, published: datetime.date | None = None, offset: int = 0
) -> list[Measure]:
    """The measures of `text`, offsets shifted by `offset` (a claim's start in its article)."""
    found = [
        measure for _span, measures in measures_by_sentence(text, published) for measure in measures
    ]
    if not offset:
        return found
    from dataclasses import replace

    return [
        replace(measure, start=measure.start + offset, end=measure.end + offset)
        for measure in found
    ]
