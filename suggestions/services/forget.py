"""Forgetting what was read from an article's old text, once its text has changed (allowed while
no claim points into it): its rows in the index of measures, and every pending suggestion with a
side in it. Their spans and quotes are the old text's: offered on, they would point past the new
text or at other words, and a later article would be paired with figures the article no longer
states. `suggest_for_article` then reads the new text.

A dismissal is kept where its words still are: an analyst dismissed a suggestion "for good", and
an edit elsewhere in the text (a line added at the end, a typo fixed) must not bring it back.
Each of its sides in the article moves to where its quote now stands (the occurrence nearest to
where it stood), so its key is the one the engine gives those words in the new text and they
are not suggested again. A dismissal whose words are gone goes with them.
"""

from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat

from articles.models import Article
from suggestions.models import IndexedMeasure, Suggestion, SuggestionStatus, spans_key


def forget_article_text(article: Article) -> int:
    """Drop the index rows and the pending suggestions with a side in `article`, and the
    dismissed ones whose quotes its text no longer holds; move the other dismissed ones to
    their quotes' new places. Returns how many suggestions went."""
    touching = Suggestion.objects.filter(Q(a_article=article) | Q(b_article=article))
    with transaction.atomic():
        IndexedMeasure.objects.filter(article=article).delete()
        forgotten, _ = touching.filter(status=SuggestionStatus.PENDING).delete()
        dismissed = list(touching.filter(status=SuggestionStatus.DISMISSED).order_by("pk"))
        taken = set(
            touching.exclude(status=SuggestionStatus.DISMISSED).values_list("key", flat=True)
        )
        kept, gone = [], []
        for suggestion in dismissed:
            if _moved_to_the_new_text(suggestion, article) and suggestion.key not in taken:
                taken.add(suggestion.key)
                kept.append(suggestion)
            else:
                gone.append(suggestion.pk)
        Suggestion.objects.filter(pk__in=gone).delete()
        # A key is unique, and one may move onto the place another leaves: every moving key is
        # first set aside under its row's id, then given its new value.
        moving = Suggestion.objects.filter(pk__in=[suggestion.pk for suggestion in kept])
        moving.update(key=Concat(Value("moving:"), Cast("pk", CharField())))
        for suggestion in kept:
            suggestion.save(update_fields=["a_start", "a_end", "b_start", "b_end", "key"])
    return forgotten + len(gone)


def _moved_to_the_new_text(suggestion: Suggestion, article: Article) -> bool:
    """Move each side of `suggestion` in `article` to its quote's occurrence in the new text
    nearest to where it was, and its key with them; False if a side's quote is no longer there
    (nothing moved then)."""
    moved = {}
    for side in ("a", "b"):
        if getattr(suggestion, f"{side}_article_id") != article.pk:
            continue
        quote = getattr(suggestion, f"{side}_quote")
        start = _nearest(article.text, quote, getattr(suggestion, f"{side}_start"))
        if start is None:
            return False
        moved[side] = start, start + len(quote)
    for side, (start, end) in moved.items():
        setattr(suggestion, f"{side}_start", start)
        setattr(suggestion, f"{side}_end", end)
    spans = [(suggestion.a_article_id, suggestion.a_start, suggestion.a_end)]
    if suggestion.is_pair:
        spans.append((suggestion.b_article_id, suggestion.b_start, suggestion.b_end))
    suggestion.key = spans_key(suggestion.kind, *spans)
    return True


def _nearest(text: str, quote: str, was: int) -> int | None:
    """The start of the occurrence of `quote` in `text` nearest to `was`, or None."""
    if not quote:
        return None
    nearest, at = None, text.find(quote)
    while at != -1:
        if nearest is None or abs(at - was) < abs(nearest - was):
            nearest = at
        if at > was:  # every later one is farther
            break
        at = text.find(quote, at + 1)
    return nearest
