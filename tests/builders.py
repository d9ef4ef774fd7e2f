"""Bulk builders: many rows in a handful of queries, so a page can be measured at 50 and at 500.

`build_evidence` is behind the `evidence` fixture of tests/conftest.py; use the fixture (it
numbers the rows so each call makes new articles, sources and tags). The factories in
tests/factories.py make one object at a time; these make hundreds with `bulk_create`, which
skips `save()`, signals and history: a test that needs those uses the factories or the services.
"""

import itertools
from collections.abc import Iterator

from django.utils import timezone

from articles.ingest.normalize import content_sha256
from articles.models import Article
from claims.models import CONTEXT_LENGTH, Claim, ClaimLink, ClaimStatus, LinkKind, LinkStatus, Tag
from sources.models import Reliability, Source, SourceKind
from tests.factories import synthetic_text

CLAIMS_PER_ARTICLE = 5
TAG_NAMES = ["casualties", "troop-numbers", "timeline", "displacement"]
REVIEWED = (ClaimStatus.APPROVED, ClaimStatus.REJECTED)


def _spans(text: str) -> list[tuple[int, int]]:
    """Five distinct spans of 20 code points in a synthetic article."""
    step = (len(text) - 20) // CLAIMS_PER_ARTICLE
    return [(n * step, n * step + 20) for n in range(CLAIMS_PER_ARTICLE)]


def _overlapping_span(text: str, index: int) -> tuple[int, int]:
    """The `index`th of many spans in one long text: spread over it, of 20 to 49 code points,
    overlapping and nested as real annotation is."""
    start = (index * 37) % (len(text) - 60)
    return start, start + 20 + index % 30


def build_evidence(
    serial: Iterator[int],
    rows: int,
    *,
    authors,
    reviewer=None,
    status: str | None = None,
    source: Source | None = None,
    article: Article | None = None,
    distinct: bool = False,
    tags: bool = True,
    links: bool = True,
) -> list[Claim]:
    """`rows` live claims and what they stand on; returns the claims, in creation order.

    - Articles: new synthetic ones, five claims each; `article=` puts every claim in that one
      article instead (spans spread over its text, overlapping); `distinct=True` gives every
      claim an article of its own, from an outlet of its own.
    - Sources: `rows // 10` new ones (at least one) in turn; `source=` uses that one for every
      claim; `distinct=True` gives every claim a source of its own.
    - Status: `status=` for all, else cycling through every status with a `reviewer` (who is
      then the reviewer of the approved and rejected), or draft and submitted without one.
    - Tags (`tags=True`): each claim one of TAG_NAMES in turn; with `distinct=True`, two tags of
      its own series instead (its own and the next claim's), so there are `rows` tags.
    - Links (`links=True`): each claim contradicts the next (proposed, confirmed, dismissed in
      turn) and every third also corroborates it.
    """
    if article is not None:
        articles = [article]
    else:
        count = rows if distinct else -(-rows // CLAIMS_PER_ARTICLE)
        numbers = [next(serial) for _ in range(count)]
        outlets = (
            Source.objects.bulk_create(
                Source(name=f"Bulk outlet {n}", kind=SourceKind.MEDIA_OUTLET) for n in numbers
            )
            if distinct
            else [None] * count
        )
        articles = Article.objects.bulk_create(
            Article(
                title=f"Dispatch {n}",
                text=text,
                content_sha256=content_sha256(text),
                uploaded_by=authors[0],
                outlet=outlet,
            )
            for n, text, outlet in zip(numbers, map(synthetic_text, numbers), outlets, strict=True)
        )
    batch = next(serial)
    if source is not None:
        sources = [source]
    else:
        sources = Source.objects.bulk_create(
            Source(
                name=f"Bulk source {batch}-{n}",
                kind=list(SourceKind.values)[n % len(SourceKind.values)],
                reliability=list(Reliability.values)[n % len(Reliability.values)],
            )
            for n in range(rows if distinct else max(1, rows // 10))
        )
    unreviewed = [ClaimStatus.DRAFT, ClaimStatus.SUBMITTED]
    statuses = itertools.cycle(
        [status] if status else (ClaimStatus.values if reviewer else unreviewed)
    )
    claims = []
    for index in range(rows):
        if article is not None:
            claim_article = article
            start, end = _overlapping_span(article.text, index)
        else:
            per_article = 1 if distinct else CLAIMS_PER_ARTICLE
            claim_article = articles[index // per_article]
            start, end = _spans(claim_article.text)[index % per_article]
        claim_status = next(statuses)
        text = claim_article.text
        claims.append(
            Claim(
                article=claim_article,
                start=start,
                end=end,
                quote=text[start:end],
                prefix=text[max(0, start - CONTEXT_LENGTH) : start],
                suffix=text[end : end + CONTEXT_LENGTH],
                statement=f"Paraphrase {index}",
                source=sources[index % len(sources)],
                credibility=index % 6 + 1,
                status=claim_status,
                created_by=authors[index % len(authors)],
                reviewed_by=reviewer if claim_status in REVIEWED else None,
                review_note="Checked." if claim_status in REVIEWED else "",
                evaluated_reliability=(
                    sources[index % len(sources)].reliability if claim_status in REVIEWED else ""
                ),
            )
        )
    claims = Claim.objects.bulk_create(claims)
    if tags:
        through = Claim.tags.through
        if distinct:
            series = Tag.objects.bulk_create(Tag(name=f"bulk-{batch}-{n}") for n in range(rows))
            pairs = [
                (claim.pk, tag.pk)
                for index, claim in enumerate(claims)
                for tag in {series[index], series[(index + 1) % rows]}
            ]
        else:
            tag_objects = [Tag.objects.get_or_create(name=name)[0] for name in TAG_NAMES]
            pairs = [
                (claim.pk, tag_objects[index % len(tag_objects)].pk)
                for index, claim in enumerate(claims)
            ]
        through.objects.bulk_create(through(claim_id=claim, tag_id=tag) for claim, tag in pairs)
    if links:
        link_rows = []
        for index, (first, second) in enumerate(itertools.pairwise(claims)):
            link_status = list(LinkStatus.values)[index % 3]
            decided = link_status != LinkStatus.PROPOSED
            link_rows.append(
                ClaimLink(
                    kind=LinkKind.CONTRADICTS,
                    claim_a=first,
                    claim_b=second,
                    status=link_status,
                    created_by=authors[0],
                    decided_by=(reviewer or authors[-1]) if decided else None,
                    decided_at=timezone.now() if decided else None,
                    note=f"Disagree {index}",
                )
            )
            if index % 3 == 0:
                link_rows.append(
                    ClaimLink(
                        kind=LinkKind.CORROBORATES,
                        claim_a=first,
                        claim_b=second,
                        created_by=authors[0],
                    )
                )
        ClaimLink.objects.bulk_create(link_rows)
    return claims
