"""Suggestions against an expert's gold set (issue 14, point 7), and the analysis speed.

Loads the articles of /work/shared/corpus (and the synthetic story in
tests/suggestions/fixtures, written for this project) and runs the pure pipeline
`suggest_corpus` in memory: publication dates are not known for the corpus files, so none is
given (file modification times are copy times, not publication dates); a date without a year
is then compared on month and day alone.

Scores, as issue 14 defines them:
- topic recall: topics (with at least two gold claims) for which one contradiction suggestion
  pairs two different gold claims of the topic, each suggested span overlapping its gold quote;
- pair precision: contradiction suggestions whose two spans overlap two gold claims of one
  topic, over all contradiction suggestions;
- claim recall: gold quotes overlapped by a claim suggestion;
- claim suggestions per 1,000 words.
Spans are the suggested passages (what an analyst accepts as a claim); the figures with the
narrower measure spans follow for comparison.
"""

import json
import time
from dataclasses import dataclass
from pathlib import Path

from suggestions.analysis import Article, find_passages, suggest_corpus

CORPUS = Path("/work/shared/corpus")
SYNTHETIC = Path(__file__).resolve().parent.parent / "tests" / "suggestions" / "fixtures"
SPEED_RUNS = 5


@dataclass(frozen=True)
class GoldClaim:
    topic: str
    article: str
    start: int
    end: int
    quote: str


def load(folder: Path) -> tuple[list[Article], list[dict]]:
    articles = [Article(path.name, path.read_text()) for path in sorted(folder.glob("*.txt"))]
    gold = json.loads((folder / "gold.json").read_text())
    return articles, gold


def gold_claims(articles: list[Article], gold: list[dict]) -> list[GoldClaim]:
    texts = {article.id: article.text for article in articles}
    claims = []
    for topic in gold:
        for claim in topic["claims"]:
            text = texts[claim["article"]]
            start = text.find(claim["quote"])
            if start < 0:
                raise ValueError(f"gold quote not found in {claim['article']}: {claim['quote']!r}")
            claims.append(
                GoldClaim(
                    topic["topic"],
                    claim["article"],
                    start,
                    start + len(claim["quote"]),
                    claim["quote"],
                )
            )
    return claims


def _overlaps(article: str, start: int, end: int, claim: GoldClaim) -> bool:
    return article == claim.article and start < claim.end and claim.start < end


def _gold_pair(side_a, side_b, claims: list[GoldClaim], use_measure: bool) -> str | None:
    """The topic whose two different gold claims the two sides overlap, if any."""

    def span(side):
        holder = side.measure if use_measure else side.passage
        return side.article, holder.start, holder.end

    for claim_a in claims:
        if not _overlaps(*span(side_a), claim_a):
            continue
        for claim_b in claims:
            if claim_b is claim_a or claim_b.topic != claim_a.topic:
                continue
            if _overlaps(*span(side_b), claim_b):
                return claim_a.topic
    return None


def score(articles: list[Article], gold: list[dict], *, use_measure: bool = False) -> dict:
    claims = gold_claims(articles, gold)
    result = suggest_corpus(articles)
    contradictions = [pair for pair in result.pairs if pair.verdict.kind == "contradiction"]
    found: dict[str, list] = {}
    correct = 0
    for pair in contradictions:
        topic = _gold_pair(pair.a, pair.b, claims, use_measure)
        if topic:
            correct += 1
            found.setdefault(topic, []).append(pair)
    topics = [topic["topic"] for topic in gold if len(topic["claims"]) >= 2]
    covered = [
        claim
        for claim in claims
        if any(
            passage.start < claim.end and claim.start < passage.end
            for passage in result.claims[claim.article]
        )
    ]
    words = sum(len(article.text.split()) for article in articles)
    claim_count = sum(len(passages) for passages in result.claims.values())
    return {
        "topics": topics,
        "found": found,
        "topic_recall": sum(topic in found for topic in topics) / len(topics) if topics else 0,
        "pair_precision": correct / len(contradictions) if contradictions else 0,
        "contradictions": len(contradictions),
        "corroborations": len(result.pairs) - len(contradictions),
        "claim_recall": len(covered) / len(claims) if claims else 0,
        "missed_claims": [claim for claim in claims if claim not in covered],
        "claims_per_1000_words": 1000 * claim_count / words,
        "claims": claim_count,
        "words": words,
        "pairs": result.pairs,
    }


