"""Reading an article takes time in proportion to its length whatever it holds
(suggestions/analysis): each figure of a sentence once searched the whole sentence for its
party, its sum's purpose, its clause, and each date for its event, so a pasted 10 KB of
"$1 $1 $1 …" without a full stop held the upload for a minute. The lookups must give what the
searches gave.

Nothing here measures speed: each text runs under an alarm of `GUARD_SECONDS`, ten times what
the linear code needs on a loaded machine and a fraction of what the quadratic code took (at
these sizes, one to several minutes each)."""

import re

import pytest

from suggestions.analysis import find_passages
from tests.guards import finishes_within

GUARD_SECONDS = 15


#: (what repeats, how many characters of it): one sentence of figures, dates or speakers.
PATHOLOGICAL = {
    "sums": ("$1 ", 20_000),
    "bare figures": ("1 ", 20_000),
    "percentages": ("1% ", 20_000),
    "dates": ("1 May ", 20_000),
    "figures joined by hyphens": ("1-", 20_000),
    "figures in clauses": ("1; ", 20_000),
    "sums of a flow since a date": ("$1 of aid since 1 May ", 20_000),
    "adverbs without a verb": (" quickly", 400_000),
    "speakers": ("Officials said, ", 400_000),
}


@pytest.mark.parametrize("unit, length", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_a_long_sentence_of_figures_is_read_in_linear_time(unit, length):
    text = unit * (length // len(unit))
    with finishes_within(GUARD_SECONDS):
        passages = find_passages(text)
    assert all(passage.quote == text[passage.start : passage.end] for passage in passages)


ARTICLE = (
    "Russia is losing about 1,300 soldiers a day, Ukraine's general staff said on Tuesday. "
    "Pyongyang has dispatched roughly 11,000 soldiers to the Kursk region, Washington says, "
    "and some 3,000 of them have moved to the front line since the offensive began in August "
    "2024. Pyongyang denied the figure. Kyiv said the toll had reached 600,000 since the start "
    "of the war, while Moscow spent $120 billion on the army this year and pays recruits $2,000 "
    "a month."
)
#: What the engine read in `ARTICLE` before its lookups replaced the searches (taken from the
#: code before them).
ARTICLE_READ = [
    (0, 85, "Ukraine's general staff", [("about 1,300", "casualties|count|day||", "Russia")]),
    (
        86,
        266,
        "Washington",
        [
            ("roughly 11,000", "troops|count|||", "North Korea"),
            ("some 3,000", "", ""),
            ("in August 2024", "date|offensive start", ""),
        ],
    ),
    (267, 295, "Pyongyang", []),
    (
        296,
        450,
        "Kyiv",
        [
            ("600,000", "troops|count|||", "North Korea"),
            # Spending on the army and recruits' pay: no subject this engine compares (they
            # were read as aid once, from the "aid" inside "Kyiv said").
            ("$120 billion", "", ""),
            ("$2,000", "", ""),
        ],
    ),
]
#: ... and in `ARTICLE` run on, each full stop a comma: many figures share a sentence.
RUN_ON_READ = [
    (
        0,
        171,
        "Ukraine's general staff",
        [
            ("about 1,300", "casualties|count|day||", "Russia"),
            ("roughly 11,000", "troops|count|||", "North Korea"),
        ],
    ),
    (
        173,
        361,
        "Ukraine's general staff",
        [
            ("some 3,000", "", ""),
            ("in August 2024", "date|offensive start", ""),
            ("600,000", "troops|count|||", "North Korea"),
        ],
    ),
    (
        363,
        450,
        "Ukraine's general staff",
        [
            # Spending on the army and recruits' pay: no subject this engine compares (they
            # were read as aid once, from the "aid" inside "Kyiv said").
            ("$120 billion", "", ""),
            ("$2,000", "", ""),
        ],
    ),
]


def _read(text: str) -> list[tuple]:
    """Each passage's span, speaker, and its measures' words, key (without "quantity|") and
    party."""
    return [
        (
            passage.start,
            passage.end,
            passage.attribution,
            [
                (measure.text, measure.key.removeprefix("quantity|"), measure.party)
                for measure in passage.measures
            ],
        )
        for passage in find_passages(text)
    ]


@pytest.mark.parametrize(
    "text, read",
    [(ARTICLE, ARTICLE_READ), (re.sub(r"([.!?])\s+", ", ", ARTICLE), RUN_ON_READ)],
    ids=["article", "run on"],
)
def test_an_article_is_read_as_before(text, read):
    assert _read(text) == read


def test_a_text_is_read_up_to_a_bound_of_figures():
    """A pasted table of figures is read up to `MEASURES_PER_TEXT` of them, in one sentence
    or in many: after that, what follows is not prose to suggest claims from."""
    from suggestions.analysis.measures import MEASURES_PER_TEXT, read_sentences

    for text in ("1 " * (3 * MEASURES_PER_TEXT), "1. " * (3 * MEASURES_PER_TEXT)):
        with finishes_within(GUARD_SECONDS):
            read = sum(len(measures) for _span, measures, _who in read_sentences(text))
        assert read == MEASURES_PER_TEXT
