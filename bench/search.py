"""Search over 10,000 synthetic ~5 KB articles: p50 and p95 latency of the article list page
with a query, through the Django test client (the whole request: filters, count, ranking,
snippets, template).

Rare words are planted at known rates so the queries range from a handful of matches to most of
the collection. Meant for PostgreSQL (full-text search over the GIN index); on SQLite the same
pages run the icontains fallback.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles.ingest.normalize import content_sha256
from articles.models import Article
from bench.harness import timed
from bench.ingest import synthetic_paragraphs
from claims.models import Claim
from sources.models import Source, SourceKind

ARTICLES = 10_000
BATCH = 500
RUNS = 30
WARM_UP = 3
#: Word planted in articles whose number is divisible by the rate: ~1/rate of the collection.
PLANTED = {"heron": 500, "flotilla": 50, "monastery": 5, "lighthouse": 2}

QUERIES = [
    ("no search (newest first)", {}),
    ("rare word, ~20 matches", {"q": "heron"}),
    ("uncommon word, ~200 matches", {"q": "flotilla"}),
    ("common word, ~2,000 matches", {"q": "monastery"}),
    ("very common word, ~5,000 matches", {"q": "lighthouse"}),
    ("word in every article", {"q": "convoy"}),
    ("two words", {"q": "flotilla monastery"}),
    ("quoted phrase", {"q": '"synthetic dispatch"'}),
    ("no match", {"q": "zeppelin"}),
    ("common word + has claims", {"q": "monastery", "has_claims": "true"}),
    ("common word, page 10", {"q": "monastery", "page": "10"}),
]


def _populate() -> AbstractBaseUser:
    user = get_user_model().objects.create_superuser("bench-searcher", "b@example.org", None)
    outlets = [
        Source.objects.create(name=f"Bench Gazette {n}", kind=SourceKind.MEDIA_OUTLET)
        for n in range(10)
    ]
    source = Source.objects.create(name="Bench ministry", kind=SourceKind.GOVERNMENT)
    rng = random.Random(10_000)
    for first in range(0, ARTICLES, BATCH):
        articles = []
        for number in range(first, first + BATCH):
            planted = tuple(word for word, rate in PLANTED.items() if number % rate == 0)
            text = "\n\n".join(synthetic_paragraphs(rng, number, planted))
            articles.append(
                Article(
                    title=text.split("\n", 1)[0],
                    text=text,
                    outlet=outlets[number % len(outlets)],
                    published_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=number % 365),
                    language="en",
                    content_sha256=content_sha256(text),
                    uploaded_by=user,
                )
            )
        Article.objects.bulk_create(articles)
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    claimed = Article.objects.filter(pk__in=ids[::7])
    Claim.objects.bulk_create(
        Claim(
            article=article,
            start=0,
            end=20,
            quote=article.text[:20],
            suffix=article.text[20:52],
            source=source,
            created_by=user,
        )
        for article in claimed.only("id", "text")
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return user


def _measure(report, client, url) -> None:
    report.latency_header()
    for label, params in QUERIES:

        def get(params=params):
            response = client.get(url, params)
            assert response.status_code == 200, response.status_code

        timed(get, WARM_UP)
        found = client.get(url, params).context["paginator"].count
        report.latency(f"{label} ({found} found)", timed(get, RUNS))


def run(report) -> None:
    user = _populate()
    client = Client()
    client.force_login(user)
    url = reverse("articles:list")
    report.line(
        f"{Article.objects.count():,} articles of ~5 KB, {Claim.objects.count():,} with a claim; "
        f"{RUNS} requests per row after {WARM_UP} warm-up requests."
    )
    report.line("")
    _measure(report, client, url)
    if connection.vendor != "postgresql":
        return
    # The default random_page_cost (4, for spinning disks) makes PostgreSQL prefer a table scan,
    # which unpacks every stored search document, once a word is in a fifth of the articles.
    with connection.cursor() as cursor:
        cursor.execute("SET random_page_cost = 1.1")
    report.line("")
    report.line("The same with `random_page_cost = 1.1` (the usual setting for SSD storage):")
    report.line("")
    _measure(report, client, url)
