"""The whole pipeline against gold sets (suggestions/analysis/corpus.py, scored by bench/suggest):
the synthetic story in tests/suggestions/fixtures, and the sample corpus when present."""

from pathlib import Path

import pytest

from bench.suggest import CORPUS, SYNTHETIC, load, score
from suggestions.analysis import Article, suggest_corpus


def test_the_synthetic_story_meets_the_aims():
    articles, gold = load(SYNTHETIC)
    figures = score(articles, gold)
    assert figures["topic_recall"] == 1.0
    assert figures["pair_precision"] >= 0.5
    assert figures["claim_recall"] == 1.0


@pytest.mark.skipif(not (CORPUS / "gold.json").exists(), reason="no sample corpus on this machine")
def test_the_sample_corpus_meets_the_aims():
    articles, gold = load(CORPUS)
    figures = score(articles, gold)
    assert figures["topic_recall"] >= 0.8
    assert figures["pair_precision"] >= 0.5
    assert figures["claim_recall"] >= 0.9
    assert figures["claims_per_1000_words"] <= 25


def test_one_pair_for_two_passages_and_one_role_pair_for_two_articles():
    text = (
        "North Korean troops are providing logistical support. 8,000 troops arrived there. "
        "North Korean troops are on the front lines."
    )
    other = (
        "North Korean troops were spotted fighting alongside Russians. "
        "North Korean troops are fighting in Kursk. Up to 60,000 troops arrived there."
    )
    result = suggest_corpus([Article("a", text), Article("b", other)])
    roles = [pair for pair in result.pairs if pair.a.measure.kind == "role"]
    articles = {tuple(sorted((pair.a.article, pair.b.article))) for pair in roles}
    assert len(roles) == len(articles)
    passages = [(pair.a.passage, pair.b.passage) for pair in result.pairs]
    assert len(passages) == len(set(passages))


def test_fixture_quotes_are_in_their_articles():
    articles, gold = load(SYNTHETIC)
    texts = {article.id: article.text for article in articles}
    for topic in gold:
        for claim in topic["claims"]:
            assert claim["quote"] in texts[claim["article"]]
    assert Path(SYNTHETIC / "README.md").exists()


def test_two_roles_in_one_article_are_not_suggested_as_a_contradiction():
    text = (
        "North Korean troops are providing logistical support. "
        "North Korean troops were spotted fighting in Kursk."
    )
    result = suggest_corpus([Article("a", text)])
    assert [pair for pair in result.pairs if pair.a.measure.kind == "role"] == []
