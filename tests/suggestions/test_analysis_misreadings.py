"""Figures the engine once misread into false contradictions, or could not hold at all
(audit R): each pair of sentences here is what a reader would never call a contradiction, or
a figure written the way newsrooms write it."""

import json

import pytest

from suggestions.analysis import Article, measures_in, suggest_corpus


def _pairs(first: str, second: str) -> list[tuple[str, str]]:
    found = suggest_corpus([Article("A", first, None), Article("B", second, None)])
    return [(pair.verdict.kind, pair.verdict.reason) for pair in found.pairs]


def _figures(text: str) -> list[tuple[float | None, float | None]]:
    return [
        (measure.low, measure.high) for measure in measures_in(text) if measure.kind == "quantity"
    ]


@pytest.mark.parametrize(
    "digits", ["9" * 400, "1" + ",000" * 120], ids=["a run of digits", "thousands groups"]
)
def test_a_figure_past_any_count_is_no_figure_and_breaks_nothing(digits):
    text = f"Officials said {digits} troops were deployed. Later 5,000 troops were deployed."

    measures = measures_in(text)

    assert [measure.describe() for measure in measures]  # no OverflowError
    json.dumps([measure.low for measure in measures], allow_nan=False)  # storable
    assert all(measure.low is None or measure.low < 1e15 for measure in measures)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # "said" holds "aid": a subject word counts only as a word of its own.
        (
            "The mayor said the new bridge will cost $5 million.",
            "The minister said the stadium renovation cost $400 million.",
        ),
        ("The governor said the turnout was 300.", "The governor said the turnout was 4,000."),
        # Totals of different stated times.
        ("In 2023, 10,000 soldiers were killed.", "In 2024, 40,000 soldiers were killed."),
        ("This year 3,000 refugees arrived.", "Last year 30,000 refugees arrived."),
        # The verb before the figure says what it counts.
        (
            "The missile strike on the market killed 12 people.",
            "The missile strike on the market wounded 60 people.",
        ),
    ],
)
def test_figures_a_reader_would_never_compare_are_not_paired(first, second):
    assert _pairs(first, second) == []


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("half a million", (500_000, 500_000)),
        ("two and a half million", (2_500_000, 2_500_000)),
        ("a dozen", (12, 12)),
        ("20 000", (20_000, 20_000)),
        ("20\u00a0000", (20_000, 20_000)),
        ("10-15,000", (10_000, 15_000)),
    ],
)
def test_figures_written_in_words_or_grouped_by_spaces_are_read_whole(written, value):
    assert _figures(f"Officials said {written} troops were deployed to the border.") == [value]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # What could, would or will be; what did not happen; what someone denied.
        ("Analysts say the army could reach 100,000 troops.", "The army has 10,000 troops."),
        ("If the talks fail, the army would send 50,000 troops.", "The army sent 5,000 troops."),
        ("The strike did not kill 500 civilians.", "The strike killed 20 civilians."),
        (
            "Moscow denied that 5,000 Russian troops died in the battle.",
            "Kyiv says 5,000 Russian troops died in the battle.",
        ),
    ],
)
def test_a_figure_not_stated_as_so_is_neither_contradicted_nor_corroborated(first, second):
    assert _pairs(first, second) == []


def test_an_estimate_that_may_have_reached_a_figure_is_still_compared():
    found = _pairs(
        "Russia is suffering around 30,000 casualties each month.",
        "That casualty figure may have reached as high as 40,000 casualties a month.",
    )

    assert [kind for kind, _ in found] == ["contradiction"]
