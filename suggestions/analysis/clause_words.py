"""Words around a figure in its clause that change what the figure is: the stretch of time a
total covers, a rate worked out rather than reported, the date a speaker spoke, the verb that
says what it counts, and whether it is stated as so at all."""

import re

#: After "since": the whole war ("since the fighting began"), as a plain total is.
WHOLE_WAR = re.compile(
    r"(?i)\s+(?:the\s+)?(?:start\s+of\s+the\s+|beginning\s+of\s+the\s+|outbreak\s+of\s+the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:war|fighting|invasion|conflict|hostilities)\b"
)
#: A verb of what happened right before the figure ("the strike killed 12 people").
VERB_BEFORE = re.compile(r"(?i)\b(?P<verb>killed|wounded|injured)\s+$")
#: A rate the writer works out from a figure just given ("Overall, 700,000 since 2022. That is
#: an average of about 715 a day"): an average over the other figure's stretch of time, not a
#: rate anyone reported, so it is compared only with rates worked out the same way.
WORKED_OUT_AVERAGE = re.compile(
    r"(?i)\s*(?:that|this)(?:'s|’s|\s+is|\s+was|\s+means|\s+works\s+out\s+(?:to|at)"
    r"|\s+comes\s+to)\s+(?:an?\s+|the\s+)?(?:daily\s+|weekly\s+|monthly\s+|yearly\s+)?average\b"
)
#: Just before a date: the date a speaker spoke ("officials said on Tuesday"), not the stretch
#: of time a total covers.
REPORTED_BEFORE = re.compile(
    r"(?i)\b(?:said|says|say|reported|reports|announced|told \w+|stated|claimed|estimated|added"
    r"|confirmed|published|released)\s+$"
)
#: A stretch of time given relative to the article's date ("last week", "on Monday").
RELATIVE_TIME = re.compile(
    r"(?i)\b(?:yesterday|today|overnight|(?:last|this|past|previous)\s+(?:week|weekend|month|year|night)"
    r"|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
)
#: Before a figure in its clause: it is not stated as so (what could, would or will be, a plan,
#: a condition, a negation, a denial), so it neither contradicts nor corroborates anything. Not
#: "may" or "might": "may have reached as high as 40,000" is an estimate analysts compare.
NOT_ASSERTED = re.compile(
    r"(?i)\b(?:could|would|if|unless|never|not|n[o']t|will|plans?\s+to|planned\s+to"
    r"|intends?\s+to|expected\s+to|aims?\s+to|den(?:y|ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)"
    r"|refut(?:es|ed)|disput(?:es|ed))\b"
)
#: Someone saying what follows: a figure's statement is read after the last of these before it.
SPEAKER_VERB = re.compile(
    r"(?i)\b(?:said|says|say|reported|reports|told|announced|stated|estimated|according\s+to)\b"
)
