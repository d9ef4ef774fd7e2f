"""Export of 100,000 claims in each format: claims per second, queries, and memory.

The data: 1,000 articles of about 3,000 characters, 100 approved claims on each (two tags each,
from 200 sources), and 30,000 links between them, written with bulk_create (this benchmark
measures reading, not the services). Each export goes through `claim_set_export` exactly as the
API does, and its bytes are consumed (hashed and recorded by the service itself).

Memory is measured two ways: the tracemalloc peak of Python allocations during an export of 10,000,
50,000 and 100,000 claims (flat from 50,000 on means memory does not grow with the count; below
that the chunks are not full yet), and the
resident set size before and after each export. Speed is timed in separate runs, without
tracemalloc, which slows Python down; the Python CPU time beside the wall-clock time shows how
much of it was this process (the rest is the database, or other work on a shared machine).
"""

import random
import time
import tracemalloc
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection
from django.http import QueryDict

from articles.ingest.normalize import content_sha256
from articles.models import Article
from bench.harness import Report, peak_rss_mb
from claims.models import CONTEXT_LENGTH, Claim, ClaimLink, ClaimStatus, LinkKind, Tag
from exports.export import claim_set_export
from exports.models import ExportChannel, ExportFormat
from exports.selectors import applied_filters, export_filter
from sources.models import Reliability, Source, SourceKind

ARTICLES = 1_000
CLAIMS_PER_ARTICLE = 100
SOURCES = 200
LINKS = 30_000
SUBSETS = (10_000, 75_000)
BATCH = 5_000

_WORDS = [
    "officials",
    "said",
    "convoys",
    "crossed",
    "the",
    "river",
    "during",
    "the",
    "night",
    "while",
    "observers",
    "reported",
    "shelling",
    "near",
    "the",
    "bridge",
    "and",
    "residents",
    "described",
    "queues",
    "at",
    "petrol",
    "stations",
    "as",
    "families",
    "prepared",
    "to",
    "leave",
    "the",
    "valley",
    "before",
    "the",
    "ceasefire",
    "line",
    "was",
    "closed",
]


def _text(rng: random.Random, n: int) -> str:
    paragraphs = []
    for p in range(12):
        words = [rng.choice(_WORDS) for _ in range(38)]
        paragraphs.append(f"Report {n}.{p}: " + " ".join(words).capitalize() + ", “≈€😀”.")
    return "\n\n".join(paragraphs)


def _populate() -> None:
    rng = random.Random(7)
    User = get_user_model()
    author = User.objects.create(username="bench-author")
    reviewer = User.objects.create(username="bench-reviewer")
    sources = Source.objects.bulk_create(
        Source(
            name=f"Bench source {n}",
            kind=SourceKind.GOVERNMENT,
            reliability=rng.choice(Reliability.values),
        )
        for n in range(SOURCES)
    )
    tags = Tag.objects.bulk_create(Tag(name=f"bench-{n}") for n in range(20))
    articles = []
    for n in range(ARTICLES):
        text = _text(rng, n)
        articles.append(
            Article(
                title=f"Bench dispatch {n}",
                text=text,
                url=f"https://example.org/bench/{n}" if n % 2 else "",
                uploaded_by=author,
                content_sha256=content_sha256(text),
            )
        )
    articles = Article.objects.bulk_create(articles, batch_size=200)
    pending: list[Claim] = []
    for article in articles:
        text = article.text
        for _ in range(CLAIMS_PER_ARTICLE):
            start = rng.randrange(0, len(text) - 120)
            end = start + rng.randrange(20, 120)
            pending.append(
                Claim(
                    article=article,
                    start=start,
                    end=end,
                    quote=text[start:end],
                    prefix=text[max(0, start - CONTEXT_LENGTH) : start],
                    suffix=text[end : end + CONTEXT_LENGTH],
                    statement=f"Paraphrase of claim at {start}, with “quotes”, commas and =signs",
                    source=(source := rng.choice(sources)),
                    credibility=rng.randint(1, 6),
                    status=ClaimStatus.APPROVED,
                    evaluated_reliability=source.reliability,
                    created_by=author,
                    reviewed_by=reviewer,
                )
            )
            if len(pending) == BATCH:
                _save_claims(pending, tags, rng)
                pending = []
    if pending:
        _save_claims(pending, tags, rng)
    ids = list(Claim.objects.order_by("pk").values_list("pk", flat=True))
    pairs = set()
    while len(pairs) < LINKS:
        low, high = sorted(rng.sample(ids, 2))
        pairs.add((low, high))
    ClaimLink.objects.bulk_create(
        (
            ClaimLink(
                kind=rng.choice(LinkKind.values),
                claim_a_id=low,
                claim_b_id=high,
                note="Bench link",
                created_by=author,
            )
            for low, high in pairs
        ),
        batch_size=BATCH,
    )


