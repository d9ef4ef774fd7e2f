"""What the suggestion tests share: articles whose figures are obvious to any engine, and the
suggester run over them."""

import pytest

from suggestions import services
from suggestions.models import Suggestion, SuggestionKind
from tests.factories import ArticleFactory, SourceFactory

SMALL = (
    "The defence ministry said on Monday that 8,000 troops had crossed the border near Halvern.\n"
    "\n"
    "The weather was cold."
)
LARGE = (
    "According to Valley Watch, up to 60,000 troops had crossed the border near Halvern.\n"
    "\n"
    "Shops stayed open."
)
SAME = (
    "Officials at the border said about 8,000 troops had crossed near Halvern.\n\nTrains ran late."
)


@pytest.fixture
def valley_watch(db):
    return SourceFactory(name="Valley Watch")


@pytest.fixture
def reports(analyst, valley_watch):
    """Three articles: 8,000 troops; up to 60,000 troops (per Valley Watch); about 8,000."""
    return [
        ArticleFactory(text=text, uploaded_by=analyst, title=title)
        for text, title in ((SMALL, "Small"), (LARGE, "Large"), (SAME, "Same"))
    ]


@pytest.fixture
def suggested(reports):
    """The suggester run over the three reports, in order."""
    for article in reports:
        services.suggest_for_article(article)
    return reports


@pytest.fixture
def contradiction(suggested):
    small, large, _ = suggested
    return Suggestion.objects.get(
        kind=SuggestionKind.CONTRADICTION, a_article=small, b_article=large
    )


@pytest.fixture
def corroboration(suggested):
    small, _, same = suggested
    return Suggestion.objects.get(
        kind=SuggestionKind.CORROBORATION, a_article=small, b_article=same
    )


@pytest.fixture
def claim_suggestion(suggested):
    """The suggestion of the Valley Watch passage."""
    return Suggestion.objects.get(kind=SuggestionKind.CLAIM, a_article=suggested[1])
