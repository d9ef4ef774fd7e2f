"""Fixtures for the claim, review, source, contradiction and dashboard pages: many rows fast.

`evidence(rows)` bulk-creates claims with articles, sources, tags and links in a handful of
queries, so a page can be measured at 50 and at 500 rows.
"""

import itertools

import pytest
from django.db.models import Max
from django.utils import timezone

from articles.ingest.normalize import content_sha256
from articles.models import Article
from claims.models import Claim, ClaimLink, ClaimStatus, LinkKind, LinkStatus, Tag
from sources.models import Reliability, Source, SourceKind
from tests.factories import synthetic_text

CLAIMS_PER_ARTICLE = 5
TAG_NAMES = ["casualties", "troop-numbers", "timeline", "displacement"]
REVIEWED = (ClaimStatus.APPROVED, ClaimStatus.REJECTED)


def _spans(text: str) -> list[tuple[int, int]]:
    """Five distinct spans of 20 code points in a synthetic article."""
    step = (len(text) - 20) // CLAIMS_PER_ARTICLE
    return [(n * step, n * step + 20) for n in range(CLAIMS_PER_ARTICLE)]


@pytest.fixture
def evidence(db):
    """`evidence(rows, authors=[...], reviewer=..., status=None, source=None, tags=True,
    links=True)`: `rows` live claims spread over new articles and sources, each tagged and each
    contradicting the next (every third also corroborated). `status=None` cycles through all
    statuses (only draft and submitted without a `reviewer`). Returns the claims."""
    serial = itertools.count((Article.objects.aggregate(top=Max("pk"))["top"] or 0) * 7 + 1000)

    def build(
        rows: int,
        *,
        authors,
        reviewer=None,
        status: str | None = None,
        source: Source | None = None,
        tags: bool = True,
        links: bool = True,
    ) -> list[Claim]:
        article_count = -(-rows // CLAIMS_PER_ARTICLE)
        numbers = [next(serial) for _ in range(article_count)]
        texts = [synthetic_text(n) for n in numbers]
        articles = Article.objects.bulk_create(
            Article(
                title=f"Dispatch {n}",
                text=text,
                content_sha256=content_sha256(text),
                uploaded_by=authors[0],
            )
            for n, text in zip(numbers, texts, strict=True)
        )
        if source is None:
            sources = Source.objects.bulk_create(
                Source(
                    name=f"Bulk source {numbers[0]}-{n}",
                    kind=list(SourceKind.values)[n % len(SourceKind.values)],
                    reliability=list(Reliability.values)[n % len(Reliability.values)],
                )
                for n in range(max(1, rows // 10))
            )
        else:
            sources = [source]
        unreviewed = [ClaimStatus.DRAFT, ClaimStatus.SUBMITTED]
        statuses = itertools.cycle(
            [status] if status else (ClaimStatus.values if reviewer else unreviewed)
        )
        claims = []
        for index in range(rows):
            article = articles[index // CLAIMS_PER_ARTICLE]
            start, end = _spans(article.text)[index % CLAIMS_PER_ARTICLE]
            claim_status = next(statuses)
            claims.append(
                Claim(
                    article=article,
                    start=start,
                    end=end,
                    quote=article.text[start:end],
                    prefix=article.text[max(0, start - 32) : start],
                    suffix=article.text[end : end + 32],
                    statement=f"Paraphrase {index}",
                    source=sources[index % len(sources)],
                    credibility=index % 6 + 1,
                    status=claim_status,
                    created_by=authors[index % len(authors)],
                    reviewed_by=reviewer if claim_status in REVIEWED else None,
                    review_note="Checked." if claim_status in REVIEWED else "",
                )
            )
        claims = Claim.objects.bulk_create(claims)
        if tags:
            tag_objects = [Tag.objects.get_or_create(name=name)[0] for name in TAG_NAMES]
            through = Claim.tags.through
            through.objects.bulk_create(
                through(claim_id=claim.pk, tag_id=tag_objects[index % len(tag_objects)].pk)
                for index, claim in enumerate(claims)
            )
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

    return build
