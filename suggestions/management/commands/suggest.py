"""`manage.py suggest [--article ID …] [--all]`: make suggestions for stored articles."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.models import Article
from suggestions import services
from suggestions.models import Suggestion, SuggestionStatus


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

    def handle(self, *args, article: list[int], all: bool, budget: float | None, **options):
        if bool(article) == all:
            raise CommandError("Name articles with --article ID (repeatable) or give --all.")
        articles = Article.objects.order_by("pk")
        if article:
            articles = articles.filter(pk__in=article)
            missing = sorted(set(article) - set(articles.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"No article with id {', '.join(map(str, missing))}.")
        candidates = services.source_candidates()
        totals = services.SuggestRun(article=0)
        cut_short = []
        ids = list(articles.values_list("pk", flat=True))
        progress = tqdm(ids, desc="Suggesting", unit="article", file=self.stderr, disable=None)
        for pk in progress:
            run = services.suggest_for_article(
                Article.objects.get(pk=pk), budget=budget, candidates=candidates
            )
            totals.claims += run.claims
            totals.contradictions += run.contradictions
            totals.corroborations += run.corroborations
            totals.measures += run.measures
            totals.seconds += run.seconds
            if not run.complete:
                cut_short.append(pk)
        pending = Suggestion.objects.filter(status=SuggestionStatus.PENDING).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(ids)} articles read in {totals.seconds:.1f} s: {totals.measures} figures "
                f"and dates indexed; new suggestions: {totals.claims} claims, "
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
