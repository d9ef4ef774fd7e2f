"""The analysis pipeline end to end on a small invented story (suggestions/analysis)."""

from suggestions.analysis import (
    ANALYZER_VERSION,
    Article,
    Passage,
    compare,
    find_passages,
    measures_in,
    suggest_corpus,
)

FIRST = (
    "Officials in Veldoria said on Monday that about 4,000 soldiers from Marrak had crossed "
    "the border. According to the interior ministry, up to 12,000 civilians have fled."
)
SECOND = "Marrak sent some 400 soldiers, its defence minister said."


def test_analyzer_version_is_a_string():
    assert isinstance(ANALYZER_VERSION, str) and ANALYZER_VERSION


def test_passages_are_exact_slices_with_their_measures():
    passages = find_passages(FIRST)
    assert [type(passage) for passage in passages] == [Passage, Passage]
    for passage in passages:
        assert FIRST[passage.start : passage.end] == passage.quote
        for measure in passage.measures:
            assert FIRST[measure.start : measure.end] == measure.text
    assert passages[1].attribution == "interior ministry"
    assert passages[1].measures[0].describe() == "up to 12,000 civilians"


def test_measures_of_a_quote_carry_the_article_offsets():
    start = FIRST.index("about 4,000")
    (measure,) = measures_in(FIRST[start : start + 30], offset=start)
    assert FIRST[measure.start : measure.end] == "about 4,000"


def test_corpus_pairs_the_two_troop_counts_as_a_contradiction():
    result = suggest_corpus([Article("a", FIRST), Article("b", SECOND)])
    (pair,) = [pair for pair in result.pairs if pair.verdict.kind == "contradiction"]
    assert pair.verdict.reason == "about 4,000 vs about 400 troops"
    assert compare(pair.a.measure, pair.b.measure) == pair.verdict
