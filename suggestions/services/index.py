"""The index of measures: every figure and date of an article's passages and claims, stored
with its key (`IndexedMeasure`), so that a new article's measures meet only the stored ones of
equal key (`suggestions.services.suggest` pairs them).

A claim stands in for the passage of the same span; its measures are read from its quote, with
the article's offsets. The save signal keeps one claim's rows (`index_claim`), the bulk-write
signal those of claims just recorded (`index_new_claims`), and bulk loads that bypass both call
`index_claims`.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from articles.models import Article
from claims.models import Claim
from suggestions import analysis
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


def claim_measure_rows(
    claims: Iterable[Claim], published: dict[int, object]
) -> list[IndexedMeasure]:
    """The index rows of the measures in these claims' quotes (offsets are the article's)."""
    rows = []
    for claim in claims:
        for measure in analysis.measures_in(
            claim.quote, published=published.get(claim.article_id), offset=claim.start
        ):
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


def index_claim(claim: Claim) -> None:
    """Store the measures of one claim's quote afresh (none once it is deleted); the claim
    stands in for a passage of the same span."""
    IndexedMeasure.objects.filter(claim_id=claim.pk).delete()
    IndexedMeasure.objects.filter(
        article_id=claim.article_id, start=claim.start, end=claim.end, claim__isnull=True
    ).delete()
    if claim.deleted_at is None:
        published = dict(
            Article.objects.filter(pk=claim.article_id).values_list("pk", "published_on")
        )
        IndexedMeasure.objects.bulk_create(claim_measure_rows([claim], published))


def index_new_claims(claims: list[Claim]) -> None:
    """Index claims just recorded (their articles loaded): each stands for the passage of the
    same span. No query unless some quote carries a measure."""
    published = {claim.article_id: claim.article.published_on for claim in claims}
    rows = claim_measure_rows(claims, published)
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
    article_ids = {claim.article_id for claim in claims}
    published = dict(Article.objects.filter(pk__in=article_ids).values_list("pk", "published_on"))
    rows = claim_measure_rows(claims, published)
    with transaction.atomic():
        IndexedMeasure.objects.filter(claim_id__in=[claim.pk for claim in claims]).delete()
        IndexedMeasure.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)


def index_article(
    article: Article, passages: list[analysis.Passage], claims: list[Claim]
) -> list[IndexedMeasure]:
    """Replace the article's rows in the index: its claims' measures, and its passages'
    measures that no claim already holds (a claim stands for the passage it was taken from)."""

    def held(measure: analysis.Measure) -> bool:
        return any(claim.start <= measure.start and measure.end <= claim.end for claim in claims)

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
    ]
    rows += claim_measure_rows(claims, {article.pk: article.published_on})
    IndexedMeasure.objects.filter(article=article).delete()
    return IndexedMeasure.objects.bulk_create(rows)
