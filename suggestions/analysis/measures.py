"""Measures of a text: figures and dates with what they count, whose, per what period."""

import bisect
import datetime
import re
from dataclasses import replace

from suggestions.analysis import lexicon
from suggestions.analysis.attribution import Attribution, attributions_in
from suggestions.analysis.before_figure import share_base, subject_before
from suggestions.analysis.clause_words import (
    NOT_ASSERTED,
    RELATIVE_TIME,
    REPORTED_BEFORE,
    SPEAKER_VERB,
    VERB_BEFORE,
    WHOLE_WAR,
    WORKED_OUT_AVERAGE,
)
from suggestions.analysis.dates import YEAR_NOT_GIVEN, DateSpan, dates_in
from suggestions.analysis.events import event_party, event_subject
from suggestions.analysis.numbers import Figure, figures_in
from suggestions.analysis.periods import rate_period
from suggestions.analysis.records import UNPAIRED, Measure
from suggestions.analysis.roles import roles_in
from suggestions.analysis.sentence_facts import SentenceFacts
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
#: Verbs before a figure that say what it counts ("is losing 900", "recruits 30,000").
_STATUS_BEFORE = frozenset({"casualties", "prisoners", "recruits"})
_DATE_BOUND = re.compile(r"(?i)(?:by|until|till|before|after)\b")
_OF_PHRASE = re.compile(r"^\s*(?:or so\s+)?of\s+(?:the|their|its|his|her|these|those|our|whom)?\s*")
_WORD = re.compile(r"[\w’'-]+")
_DEMONYM = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(sorted((re.escape(word) for word in lexicon.DEMONYM_PLURALS), key=len, reverse=True))
    + r")\b"
)
_PROPER_ADJECTIVE = re.compile(r"[A-Z][a-z]+(?:ian|ean|an|ese|ish|i)")
_MEN = re.compile(r"(?i)\b(?:men|people|persons|individuals)\b")
#: A word of the noun phrase after a figure is read no further than this: more than any word
#: has, and a "word" of hyphens and digits ("1-1-1-…") read to its end from each of its figures
#: is quadratic in its length.
WORD_MAX_LENGTH = 100
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
        word = _WORD.match(text, cursor, min(limit, cursor + WORD_MAX_LENGTH))
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