def _report_corpus(report, label: str, folder: Path) -> None:
    articles, gold = load(folder)
    figures = score(articles, gold)
    strict = score(articles, gold, use_measure=True)
    report.line(f"## {label}: {len(articles)} articles, {figures['words']:,} words\n")
    report.line("| figure | passage spans | measure spans | aim |")
    report.line("| --- | ---: | ---: | --- |")
    report.line(
        f"| topic recall | {figures['topic_recall']:.2f} | {strict['topic_recall']:.2f} | ≥ 0.8 |"
    )
    report.line(
        f"| pair precision ({figures['contradictions']} contradictions) | "
        f"{figures['pair_precision']:.2f} | {strict['pair_precision']:.2f} | ≥ 0.5 |"
    )
    report.line(f"| claim recall | {figures['claim_recall']:.2f} | | ≥ 0.9 |")
    report.line(
        f"| claim suggestions per 1,000 words ({figures['claims']}) | "
        f"{figures['claims_per_1000_words']:.1f} | | ≤ 25 |"
    )
    report.line(f"| corroboration suggestions | {figures['corroborations']} | | |\n")
    report.line("| topic | found | by |")
    report.line("| --- | --- | --- |")
    for topic in figures["topics"]:
        pairs = figures["found"].get(topic, [])
        by = "; ".join(pair.verdict.reason for pair in pairs[:3])
        report.line(f"| {topic} | {'found' if pairs else 'MISSED'} | {by} |")
    if figures["missed_claims"]:
        report.line(
            "\nGold quotes no claim suggestion overlaps: "
            + "; ".join(f"{claim.article}: “{claim.quote}”" for claim in figures["missed_claims"])
        )
    report.line("\nContradiction suggestions:\n")
    for pair in figures["pairs"]:
        if pair.verdict.kind == "contradiction":
            report.line(
                f"- {pair.verdict.reason} ({pair.verdict.score:.2f}) — {pair.a.article} "
                f"“{pair.a.measure.text}” / {pair.b.article} “{pair.b.measure.text}”"
            )
    report.line("")


def _report_database(report, folder: Path) -> None:
    """The same corpus through the product: uploaded into the database, suggested, scored."""
    from bench._suggest_database import report_database_path

    articles, gold = load(folder)
    report_database_path(report, folder, gold, score(articles, gold), (gold_claims, _overlaps))


def _article_of(words: int, texts: list[str]) -> str:
    pool = " ".join(texts).split(" ")
    while len(pool) < words:
        pool += pool
    return " ".join(pool[:words])


def _report_speed(report, texts: list[str]) -> None:
    report.line("## Analysis time of one article (find_passages, pure Python)\n")
    report.latency_header()
    for words in (500, 5_000):
        text = _article_of(words, texts)
        samples = []
        for _ in range(SPEED_RUNS):
            started = time.perf_counter()
            find_passages(text)
            samples.append((time.perf_counter() - started) * 1000)
        report.latency(f"{words:,}-word article", samples)
    report.line("")


def run(report) -> None:
    import os

    report.line(f"load average {os.getloadavg()[0]:.2f}\n")
    texts = []
    for label, folder in (
        ("Sample corpus (real articles)", CORPUS),
        ("Synthetic story (tests fixtures; rules were tuned on it)", SYNTHETIC),
        ("Second synthetic story (first scored blind: see its README)", SYNTHETIC / "heldout"),
    ):
        if (folder / "gold.json").exists():
            _report_corpus(report, label, folder)
            _report_database(report, folder)
            texts += [path.read_text() for path in sorted(folder.glob("*.txt"))]
        else:
            report.line(f"## {label}: not found at {folder}\n")
    if texts:
        _report_speed(report, texts)
