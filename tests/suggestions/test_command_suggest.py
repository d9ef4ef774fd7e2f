"""`manage.py suggest`: for named articles or all, with a summary; re-running adds nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from suggestions.models import Suggestion, SuggestionKind

pytestmark = pytest.mark.django_db


def _suggest(*args) -> str:
    out = io.StringIO()
    call_command("suggest", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_suggest_all_reads_every_article_and_sums_up(reports):
    summary = _suggest("--all")
    assert "3 articles read" in summary
    assert Suggestion.objects.filter(kind=SuggestionKind.CONTRADICTION).exists()
    contradictions = Suggestion.objects.filter(kind=SuggestionKind.CONTRADICTION).count()
    assert f"{contradictions} contradictions" in summary


def test_suggest_named_articles_only(reports):
    _suggest("--article", str(reports[0].pk))
    assert set(Suggestion.objects.values_list("a_article", flat=True)) == {reports[0].pk}


def test_running_it_again_makes_nothing_new(reports):
    _suggest("--all")
    count = Suggestion.objects.count()
    summary = _suggest("--all")
    assert Suggestion.objects.count() == count
    assert "new suggestions: 0 claims, 0 contradictions, 0 corroborations" in summary


def test_all_is_read_in_batches_with_progress_lines_off_a_terminal(reports, monkeypatch):
    from suggestions.management.commands import suggest

    monkeypatch.setattr(suggest, "PROGRESS_EVERY", 2)
    out, err = io.StringIO(), io.StringIO()
    call_command("suggest", "--all", "--batch", "2", stdout=out, stderr=err)

    assert "3 articles read" in out.getvalue()
    lines = err.getvalue().splitlines()
    assert [line.split(" articles")[0] for line in lines] == ["Suggesting: 2/3", "Suggesting: 3/3"]
    read = {pk for (pk,) in Suggestion.objects.values_list("a_article")}
    assert read == {article.pk for article in reports}


@pytest.mark.parametrize(("batch", "fetches"), [(1, 4), (2, 2), (200, 1)])
def test_all_fetches_the_articles_a_batch_at_a_time(reports, batch, fetches):
    """Keyset batches (id > the last one read, LIMIT batch): never the whole table at once;
    a batch shorter than asked is the last (3 articles: 1+1+1+0, 2+1, 3)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        _suggest("--all", "--batch", str(batch))
    reads = [
        query["sql"]
        for query in queries
        if query["sql"].startswith('SELECT "articles_article"."id", "articles_article"."text"')
    ]
    assert len(reads) == fetches
    assert all(f"LIMIT {batch}" in sql for sql in reads)


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--all", "--article", "1"),
        ("--article", "999999"),
        ("--article", str(2**70)),  # past 64 bits: SQLite fails on it rather than finding nothing
        ("--all", "--batch", "0"),
    ],
)
def test_a_wrong_call_says_what_to_do(reports, args):
    with pytest.raises(CommandError):
        _suggest(*args)
