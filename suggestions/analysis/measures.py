"""Measures of a text: figures and dates with what they count, whose, per what period."""

import bisect
import datetime
import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace

from suggestions.analysis import lexicon
from suggestions.analysis.attribution import Attribution, attributions_in
from suggestions.analysis.dates import YEAR_NOT_GIVEN, DateSpan, dates_in
from suggestions.analysis.numbers import Figure, figures_in
from suggestions.analysis.periods import rate_period
from suggestions.analysis.records import UNPAIRED, Measure
from suggestions.analysis.roles import roles_in
from suggestions.analysis.sentences import sentence_spans

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
_WHOLE_WAR = re.compile(
    r"(?i)\s+(?:the\s+)?(?:start\s+of\s+the\s+|beginning\s+of\s+the\s+|outbreak\s+of\s+the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:war|fighting|invasion|conflict|hostilities)\b"
)
#: Verbs before a figure that say what it counts ("is losing 900", "recruits 30,000").
_STATUS_BEFORE = frozenset({"casualties", "prisoners", "recruits"})
_DATE_BOUND = re.compile(r"(?i)(?:by|until|till|before|after)\b")
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
#: "casualties reached 4,000", "the death toll rose to 300", "losses of 1,200": the counted
#: noun just before the figure.
_NOUN_BEFORE = re.compile(
    rf"(?i)(?P<noun>{lexicon.SUBJECT_PATTERN.pattern})\s+(?:\w+\s+){{0,2}}?(?:of|at|to|reached|"
    r"hit|totall?ed|numbered|numbering|topped|exceeded|passed|surpassed|stood at|stand at|"
    r"rose to|climbed to|is|are|was|were)\s+(?:(?:about|around|some|roughly|nearly|almost|over|"
    r"more than|up to|at least|an estimated|as many as|as high as)\s+)?$"
)
#: Cheap tests that must pass for `_NUMBER_OF` / `_NOUN_BEFORE` to match (each finds a part
#: every match of the long pattern contains): most figures have neither, and the long patterns
#: try every counted noun at every position.
_NUMBER_OF_WORD = re.compile(r"(?i)number|figure|toll|tally|count|total|estimate")
_NOUN_BEFORE_TAIL = re.compile(
    r"(?i)\s(?:of|at|to|reached|hit|totall?ed|numbered|numbering|topped|exceeded|passed|"
    r"surpassed|stood at|stand at|rose to|climbed to|is|are|was|were)\s+(?:(?:about|around|some|"
    r"roughly|nearly|almost|over|more than|up to|at least|an estimated|as many as|as high as)"
    r"\s+)?$"
)
_DEMONYM = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(sorted((re.escape(word) for word in lexicon.DEMONYM_PLURALS), key=len, reverse=True))
    + r")\b"
)
_PROPER_ADJECTIVE = re.compile(r"[A-Z][a-z]+(?:ian|ean|an|ese|ish|i)")
_MEN = re.compile(r"(?i)\b(?:men|people|persons|individuals)\b")
#: Words that end the noun phrase after a figure: the counted noun comes before them.
# fmt: off
_PHRASE_STOP = frozenset([
    "when", "that", "which", "who", "whom", "in", "on", "at", "to", "from", "with", "by",
    "for", "as", "than", "is", "are", "was", "were", "be", "been", "have", "has", "had",
    "will", "would", "could", "may", "might", "can", "and", "or", "but", "while", "if",
    "because", "during", "since", "after", "before", "into", "across", "per", "a", "an",
    "each", "every",
])
# fmt: on


