"""The database path of the suggestion benchmark (`python -m bench suggest` calls it): the
corpus uploaded into the throwaway database through `articles.services.article_create` (which
runs the suggester inline, as after any upload), `suggest_for_article` run again over every
article to finish anything the inline budget cut short, and the stored suggestions scored
exactly as the in-memory pipeline is."""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from articles.models import Article
from articles.services import article_create
from suggestions import analysis, services
from suggestions.models import Suggestion, SuggestionKind


def _analyst():
    user, _ = get_user_model().objects.get_or_create(username="bench-suggest")
    user.groups.add(Group.objects.get_or_create(name="analyst")[0])
    return get_user_model().objects.get(pk=user.pk)


def load(folder: Path) -> dict[int, str]:
    """Upload every article of `folder` (a fresh throwaway database: nothing else in it); the
    stored article ids and their file names."""
    user = _analyst()
    names = {}
    for path in sorted(folder.glob("*.txt")):
        with transaction.atomic():  # committed at once: the upload hook runs the suggester
            article = article_create(text=path.read_text(), title=path.name, uploaded_by=user)
        names[article.pk] = path.name
    return names


def scores(gold: list[dict], names: dict[int, str], gold_claims, overlaps) -> dict:
    """The benchmark's figures from the stored suggestions of the articles in `names`."""
    texts = dict(Article.objects.filter(pk__in=names).values_list("pk", "text"))
    articles = [analysis.Article(names[pk], texts[pk]) for pk in sorted(names)]
    claims = gold_claims(articles, gold)
    mine = Suggestion.objects.filter(a_article__in=names)
    contradictions = list(mine.filter(kind=SuggestionKind.CONTRADICTION))
    found, correct = set(), 0
    for pair in contradictions:
        a = (names[pair.a_article_id], pair.a_start, pair.a_end)
        b = (names[pair.b_article_id], pair.b_start, pair.b_end)
        topics = {
            first.topic
            for first in claims
            for second in claims
            if first is not second
            and first.topic == second.topic
            and (
                (overlaps(*a, first) and overlaps(*b, second))
                or (overlaps(*b, first) and overlaps(*a, second))
            )
        }
        if topics:
            correct += 1
            found |= topics
    passages = list(
        mine.filter(kind=SuggestionKind.CLAIM).values_list("a_article", "a_start", "a_end")
    )
    covered = [
        claim
        for claim in claims
        if any(overlaps(names[pk], start, end, claim) for pk, start, end in passages)
    ]
    topics = [topic["topic"] for topic in gold if len(topic["claims"]) >= 2]
    words = sum(len(text.split()) for text in texts.values())
    return {
        "topic_recall": sum(topic in found for topic in topics) / len(topics) if topics else 0,
        "pair_precision": correct / len(contradictions) if contradictions else 0,
        "contradictions": len(contradictions),
        "corroborations": mine.filter(kind=SuggestionKind.CORROBORATION).count(),
        "claim_recall": len(covered) / len(claims) if claims else 0,
        "claims_per_1000_words": 1000 * len(passages) / words if words else 0,
        "claims": len(passages),
    }


def report_database_path(report, folder: Path, gold: list[dict], in_memory: dict, helpers) -> None:
    """Load `folder` through the services, suggest, and report the figures beside the
    in-memory ones (`in_memory`, as `bench.suggest.score` gives them)."""
    gold_claims, overlaps = helpers
    started = time.perf_counter()
    names = load(folder)
    for pk in sorted(names):
        services.suggest_for_article(Article.objects.get(pk=pk))
    seconds = time.perf_counter() - started
    stored = scores(gold, names, gold_claims, overlaps)
    report.line(
        f"Database path: {len(names)} articles uploaded through the services and suggested "
        f"in {seconds:.1f} s.\n"
    )
    report.line("| figure | in memory | database | same |")
    report.line("| --- | ---: | ---: | --- |")
    for name in (
        "topic_recall",
        "pair_precision",
        "contradictions",
        "corroborations",
        "claim_recall",
        "claims",
        "claims_per_1000_words",
    ):
        memory, database = in_memory[name], stored[name]
        same = "yes" if abs(memory - database) < 1e-9 else "NO"
        fmt = "{:.2f}" if isinstance(memory, float) else "{}"
        report.line(f"| {name} | {fmt.format(memory)} | {fmt.format(database)} | {same} |")
    report.line("")
