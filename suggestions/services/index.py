"""The index of measures: every figure and date of an article's passages and claims, stored
with its key (`IndexedMeasure`), so that a new article's measures meet only the stored ones of
equal key (`suggestions.services.suggest` pairs them).

A claim stands in for the passage of the same span; its measures are those of its quote, read
in its article as the passage is (with the article's offsets). The save signal keeps one
claim's rows (`index_claim`), the bulk-write signal those of claims just recorded
(`index_new_claims`), and bulk loads that bypass both call `index_claims`.
"""

import bisect
import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from articles.models import Article
from claims.models import Claim
from suggestions import analysis
from suggestions.analysis.sentences import sentence_spans
from suggestions.models import IndexedMeasure


def _row(
    article_id: int,
    start: int,
    end: int,
    quote: str,
    measure: analysis.Measure,
    *,
    claim_id: int | None = None,
    statement: str = "",
    attribution: str = "",
    score: float = 1.0,
) -> IndexedMeasure:
    return IndexedMeasure(
        key=measure.key[:200],
        article_id=article_id,
        start=start,
        end=end,
        quote=quote,
        claim_id=claim_id,
        # Its fields as `dataclasses.asdict` gives them (all plain values), without the deep copy.
        measure=dict(vars(measure)),
        score=score,
        statement=statement[:500],
        attribution=attribution[:200],
    )


#: How many sentences before a claim's own are read with it: every context the reading of a
#: figure asks of the sentences before it (its party two sentences back, the speaker of the
#: one before, "that figure" of the one before) and no more, so that saving a claim reads a
#: few sentences, not its whole article.
CONTEXT_SENTENCES = 3

#: Where a claim's figures are read: its article's text and publication date, by article id.
ArticleTexts = dict[int, tuple[str, datetime.date | None]]


#: Characters before a claim within which its context sentences are looked for, from the start
#: of a paragraph: more than three sentences of any real text.
CONTEXT_WINDOW = 4_000


class _ArticleReadings:
    """The sentences of each article, found once however many of its claims are read; for the
    first few claims of a long article, only those of the paragraphs around each (a claim saved
    in a 300,000-character article read all its sentences: 70 ms)."""

    #: Claims of one article read in paragraphs before its sentences are all found at once.
    FEW = 3

    def __init__(self, articles: ArticleTexts):
        self.articles = articles
        self._sentences: dict[int, tuple[list[int], list[int]]] = {}
        self._reads: dict[int, int] = {}

    def _spans(self, article_id: int, start: int, end: int) -> tuple[list[int], list[int]]:
        """The sentences of the article, or of the whole paragraphs from `CONTEXT_WINDOW`
        before `start` to the end of `end`'s: a paragraph break always ends a sentence, so
        those are the article's own sentences there."""
        if article_id in self._sentences:
            return self._sentences[article_id]
        text = self.articles[article_id][0]
        self._reads[article_id] = self._reads.get(article_id, 0) + 1
        if len(text) <= 4 * CONTEXT_WINDOW or self._reads[article_id] > self.FEW:
            spans = sentence_spans(text)
            self._sentences[article_id] = ([a for a, _ in spans], [b for _, b in spans])
            return self._sentences[article_id]
        begins = text.rfind("\n", 0, max(0, start - CONTEXT_WINDOW)) + 1
        stops = text.find("\n", end)
        stops = len(text) if stops < 0 else stops
        spans = sentence_spans(text[begins:stops])
        return [begins + a for a, _ in spans], [begins + b for _, b in spans]

    def overlapping(self, article_id: int, start: int, end: int) -> list[analysis.Measure]:
        """The measures of the article that overlap text[start:end], read with the sentences
        before it as the article's own reading reads them."""
        text, published = self.articles[article_id]
        starts, ends = self._spans(article_id, start, end)
        if not starts:
            return []
        first = max(0, bisect.bisect_right(starts, start) - 1 - CONTEXT_SENTENCES)
        last = max(first + 1, bisect.bisect_left(starts, end))
        begins, stops = starts[first], max(ends[last - 1], end)
        measures = analysis.measures_in(text[begins:stops], published=published, offset=begins)
        return [measure for measure in measures if measure.start < end and start < measure.end]


