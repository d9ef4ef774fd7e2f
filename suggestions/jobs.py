"""Suggestion runs as jobs (issue 16): where a task worker runs (`JOBS_INLINE` off), a new
article is read for suggestions in the background, with no time budget; without a worker the
upload reads it inline within `SUGGEST_INLINE_BUDGET` (suggestions/receivers.py). A run is safe
to repeat: suggestions are keyed by their spans, so a retry makes nothing twice."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.models import Article
from jobs.kinds import SUGGESTION_RUN, JobKind, JobOutcome, register
from jobs.models import Job
from jobs.runner import JobContext
from suggestions import services


def run_suggestions(job: Job, context: JobContext) -> JobOutcome:
    article = Article.objects.filter(pk=job.parameters.get("article")).first()
    if article is None:
        return JobOutcome(message=_("The article was deleted before it was read for suggestions."))
    context.progress(0, 1)
    run = services.suggest_for_article(article)
    context.progress(1, 1)
    return JobOutcome(
        message=ngettext(
            "%(count)d suggestion made for “%(title)s”.",
            "%(count)d suggestions made for “%(title)s”.",
            run.made,
        )
        % {"count": run.made, "title": article.title},
        result={
            "article": article.pk,
            "claims": run.claims,
            "contradictions": run.contradictions,
            "corroborations": run.corroborations,
        },
        url=article.get_absolute_url(),
    )


def register_kind() -> None:
    register(
        JobKind(name=SUGGESTION_RUN, label=_("Suggestions for an article"), run=run_suggestions)
    )
