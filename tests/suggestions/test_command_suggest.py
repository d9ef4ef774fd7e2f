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


@pytest.mark.parametrize("args", [(), ("--all", "--article", "1"), ("--article", "999999")])
def test_a_wrong_call_says_what_to_do(reports, args):
    with pytest.raises(CommandError):
        _suggest(*args)
