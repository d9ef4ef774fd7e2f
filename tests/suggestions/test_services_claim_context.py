"""A claim's figures are read in its article, as the passage it stands for is (audit R9): a
quote such as "It put the number of casualties at 5,000" read alone loses whose figure the
sentence before said it was, and was compared as nobody's."""

import pytest

from suggestions import services
from suggestions.models import IndexedMeasure, Suggestion, SuggestionKind
from suggestions.services import index
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

MINISTRY = (
    "The Russian defence ministry said Ukrainian losses were heavy. "
    "It put the number of casualties at 5,000.\n\nRoads were closed."
)
QUOTE = "It put the number of casualties at 5,000."


@pytest.fixture
def claim(analyst):
    article = ArticleFactory(text=MINISTRY, uploaded_by=analyst, title="Ministry")
    start = MINISTRY.index(QUOTE)
    return ClaimFactory(
        article=article,
        start=start,
        end=start + len(QUOTE),
        quote=QUOTE,
        created_by=analyst,
    )


def _read(claim) -> list[tuple[str, str, int]]:
    return [
        (row.measure["subject"], row.measure["party"], row.measure["start"])
        for row in IndexedMeasure.objects.filter(claim=claim)
    ]


def test_a_claim_reads_its_figure_with_the_party_its_article_gave_it(claim):
    start = MINISTRY.index("5,000")

    assert _read(claim) == [("casualties", "Ukraine", start)]
    services.index_claims([claim])  # the bulk path reads it the same way
    assert _read(claim) == [("casualties", "Ukraine", start)]


def test_a_claim_is_not_paired_with_another_partys_figure(claim, analyst):
    other = ArticleFactory(
        text="Kyiv said Russian casualties had reached 9,000.\n\nTrains ran.",
        uploaded_by=analyst,
        title="Kyiv",
    )
    services.suggest_for_article(claim.article)
    services.suggest_for_article(other)

    assert not Suggestion.objects.filter(kind=SuggestionKind.CONTRADICTION).exists()


def test_a_claim_is_still_paired_with_the_same_partys_figure(claim, analyst):
    other = ArticleFactory(
        text="Ukrainian casualties had reached 9,000, Moscow said.\n\nTrains ran.",
        uploaded_by=analyst,
        title="Moscow",
    )
    services.suggest_for_article(claim.article)
    services.suggest_for_article(other)

    pair = Suggestion.objects.get(kind=SuggestionKind.CONTRADICTION)
    assert pair.a_claim == claim


def test_a_quote_its_article_no_longer_holds_is_read_alone(claim):
    type(claim.article).objects.filter(pk=claim.article_id).update(text="Rewritten. " + MINISTRY)
    claim.article.refresh_from_db()
    services.index_claims([claim])

    assert _read(claim) == [("casualties", "", MINISTRY.index("5,000"))]


def test_a_claim_deep_in_a_long_article_reads_as_the_whole_article_does(analyst):
    """A claim saved in a long article reads only the paragraphs around it (reading every
    sentence of 300,000 characters took 70 ms a save); what it reads is the same."""
    filler = "".join(
        f"Patrol {n} reported calm roads near the river on day {n}.\n\n" for n in range(400)
    )
    text = filler + MINISTRY + "\n\n" + filler
    assert len(text) > 4 * index.CONTEXT_WINDOW
    article = ArticleFactory(text=text, uploaded_by=analyst, title="Long")
    start = text.index(QUOTE)
    claims = [
        ClaimFactory(article=article, start=start, end=start + len(QUOTE), quote=QUOTE)
        for _ in range(index._ArticleReadings.FEW + 1)
    ]
    texts = {article.pk: (text, None)}

    alone = index.claim_measure_rows(claims[:1], texts)  # in paragraphs
    whole = index.claim_measure_rows(claims, texts)  # the last one with every sentence

    assert [row.measure for row in alone] == [row.measure for row in whole[-1:]]
    assert alone[0].measure["party"] == "Ukraine"
