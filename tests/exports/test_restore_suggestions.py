"""A restored claim set's new articles are read for suggestions as an upload's are: inline
within `SUGGEST_INLINE_BUDGET`, or by a job where a task worker runs (`JOBS_INLINE` off); an
article the instance already had is not read again."""

import json

import pytest

from articles.models import Article
from exports.restore import claim_set_import
from jobs.kinds import SUGGESTION_RUN
from jobs.models import Job
from suggestions.models import IndexedMeasure, Suggestion

pytestmark = pytest.mark.django_db


def _import(document, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return claim_set_import(content=json.dumps(document), user=None)


def test_the_articles_an_import_brings_are_read_for_suggestions(
    document, django_capture_on_commit_callbacks
):
    summary = _import(document, django_capture_on_commit_callbacks)

    articles = list(Article.objects.all())
    assert summary.created["articles"] == len(articles) >= 2
    for article in articles:
        # Every article was read: its figures joined the index (its claims' and its passages',
        # so a later article is paired with them), or its passages no claim covers are
        # suggested; most have both.
        indexed = IndexedMeasure.objects.filter(article=article).exists()
        suggested = Suggestion.objects.filter(a_article=article).exists()
        assert indexed or suggested, article.title
    assert IndexedMeasure.objects.filter(claim__isnull=False).exists()
    assert Suggestion.objects.filter(kind="contradiction").exists()


def test_with_a_task_worker_each_new_article_is_read_by_a_job(
    document, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_INLINE = False
    _import(document, django_capture_on_commit_callbacks)

    jobs = Job.objects.filter(kind=SUGGESTION_RUN)
    assert sorted(job.parameters["article"] for job in jobs) == sorted(
        Article.objects.values_list("pk", flat=True)
    )
    assert {job.status for job in jobs} == {"succeeded"}


def test_importing_again_reads_no_article_twice(
    document, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_INLINE = False
    _import(document, django_capture_on_commit_callbacks)
    runs = Job.objects.filter(kind=SUGGESTION_RUN).count()

    summary = _import(document, django_capture_on_commit_callbacks)

    assert summary.created["articles"] == 0
    assert Job.objects.filter(kind=SUGGESTION_RUN).count() == runs


def test_an_import_refused_reads_nothing(document, settings, django_capture_on_commit_callbacks):
    from exports.validation import ClaimSetRefused

    settings.JOBS_INLINE = False
    document["claims"][-1]["statement"] = "x" * 5000  # longer than a statement may be
    with pytest.raises(ClaimSetRefused):
        _import(document, django_capture_on_commit_callbacks)

    assert not Job.objects.filter(kind=SUGGESTION_RUN).exists()
    assert not Article.objects.exists()
