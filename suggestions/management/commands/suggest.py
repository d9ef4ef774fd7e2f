"""`manage.py suggest [--article ID …] [--all]`: make suggestions for stored articles.

Articles are read in batches of `--batch` by id (keyset, never the whole table at once), so
`--all` over any number of articles holds one batch in memory; progress goes to stderr: a bar
on a terminal, else a line every `PROGRESS_EVERY` articles (for logs)."""

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.models import Article
from project.ids import is_valid_id
from suggestions import services
from suggestions.models import Suggestion, SuggestionStatus

#: Without a terminal, a progress line every this many articles.
PROGRESS_EVERY = 500


class Command(BaseCommand):
    help = (
        "Suggest claims worth recording and the contradictions and corroborations between "
        "articles, for the articles named or for all. Running it again makes nothing twice and "
        "never brings back a dismissed suggestion."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--article", type=int, action="append", default=[], metavar="ID", help="An article id."
        )
        parser.add_argument("--all", action="store_true", help="Every article.")
        parser.add_argument(
            "--budget",
            type=float,
            default=None,
            help="Seconds of pairing per article before moving on (default: no limit).",
        )
        parser.add_argument(
            "--batch", type=int, default=200, help="Articles read from the database at a time."
        )

    def handle(
        self, *args, article: list[int], all: bool, budget: float | None, batch: int, **options
    ):
        if bool(article) == all:
            raise CommandError("Name articles with --article ID (repeatable) or give --all.")
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        articles = Article.objects.all()
        if article:
            # An id no row can have is missing without asking: SQLite fails on numbers past
            # 64 bits rather than finding nothing.
            articles = articles.filter(pk__in=[key for key in article if is_valid_id(key)])
            missing = sorted(set(article) - set(articles.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"No article with id {', '.join(map(str, missing))}.")
        candidates = services.source_candidates()
        totals = services.SuggestRun(article=0)
        cut_short = []
        progress = _Progress(articles.count(), self.stderr)
        for one in _in_batches(articles, batch):
            run = services.suggest_for_article(one, budget=budget, candidates=candidates)
            totals.claims += run.claims
            totals.contradictions += run.contradictions
            totals.corroborations += run.corroborations
            totals.measures += run.measures
            totals.seconds += run.seconds
            if not run.complete:
                cut_short.append(one.pk)
            progress.step()
        progress.close()
        pending = Suggestion.objects.filter(status=SuggestionStatus.PENDING).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"{progress.done} articles read in {totals.seconds:.1f} s: {totals.measures} "
                f"figures and dates indexed; new suggestions: {totals.claims} claims, "
                f"{totals.contradictions} contradictions, {totals.corroborations} corroborations "
                f"({pending} pending in all)."
            )
        )
        if cut_short:
            self.stdout.write(
                self.style.WARNING(
                    f"Pairing stopped at the budget for articles {', '.join(map(str, cut_short))}: "
                    "run again without --budget to finish them."
                )
            )


def _in_batches(articles, size: int):
    """The articles in id order, `size` at a time (keyset: each batch one query, whatever the
    table's size), with only the fields the suggester reads. (With DEBUG on, Django keeps the
    last 9,000 queries, no more: memory stays bounded.)"""
    last = 0
    fields = ("pk", "text", "published_on", "uploaded_by_id")
    while True:
        chunk = list(articles.filter(pk__gt=last).order_by("pk").only(*fields)[:size])
        yield from chunk
        if len(chunk) < size:
            return
        last = chunk[-1].pk


class _Progress:
    """A bar on a terminal; otherwise a line every `PROGRESS_EVERY` articles and at the end."""

    def __init__(self, total: int, stream):
        self.total, self.done, self.stream = total, 0, stream
        self.started = time.monotonic()
        self.bar = None
        if stream.isatty():
            self.bar = tqdm(total=total, desc="Suggesting", unit="article", file=stream)

    def step(self) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update()
        elif self.done % PROGRESS_EVERY == 0:
            self._line()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.done % PROGRESS_EVERY:
            self._line()

    def _line(self) -> None:
        seconds = time.monotonic() - self.started
        rate = self.done / seconds if seconds else 0.0
        left = (self.total - self.done) / rate if rate else 0.0
        self.stream.write(
            f"Suggesting: {self.done:,}/{self.total:,} articles, {rate:.1f}/s, "
            f"{seconds:.0f} s so far, about {left:.0f} s left"
        )
