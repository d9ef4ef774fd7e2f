"""Forgetting what was read from an article's old text, once its text has changed (allowed while
no claim points into it): its rows in the index of measures, and every suggestion with a side in
it that nobody accepted. Their spans and quotes are the old text's: offered on, they would point
past the new text or at other words, and a later article would be paired with figures the
article no longer states. Dismissed ones go too: a dismissal was of the old words, and its key
(the spans) would hide a suggestion of the new ones. `suggest_for_article` reads the new text.
"""

from django.db import transaction
from django.db.models import Q

from articles.models import Article
from suggestions.models import IndexedMeasure, Suggestion, SuggestionStatus


def forget_article_text(article: Article) -> int:
    """Drop the index rows and the suggestions not accepted with a side in `article`; returns
    how many suggestions went."""
    with transaction.atomic():
        IndexedMeasure.objects.filter(article=article).delete()
        forgotten, _ = (
            Suggestion.objects.filter(Q(a_article=article) | Q(b_article=article))
            .exclude(status=SuggestionStatus.ACCEPTED)
            .delete()
        )
    return forgotten