def _claim_measures(claim: Claim, readings: _ArticleReadings) -> list[analysis.Measure]:
    """A claim's measures as its article reads them: "It put the number at 5,000" is the
    ministry's figure when the sentence before says so, and a quote read alone forgets it
    (audit R9). A quote without a figure or date has none in any context, and one that no
    longer matches its article's text (an edited article) is read alone."""
    text, published = readings.articles.get(claim.article_id, ("", None))
    alone = analysis.measures_in(claim.quote, published=published, offset=claim.start)
    if not alone or text[claim.start : claim.end] != claim.quote:
        return alone
    return readings.overlapping(claim.article_id, claim.start, claim.end) or alone


def claim_measure_rows(claims: Iterable[Claim], articles: ArticleTexts) -> list[IndexedMeasure]:
    """The index rows of the measures in these claims' quotes, read in their articles (text and
    publication date by article id; offsets are the article's)."""
    readings = _ArticleReadings(articles)
    rows = []
    for claim in claims:
        for measure in _claim_measures(claim, readings):
            if not measure.key:  # the engine never pairs it
                continue
            rows.append(
                _row(
                    claim.article_id,
                    claim.start,
                    claim.end,
                    claim.quote,
                    measure,
                    claim_id=claim.pk,
                    statement=claim.statement,
                )
            )
    return rows


def _article_texts(article_ids: Iterable[int]) -> ArticleTexts:
    found = Article.objects.filter(pk__in=list(article_ids)).values_list(
        "pk", "text", "published_on"
    )
    return {pk: (text, published) for pk, text, published in found}


def index_claim(claim: Claim) -> None:
    """Store the measures of one claim's quote afresh (none once it is deleted); the claim
    stands in for a passage of the same span."""
    IndexedMeasure.objects.filter(claim_id=claim.pk).delete()
    IndexedMeasure.objects.filter(
        article_id=claim.article_id, start=claim.start, end=claim.end, claim__isnull=True
    ).delete()
    if claim.deleted_at is None:
        IndexedMeasure.objects.bulk_create(
            claim_measure_rows([claim], _article_texts([claim.article_id]))
        )


def index_new_claims(claims: list[Claim]) -> None:
    """Index claims just recorded (their articles loaded): each stands for the passage of the
    same span. No query unless some quote carries a measure."""
    articles = {
        claim.article_id: (claim.article.text, claim.article.published_on) for claim in claims
    }
    rows = claim_measure_rows(claims, articles)
    if not rows:
        return
    spans = Q()
    for row in rows:
        spans |= Q(article_id=row.article_id, start=row.start, end=row.end)
    IndexedMeasure.objects.filter(spans, claim__isnull=True).delete()
    IndexedMeasure.objects.bulk_create(rows)


def index_claims(claims: Iterable[Claim], *, batch_size: int = 2000) -> int:
    """Store the measures of many live claims (bulk loads that bypass the save signal); the
    number of measures stored."""
    claims = list(claims)
    rows = claim_measure_rows(claims, _article_texts({claim.article_id for claim in claims}))
    with transaction.atomic():
        IndexedMeasure.objects.filter(claim_id__in=[claim.pk for claim in claims]).delete()
        IndexedMeasure.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)


def index_article(
    article: Article, passages: list[analysis.Passage], claims: list[Claim]
) -> list[IndexedMeasure]:
    """Replace the article's rows in the index: its claims' measures, and its passages'
    measures that no claim already holds (a claim stands for the passage it was taken from)."""
    claim_rows = claim_measure_rows(claims, {article.pk: (article.text, article.published_on)})
    # a claim holds the measures inside it, and those of its article it overlaps
    carried = {(row.measure["start"], row.measure["end"]) for row in claim_rows}

    def held(measure: analysis.Measure) -> bool:
        return (measure.start, measure.end) in carried or any(
            claim.start <= measure.start and measure.end <= claim.end for claim in claims
        )

    rows = [
        _row(
            article.pk,
            passage.start,
            passage.end,
            passage.quote,
            measure,
            statement=passage.statement,
            attribution=passage.attribution,
            score=passage.score,
        )
        for passage in passages
        for measure in passage.measures
        if measure.key and not held(measure)  # an empty key: shown, never paired
    ] + claim_rows
    IndexedMeasure.objects.filter(article=article).delete()
    return IndexedMeasure.objects.bulk_create(rows)