#: The most figures and dates read from one text: their sentences up to the one that reaches
#: it. An article of news holds tens to hundreds (56 in the corpus's longest, 20,000
#: characters); each costs about 0.1 ms, so a pasted table of a million figures would hold the
#: worker for minutes, and what follows this many is a table, not prose to suggest claims from.
MEASURES_PER_TEXT = 5_000


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
        self._sentences: dict[tuple[int, int], SentenceFacts] = {}

    def attributions(self, start: int, end: int) -> list[Attribution]:
        """The attributions of text[start:end] (each sentence's read once, however often asked)."""
        found = self._attributions.get((start, end))
        if found is None:
            found = self._attributions[start, end] = attributions_in(self.text, start, end)
        return found

    def facts(self, start: int, end: int) -> SentenceFacts:
        """What the figures of text[start:end] ask of the whole sentence, read once."""
        found = self._sentences.get((start, end))
        if found is None:
            found = self._sentences[start, end] = SentenceFacts(
                self.text, start, end, self.attributions(start, end), self.previous_sentences[-2:]
            )
        return found

    def sentence(self, start: int, end: int, most: int = MEASURES_PER_TEXT) -> list[Measure]:
        """The measures of the sentence text[start:end]: its first `most` dates and figures,
        and its roles."""
        text = self.text
        facts = self.facts(start, end)
        # The dates are in order and do not overlap: those inside the sentence are a run.
        first = bisect.bisect_left(self._date_starts, start)
        last = bisect.bisect_left(self._date_starts, end, first)
        dates = [span for span in self.dates[first:last] if span.end <= end]
        measures = [self._date(span, facts) for span in dates[:most]]
        figures = figures_in(text[start:end], [(d.start - start, d.end - start) for d in dates])
        for figure in figures[: max(0, most - len(measures))]:
            measure = self._quantity(figure, facts)
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

    def _earlier_party(self, subject: str) -> str:
        """The party of the same subject one or two sentences back, else the last one named."""
        sentence, party = self.party_by_subject.get(subject, (-10, ""))
        if len(self.previous_sentences) - sentence <= 2:
            return party
        if not self.previous_sentences:
            return ""
        return self.facts(*self.previous_sentences[-1]).last_party

    def _quantity(self, figure: Figure, facts: SentenceFacts) -> Measure:
        text, start, end = self.text, facts.start, facts.end
        figure_start, figure_end = start + figure.start, start + figure.end
        subject, party, noun_end, inherited = self._subject(figure, facts)
        period = rate_period(text, figure, start, end, noun_end)
        window = self._window(facts, figure_start, period) if subject in FLOWS else ""
        if not party:
            party = facts.parties.nearest(figure_start) or (
                self._earlier_party(subject) if subject else ""
            )
        if inherited:
            source = self.last_quantity
            subject, party, period = source.subject, source.party, source.period
            # A count over a stated stretch ("30,000 killed in May") carried to a sentence that
            # names another ("the toll was 40,000 in June") counts that one; a running total
            # carried ("that figure rose to 40,000 in June") is still the running total.
            window = source.key.rsplit("|", 1)[-1]
            if window and subject in FLOWS:
                window = self._window(facts, figure_start, period) or window
        unit = figure.unit or ("people" if subject in lexicon.PEOPLE_COUNTED else "")
        # Only a figure stated as so is compared: not what could, would or will be, not what
        # did not happen, not what someone denied (read in its statement, before it).
        statement_start = figure_start
        pairable = subject and figure.kind in ("count", "percent", "money") and not figure.vague
        if pairable:
            statement_start = self._statement_start(facts, figure_start)
            pairable = not NOT_ASSERTED.search(self.text, statement_start, figure_start)
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
            place=self._place(facts, figure_start, statement_start) if pairable else "",
        )

    def _statement_start(self, facts: SentenceFacts, figure_start: int) -> int:
        """Where the statement of a figure starts in its clause: after the last speaker before
        it ("Moscow denied the figure, Kyiv said 600,000")."""
        begins = facts.clause_start_before(figure_start)
        for said in SPEAKER_VERB.finditer(self.text, begins, figure_start):
            begins = said.end()
        return begins

    def _place(self, facts: SentenceFacts, figure_start: int, statement_start: int) -> str:
        """Where the figure is counted, named in its statement: "speaking in Brussels, the
        minister said 8,000" is not a count of Brussels."""
        clause_end = facts.clause_end_after(figure_start)
        stop = clause_end if clause_end is not None else facts.end
        return facts.places.near(figure_start, statement_start, stop)

    def _subject(self, figure: Figure, facts: SentenceFacts) -> tuple[str, str, int, bool]:
        """(subject, party, end of its noun, whether both come from the figure before)."""
        text, start, end = self.text, facts.start, facts.end
        figure_start, figure_end = start + figure.start, start + figure.end
        if figure.kind == "duration":
            return "duration", "", figure_end, False
        if figure.kind == "distance":
            return "distance", "", figure_end, False
        clause_end = facts.clause_end_after(figure_end)
        limit = clause_end if clause_end is not None else end
        subject, party, noun_end = _noun_phrase(text, figure_end, limit)
        if subject in ("demonym", "men"):
            subject = "troops" if facts.military else "people"
        if figure.kind == "money":
            if subject not in lexicon.MONEY_SUBJECTS:
                subject = facts.money_subject
            return subject, party, noun_end, False
        if not subject:
            subject = subject_before(text, facts, figure_start)
        if subject in lexicon.PEOPLE_SUBJECTS and not share_base(text, facts, figure_start):
            status_end = min(limit + 1 if clause_end is not None else end, figure_end + 70)
            status = _status(text, figure_end, max(status_end, noun_end))
            before = _status(text, max(start, figure_start - 25), figure_start)
            verb = VERB_BEFORE.search(text, max(start, figure_start - 12), figure_start)
            if verb and not status:
                before = "deaths" if verb.group("verb").lower() == "killed" else "wounded"
            subject = status or (before if before in _STATUS_BEFORE or verb else "") or subject
        # "That figure rose to 40,000" counts what the figure before it counted, but "the death
        # toll reached 300" after a troop figure counts deaths: a measure the sentence names
        # itself wins over the one carried over, unless it is the same one.
        carried = self.last_quantity
        inherited = bool(
            carried is not None
            and noun_end == figure_end
            and subject in ("", carried.subject)
            and facts.anaphora_before(figure_start)
        )
        return subject, party, noun_end, inherited

    def _window(self, facts: SentenceFacts, at: int, period: str) -> str:
        """A total counted over a stated stretch of time is comparable only with the same one."""
        if period:
            if WORKED_OUT_AVERAGE.match(self.text, facts.start, at):
                return "worked out"
            return ""  # a rate is comparable whatever stretch of time it was measured over
        clause_start = facts.clause_start_before(at)
        clause_end = facts.clause_end_after(at)
        stop = clause_end if clause_end is not None else facts.end
        window = facts.window_word(clause_start, stop)
        if not window:
            return self._dated_window(facts, clause_start, stop)
        if window.group().lower() == "since":
            if WHOLE_WAR.match(self.text, window.end(), stop):
                return ""  # "since the fighting began": the whole war, as a plain total is
            # The dates are in order: the first at or after the window word is the one.
            first = bisect.bisect_left(self._date_starts, window.end())
            if first < len(self.dates) and self.dates[first].start < stop:
                return f"since {self.dates[first].low}"
        return "within " + facts.fingerprint

    def _dated_window(self, facts: SentenceFacts, clause_start: int, stop: int) -> str:
        """A total of a stated time ("in 2023", "last week", "on Monday") is one of that time
        only; the date a speaker spoke ("officials said on Tuesday") is not its window."""
        first = bisect.bisect_left(self._date_starts, clause_start)
        for span in self.dates[first:]:
            if span.start >= stop:
                break
            if REPORTED_BEFORE.search(self.text, max(clause_start, span.start - 30), span.start):
                continue
            return f"in {span.low}-{span.high}"
        for relative in RELATIVE_TIME.finditer(self.text, clause_start, stop):
            if not REPORTED_BEFORE.search(
                self.text, max(clause_start, relative.start() - 30), relative.start()
            ):
                return "within " + facts.fingerprint
        return ""

    def _date(self, span: DateSpan, facts: SentenceFacts) -> Measure:
        # a stretch of years ("1950-53") is a period, not the date something happened, and
        # "by mid-January" / "before June" bound a date without giving it
        bound = _DATE_BOUND.match(self.text, span.start, span.end)
        dated = span.high - span.low < 366 and not bound
        event, word_start = facts.event(span) if dated else ("", -1)
        party = ""
        if event:
            party = event_party(self.text, facts.start, word_start)
            event = event_subject(self.text, facts.start, event, word_start)
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
            party=party,
        )


def read_sentences(
    text: str, published: datetime.date | None = None
) -> list[tuple[tuple[int, int], list[Measure], list[Attribution]]]:
    """Each sentence span of `text` with its measures and its attributions (hedges included),
    offsets into `text`; none after the sentence whose measures reach `MEASURES_PER_TEXT`."""
    reader = _Reader(text, published)
    found, read = [], 0
    for start, end in sentence_spans(text):
        if read >= MEASURES_PER_TEXT:
            break
        measures = reader.sentence(start, end, most=MEASURES_PER_TEXT - read)
        read += len(measures)
        found.append(((start, end), measures, reader.attributions(start, end)))
    return found


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
