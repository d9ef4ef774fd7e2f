"""Whose event a date is the date of, and which one: "Russia's offensive began in March" says
nothing about the date of Ukraine's, and a presidential election's date nothing about a
parliamentary one's (audit R6). A date is compared only with a date of the same event.

Both are read from the words right before the event word, and only there: a party named
elsewhere in the sentence is as often the place or the target ("crossed into the Kursk region
of Russia in August") as the actor.
"""

import re

from suggestions.analysis import lexicon

#: A known party right before the event word, with at most two lowercase words between
#: ("Russia's full-scale invasion", "Ukrainian forces crossed the border"), and not in the
#: passive ("Ukraine was invaded": the party there is the target, not the actor).
_ACTOR = re.compile(
    rf"(?P<party>{lexicon.PARTY_PATTERN.pattern})\s+"
    r"(?:(?!(?:is|are|was|were|been|being|be)\b)[a-z][\w-]*\s+){0,2}$"
)
#: Which body an election chooses, right before the word: "the presidential election".
_BODY = re.compile(
    r"(?i)\b(?P<body>presidential|parliamentary|legislative|general|local|municipal|regional"
    r"|mayoral|senate|congressional|midterm|gubernatorial|european)\s+$"
)
#: The words of the event read back from its word: enough for a party and two words.
_REACH = 60


def event_party(text: str, sentence_start: int, word_start: int) -> str:
    """The party whose event it is, named right before its word, else ""."""
    actor = _ACTOR.search(text, max(sentence_start, word_start - _REACH), word_start)
    return lexicon.party_of(actor.group("party")) if actor else ""


def event_subject(text: str, sentence_start: int, event: str, word_start: int) -> str:
    """The event as compared: an election is named with the body it chooses, when said."""
    if event != "election":
        return event
    body = _BODY.search(text, max(sentence_start, word_start - 20), word_start)
    return f"{body.group('body').lower()} election" if body else event