def _noun_phrase(text: str, start: int, limit: int) -> tuple[str, str, int]:
    """(subject, party, end) of the noun right after a figure: "North Korean special forces"."""
    of_phrase = _OF_PHRASE.match(text, start, limit)
    cursor = of_phrase.end() if of_phrase else start
    if text.startswith("-strong", cursor):
        cursor += len("-strong")  # "a 350K-strong army"
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
            return ("men" if men.group().lower() == "men" else "people"), party, men.end()
        word = _WORD.match(text, cursor, limit)
        if word and not party and _PROPER_ADJECTIVE.fullmatch(word.group()):
            party = word.group()  # "140 Kardenian soldiers": a party the lists do not know
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
        self._date_starts = [span.start for span in self.dates]
        self._attributions: dict[tuple[int, int], list[Attribution]] = {}

    def attributions(self, start: int, end: int) -> list[Attribution]:
        """The attributions of text[start:end] (each sentence's read once, however often asked)."""
        found = self._attributions.get((start, end))
        if found is None:
            found = self._attributions[start, end] = attributions_in(self.text, start, end)
        return found

    def sentence(self, start: int, end: int) -> list[Measure]:
        text = self.text
        attributions = [
            attribution for attribution in self.attributions(start, end) if not attribution.hedged
        ]
        # The dates are in order and do not overlap: those inside the sentence are a run.
        first = bisect.bisect_left(self._date_starts, start)
        last = bisect.bisect_left(self._date_starts, end, first)
        dates = [span for span in self.dates[first:last] if span.end <= end]
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
        return _nearest_party(self.text, a, b, b, self.attributions(a, b))

    def _quantity(
        self, figure: Figure, start: int, end: int, attributions: Sequence[Attribution]
    ) -> Measure:
        text = self.text
        figure_start, figure_end = start + figure.start, start + figure.end
        subject, party, noun_end, inherited = self._subject(figure, start, end)
        period = rate_period(text, figure, start, end, noun_end)
        window = self._window(start, end, figure_start, period) if subject in FLOWS else ""
        if not party:
            party = _nearest_party(text, start, end, figure_start, attributions) or (
                self._earlier_party(subject) if subject else ""
            )
        if inherited:
            source = self.last_quantity
            subject, party, period = source.subject, source.party, source.period
            window = source.key.rsplit("|", 1)[-1]
        unit = figure.unit or ("people" if subject in lexicon.PEOPLE_COUNTED else "")
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

    def _subject(self, figure: Figure, start: int, end: int) -> tuple[str, str, int, bool]:
        """(subject, party, end of its noun, whether both come from the figure before)."""
        text = self.text
        figure_start, figure_end = start + figure.start, start + figure.end
        if figure.kind == "duration":
            return "duration", "", figure_end, False
        if figure.kind == "distance":
            return "distance", "", figure_end, False
        clause_end = _CLAUSE_END.search(text, figure_end, end)
        limit = clause_end.start() if clause_end else end
        subject, party, noun_end = _noun_phrase(text, figure_end, limit)
        if subject in ("demonym", "men"):
            military = lexicon.MILITARY_CONTEXT.search(self._context(start, end))
            subject = "troops" if military else "people"
        if figure.kind == "money":
            if subject not in lexicon.MONEY_SUBJECTS:
                subject = _money_subject(text, start, end)
            return subject, party, noun_end, False
        if not subject:
            subject = _subject_before(text, start, figure_start)
        inherited = bool(
            _ANAPHORA.search(text, start, figure_start)
            and noun_end == figure_end
            and self.last_quantity is not None
        )
        if subject in lexicon.PEOPLE_SUBJECTS and not inherited:
            status_end = min(limit + 1 if clause_end else end, figure_end + 70)
            status = _status(text, figure_end, max(status_end, noun_end))
            before = _status(text, max(start, figure_start - 25), figure_start)
            subject = status or (before if before in _STATUS_BEFORE else "") or subject
        return subject, party, noun_end, inherited

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
            if _WHOLE_WAR.match(text, window.end(), stop):
                return ""  # "since the fighting began": the whole war, as a plain total is
            for span in self.dates:
                if window.end() <= span.start < stop:
                    return f"since {span.low}"
        sentence = text[start:end].encode()
        return "within " + hashlib.blake2s(sentence, digest_size=4).hexdigest()

    def _date(self, span: DateSpan, start: int, end: int) -> Measure:
        # a stretch of years ("1950-53") is a period, not the date something happened, and
        # "by mid-January" / "before June" bound a date without giving it
        bound = _DATE_BOUND.match(self.text, span.start, span.end)
        dated = span.high - span.low < 366 and not bound
        event = _event(self.text, start, end, span) if dated else ""
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


def _subject_before(text: str, start: int, figure_start: int) -> str:
    """The counted noun before a figure: "the number of refugees is 40,000", "losses of 1,200"."""
    subject = ""
    if _NUMBER_OF_WORD.search(text, start, figure_start):
        for match in _NUMBER_OF.finditer(text, start, figure_start):
            subject = lexicon.subject_of(match.group("noun") or match.group("noun2"))
    window = max(start, figure_start - 60)
    if _NOUN_BEFORE_TAIL.search(text, window, figure_start):
        noun_before = _NOUN_BEFORE.search(text, window, figure_start)
        if noun_before:
            subject = lexicon.subject_of(noun_before.group("noun"))
    return subject


def _money_subject(text: str, start: int, end: int) -> str:
    """What a sum is for, named anywhere in its sentence: pay, aid or spending."""
    for noun in lexicon.SUBJECT_PATTERN.finditer(text, start, end):
        if lexicon.subject_of(noun.group()) in lexicon.MONEY_SUBJECTS:
            return lexicon.subject_of(noun.group())
    return ""


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


def read_sentences(
    text: str, published: datetime.date | None = None
) -> list[tuple[tuple[int, int], list[Measure], list[Attribution]]]:
    """Each sentence span of `text` with its measures and its attributions (hedges included),
    offsets into `text`."""
    reader = _Reader(text, published)
    return [
        ((start, end), reader.sentence(start, end), reader.attributions(start, end))
        for start, end in sentence_spans(text)
    ]


def measures_by_sentence(
    text: str, published: datetime.date | None = None
) -> list[tuple[tuple[int, int], list[Measure]]]:
    """Each sentence span of `text` with its measures (offsets into `text`)."""
    return [(span, measures) for span, measures, _ in read_sentences(text, published)]


def measures_in(
    text: str, *, published: datetime.date | None = None, offset: int = 0
) -> list[Measure]:
    """The measures of `text`, offsets shifted by `offset` (a claim's start in its article)."""
    found = [
        measure for _span, measures in measures_by_sentence(text, published) for measure in measures
    ]
    if not offset:
        return found
    return [
        replace(measure, start=measure.start + offset, end=measure.end + offset)
        for measure in found
    ]
