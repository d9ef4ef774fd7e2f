"""The demo shows suggestions as soon as it is loaded: its articles go through the same
upload path, which runs the suggester once they are stored."""

import pytest
from django.core.management import call_command

from suggestions.models import Suggestion, SuggestionKind

pytestmark = pytest.mark.django_db


def test_loading_the_demo_makes_suggestions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", password="demo-pass")
    kinds = set(Suggestion.objects.values_list("kind", flat=True))
    assert {SuggestionKind.CLAIM, SuggestionKind.CONTRADICTION} <= kinds
    for suggestion in Suggestion.objects.select_related("a_article", "b_article"):
        assert (
            suggestion.a_article.text[suggestion.a_start : suggestion.a_end] == suggestion.a_quote
        )
        if suggestion.is_pair:
            assert suggestion.b_article.text[suggestion.b_start : suggestion.b_end] == (
                suggestion.b_quote
            )
