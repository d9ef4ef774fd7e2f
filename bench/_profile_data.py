"""The peers harness's data, built in-process for `bench.profile`: 200 articles of about 4,000
characters with 10 claims each (one source, five tags), and one article with 500 claims."""

import random

from articles.ingest.normalize import content_sha256
from articles.models import Article
from claims.models import Claim, ClaimStatus, Tag, span_context
from sources.models import Source

VOCABULARY = (
    "the of and to in a is that for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there been one all we their has would when if so "
    "officials said convoy bridge river crossing Zürich Ελλάδα Kraków naïve façade"
)
LABELS = ["per", "org", "loc", "date", "claim"]


def text_of(rng: random.Random, chars: int = 4000) -> str:
    vocabulary, words = VOCABULARY.split(), []
    while sum(len(word) + 1 for word in words) < chars:
        words.append(rng.choice(vocabulary))
    words.insert(len(words) // 2, "🚀")
    return " ".join(words)


def claims_of(article, source, user, count: int, rng: random.Random, status=ClaimStatus.DRAFT):
    text = article.text
    step = max(1, len(text) // count)
    claims = []
    for index in range(count):
        start = index * step
        end = min(len(text), start + max(1, min(step - 1, 20 + rng.randrange(40))))
        prefix, suffix = span_context(text, start, end)
        claims.append(
            Claim(
                article=article,
                start=start,
                end=end,
                quote=text[start:end],
                prefix=prefix,
                suffix=suffix,
                source=source,
                credibility=3,
                created_by=user,
                status=status,
            )
        )
    return claims


def load(analyst, rng):
    source = Source.objects.create(name="Bench source", kind="other", reliability="C")
    tags = [Tag.objects.create(name=label) for label in LABELS]
    articles = Article.objects.bulk_create(
        [
            Article(
                title=f"Bench document {n}",
                text=text,
                content_sha256=content_sha256(text),
                uploaded_by=analyst,
            )
            for n, text in enumerate(text_of(rng) for _ in range(201))
        ]
    )
    claims = []
    for article in articles[:200]:
        claims += claims_of(article, source, analyst, 10, rng)
    claims += claims_of(articles[200], source, analyst, 500, rng)
    claims = Claim.objects.bulk_create(claims)
    through = Claim.tags.through
    through.objects.bulk_create(
        [
            through(claim_id=claim.pk, tag_id=tags[n % len(tags)].pk)
            for n, claim in enumerate(claims)
        ]
    )
    return source, articles
