"""Words before a figure that change what it counts: the counted noun ("the death toll rose to
300", "losses of 1,200") and the share it is the base of ("30 percent of the 10,000 troops")."""

import re

from suggestions.analysis import lexicon
from suggestions.analysis.sentence_facts import SentenceFacts

#: "casualties reached 4,000", "the death toll rose to 300", "losses of 1,200": the counted
#: noun just before the figure.
_NOUN_BEFORE = re.compile(
    rf"(?i)(?P<noun>{lexicon.SUBJECT_PATTERN.pattern})\s+(?:\w+\s+){{0,2}}?(?:of|at|to|reached|"
    r"hit|totall?ed|numbered|numbering|topped|exceeded|passed|surpassed|stood at|stand at|"
    r"rose to|climbed to|is|are|was|were)\s+(?:(?:about|around|some|roughly|nearly|almost|over|"
    r"more than|up to|at least|an estimated|as many as|as high as)\s+)?$"
)
#: A cheap test that must pass for `_NOUN_BEFORE` to match (a part every match of the long
#: pattern contains, as `sentence_facts._NUMBER_OF_WORD` for "the number of …"): most figures
#: have none, and the long pattern tries every counted noun at every position.
_NOUN_BEFORE_TAIL = re.compile(
    r"(?i)\s(?:of|at|to|reached|hit|totall?ed|numbered|numbering|topped|exceeded|passed|"
    r"surpassed|stood at|stand at|rose to|climbed to|is|are|was|were)\s+(?:(?:about|around|some|"
    r"roughly|nearly|almost|over|more than|up to|at least|an estimated|as many as|as high as)"
    r"\s+)?$"
)
#: Just before a figure that is the base of a share ("30 percent of the 10,000 troops", "one in
#: five of 2,000 residents", "300 of the army's 10,000 soldiers", "Of the 10,000 deployed"): the
#: base counts the whole group, so what happened to the share ("were killed") is not its measure.
_BASE_OF = (
    r"of\s+(?:the\s+|their\s+|its\s+|his\s+|her\s+|these\s+|those\s+|our\s+)?"
    r"(?:[\w-]+['’]s\s+)?(?:(?:about|around|some|roughly|nearly|almost|over|more than"
    r"|an estimated)\s+)?$"
)
_SHARE_BASE = re.compile(
    r"(?i)(?:%|\bper\s?cent|\bpercentage|\bproportion|\bshare|\bhalf|\bthirds?|\bquarters?"
    r"|\bfifths?|\btenths?|\bmajority|\bminority|\bmost|\bmany|\bsome|\bnone|\ball"
    rf"|\bone\s+in\s+\w+|\d)\s+{_BASE_OF}"
)
#: "Of the 10,000 troops deployed, 3,000 were killed": a clause that opens on the base.
_BASE_FIRST = re.compile(rf"(?i)[\s\"“‘']*{_BASE_OF}")


def share_base(text: str, facts: SentenceFacts, figure_start: int) -> bool:
    """Whether the figure is the base of a share, read in its clause before it."""
    clause_start = facts.clause_start_before(figure_start)
    if _BASE_FIRST.match(text, clause_start, figure_start):
        return True
    window = max(clause_start, figure_start - 60)
    # most figures have no "of" before them: the long pattern is tried only where one is
    return text.find("of", window, figure_start) >= 0 and bool(
        _SHARE_BASE.search(text, window, figure_start)
    )


def subject_before(text: str, facts: SentenceFacts, figure_start: int) -> str:
    """The counted noun before a figure: "the number of refugees is 40,000", "losses of 1,200"."""
    subject = facts.counted_noun_before(figure_start)
    window = max(facts.start, figure_start - 60)
    if _NOUN_BEFORE_TAIL.search(text, window, figure_start):
        noun_before = _NOUN_BEFORE.search(text, window, figure_start)
        if noun_before:
            subject = lexicon.subject_of(noun_before.group("noun"))
    return subject