def _save_claims(claims: list[Claim], tags: list[Tag], rng: random.Random) -> None:
    saved = Claim.objects.bulk_create(claims)
    Through = Claim.tags.through
    Through.objects.bulk_create(
        Through(claim_id=claim.pk, tag_id=tag.pk) for claim in saved for tag in rng.sample(tags, 2)
    )


def _current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _export(claims, export_format: str) -> tuple[int, int]:
    """Bytes written and claims counted by the export of `claims`."""
    export = claim_set_export(
        claims=claims,
        format=export_format,
        filters={"status": "approved"},
        user=None,
        via=ExportChannel.COMMAND,
    )
    size = 0
    for content in export:
        size += len(content)
    return size, export.record.claim_count


def run(report: Report) -> None:
    started = time.perf_counter()
    _populate()
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load: without statistics the planner guesses.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    report.line(
        f"Data: {Claim.objects.count():,} approved claims on {Article.objects.count():,} articles, "
        f"{ClaimLink.objects.count():,} links, built in {time.perf_counter() - started:.0f} s. "
        f"RSS after building: {_current_rss_mb():.0f} MB."
    )
    report.line("")
    claim_filter = export_filter(QueryDict("status=approved"))
    assert claim_filter.is_valid(), applied_filters(claim_filter)
    everything = claim_filter.qs
    ids = everything.order_by("pk").values_list("pk", flat=True)
    subsets = [everything.filter(pk__lte=ids[count - 1]) for count in SUBSETS]

    report.line(
        "| format | claims | seconds | claims/s | Python CPU s | MB written | queries "
        "| tracemalloc peak 10k / 75k / 100k | RSS before → after |"
    )
    report.line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for export_format in ExportFormat.values:
        _export(subsets[0], export_format)  # warm up caches and the database's pages
        peaks = []
        for claims in (*subsets, everything):
            tracemalloc.start()
            tracemalloc.reset_peak()
            _export(claims, export_format)
            peaks.append(tracemalloc.get_traced_memory()[1] / 1024 / 1024)
            tracemalloc.stop()
        rss_before = _current_rss_mb()
        queries = []
        # The wrapper is used at once, inside this iteration: binding `queries` late is fine.
        with connection.execute_wrapper(lambda execute, *args: queries.append(1) or execute(*args)):  # noqa: B023
            started, cpu_started = time.perf_counter(), time.process_time()
            size, count = _export(everything, export_format)
            seconds = time.perf_counter() - started
            cpu_seconds = time.process_time() - cpu_started
        assert count == everything.count()
        report.line(
            f"| {export_format} | {count:,} | {seconds:.2f} | {count / seconds:,.0f} "
            f"| {cpu_seconds:.2f} "
            f"| {size / 1024 / 1024:.1f} | {len(queries)} "
            f"| {' / '.join(f'{peak:.1f}' for peak in peaks)} MB "
            f"| {rss_before:.0f} → {_current_rss_mb():.0f} MB |"
        )
    report.line("")
    report.line(f"Peak RSS of the whole run (data building included): {peak_rss_mb():.0f} MB.")
