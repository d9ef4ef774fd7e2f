"""The whole pipeline in memory: claim suggestions per article and pairs across all of them."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from suggestions.analysis.compare import pair_up
from suggestions.analysis.passages import find_passages
from suggestions.analysis.records import Measure, Passage, Verdict


@dataclass(frozen=True)
class Article:
    """An article to analyse: any id, its normalized text, its publication date if known."""

    id: str
    text: str
    published: datetime.date | None = None


@dataclass(frozen=True)
class Side:
    article: str
    passage: Passage
    measure: Measure


@dataclass(frozen=True)
class PairSuggestion:
    a: Side
    b: Side
    verdict: Verdict


@dataclass(frozen=True)
class CorpusSuggestions:
    claims: dict[str, list[Passage]]
    pairs: list[PairSuggestion]


def suggest_corpus(articles: Iterable[Article]) -> CorpusSuggestions:
    """Claim suggestions for every article, and contradictions/corroborations between them.

    At most one pair is kept for two passages (the strongest verdict), so a sentence with two
    figures of one subject does not bring the same pair twice; and at most one role
    disagreement for two different articles (qualitative, so noisier: the most firmly
    attributed one).
    """
    claims: dict[str, list[Passage]] = {}
    items = []
    for article in articles:
        passages = find_passages(article.text, published=article.published)
        claims[article.id] = passages
        for number, passage in enumerate(passages):
            for measure in passage.measures:
                items.append(((article.id, number), measure))
    best: dict[tuple, PairSuggestion] = {}
    for owner_a, measure_a, owner_b, measure_b, verdict in pair_up(items):
        side_a = Side(owner_a[0], claims[owner_a[0]][owner_a[1]], measure_a)
        side_b = Side(owner_b[0], claims[owner_b[0]][owner_b[1]], measure_b)
        key = (owner_a, owner_b)
        rank = (verdict.kind == "contradiction", verdict.score)
        held = best.get(key)
        if held is None or rank > (held.verdict.kind == "contradiction", held.verdict.score):
            best[key] = PairSuggestion(side_a, side_b, verdict)
    pairs: list[PairSuggestion] = []
    best_role: dict[tuple[str, str], PairSuggestion] = {}
    for pair in best.values():
        if pair.a.measure.kind != "role":
            pairs.append(pair)
            continue
        if pair.a.article == pair.b.article:
            continue  # one article telling of two roles is narrating, not disagreeing
        articles_key = tuple(sorted((pair.a.article, pair.b.article)))
        held = best_role.get(articles_key)
        if held is None or _firmness(pair) > _firmness(held):
            best_role[articles_key] = pair
    return CorpusSuggestions(claims, pairs + list(best_role.values()))


def _firmness(pair: PairSuggestion) -> float:
    return pair.verdict.score + pair.a.passage.score + pair.b.passage.score
