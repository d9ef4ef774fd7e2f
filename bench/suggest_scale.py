"""Suggestions for one new 5,000-word article against 10,000 and then 100,000 stored claims
(issue 14, point 8): the whole of `suggest_for_article` (analysis, index rewrite, candidate
queries, comparisons, storing) per article, on fresh articles each time.

The claims are those of `bench.lists` (dispatches whose sentences say that some number of
people crossed near a place: every quote carries a figure, all of one key, the worst case for
the index), bulk-created and indexed with `index_claims`. The new articles are made of the
same kind of sentences, so each of their figures meets the whole key's bucket. Run on
PostgreSQL: `DATABASE_URL=postgres://.../<db> python -m bench suggest_scale`.
BENCH_SUGGEST_CLAIMS sets the larger size (default 100000).
"""

import datetime
import os
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.ingest.normalize import content_sha256
from articles.models import Article
from bench.harness import Report
from bench.lists import SENTENCES_PER_ARTICLE, _article_text, _sentence
from claims.models import Claim
from sources.models import Source
from suggestions import analysis, services
from suggestions.models import IndexedMeasure, Suggestion
from suggestions.services import suggest as suggest_service

SIZES = (10_000, int(os.environ.get("BENCH_SUGGEST_CLAIMS", "100000")))
WORDS = 5_000
RUNS = 5
BATCH = 5_000


def _add_claims(upto: int, user, source) -> float:
    """Bulk-create dispatches with one claim per sentence until `upto` claims exist; seconds
    spent indexing their measures."""
    have = Claim.objects.count()
    first = have // SENTENCES_PER_ARTICLE
    last = upto // SENTENCES_PER_ARTICLE
    articles = []
    for n in range(first, last):
        text, _ = _article_text(n)
        articles.append(
            Article(
                title=f"Dispatch {n} from the valley",
                text=text,
                content_sha256=content_sha256(text),
                uploaded_by=user,
                published_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 365),
            )
        )
    articles = Article.objects.bulk_create(articles, batch_size=BATCH)
    claims = []
    for offset, article in enumerate(articles):
        _, spans = _article_text(first + offset)
        for start, end in spans:
            claims.append(
                Claim(
                    article=article,
                    start=start,
                    end=end,
                    quote=article.text[start:end],
                    source=source,
                    created_by=user,
                )
            )
    claims = Claim.objects.bulk_create(claims, batch_size=BATCH)
    started = time.perf_counter()
    for index in range(0, len(claims), BATCH):
        services.index_claims(claims[index : index + BATCH])
    return time.perf_counter() - started


def _new_article(number: int, user) -> Article:
    """A fresh article of about WORDS words of dispatch sentences (numbers unlike any stored)."""
    sentences, words, n = [], 0, 0
    while words < WORDS:
        sentence = _sentence(1_000_000 + number, n)
        sentences.append(sentence)
        words += len(sentence.split())
        n += 1
        if n % 5 == 0:
            sentences.append("\n\n")
    text = " ".join(sentences)
    return Article.objects.create(
        title=f"New dispatch {number}",
        text=text,
        content_sha256=content_sha256(text),
        uploaded_by=user,
        published_on=datetime.date(2025, 6, 1),
    )


def run(report: Report) -> None:
    report.line(f"load average {os.getloadavg()[0]:.2f}\n")
    user = get_user_model().objects.create_user("bench-suggest")
    user.groups.add(Group.objects.get_or_create(name="analyst")[0])
    source = Source.objects.create(name="Bench dispatches", kind="other", reliability="C")
    candidates = services.source_candidates()
    report.line(
        "| stored claims | measures indexed | index build s | runs | p50 ms | max ms "
        "| of which find_passages alone, p50 ms "
        "| new suggestions per article (claims / contradictions / corroborations) |"
    )
    report.line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    number = 0
    for size in SIZES:
        indexing = _add_claims(size, user, source)
        samples, analysis_ms, made = [], [], []
        for _ in range(RUNS):
            article = _new_article(number, user)
            number += 1
            # The engine's own share, the same text analysed alone just before.
            started = time.perf_counter()
            analysis.find_passages(article.text, published=article.published_on)
            analysis_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            result = services.suggest_for_article(article, candidates=candidates)
            samples.append((time.perf_counter() - started) * 1000)
            made.append(f"{result.claims}/{result.contradictions}/{result.corroborations}")
        samples.sort()
        analysis_ms.sort()
        indexed = IndexedMeasure.objects.filter(claim__isnull=False).count()
        report.line(
            f"| {Claim.objects.count():,} | {indexed:,} "
            f"| {indexing:.1f} | {RUNS} | {samples[len(samples) // 2]:.0f} | {samples[-1]:.0f} "
            f"| {analysis_ms[len(analysis_ms) // 2]:.0f} "
            f"| {', '.join(made)} |"
        )
    report.line(
        f"\n{WORDS:,}-word articles, each new; {Suggestion.objects.count():,} suggestions stored "
        f"in all. Each figure is compared with at most {suggest_service.CANDIDATES_PER_KEY} "
        "stored measures of its key (the newest), found through the key index."
    )
