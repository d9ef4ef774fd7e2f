"""What an analyst records by hand is seldom the engine's whole sentence: the words that matter
inside it. Such a claim stands for the suggested passage everywhere (an audit of the evidence's
life found each place where only a claim on exactly the sentence did): linking it settles the
pair, moving a claim onto a passage settles that passage, accepting reuses it rather than record
the passage twice, and a new run of the engine does not suggest the pair again under its span."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.urls import reverse

from claims import services as claim_services
from claims.models import Claim, LinkKind
from suggestions import services
from suggestions.models import Suggestion, SuggestionKind, SuggestionStatus
from tests.concurrency import at_once
from tests.factories import ArticleFactory, SourceFactory, UserFactory
from tests.suggestions.conftest import LARGE, SMALL

pytestmark = pytest.mark.django_db


def _inside(suggestion: Suggestion, side: str, words: str, author, **fields) -> Claim:
    """A claim of `author` on `words`, inside one side's passage."""
    article = getattr(suggestion, f"{side}_article")
    start = article.text.index(words, getattr(suggestion, f"{side}_start"))
    assert start + len(words) <= getattr(suggestion, f"{side}_end")
    return claim_services.claim_create(
        article=article,
        start=start,
        end=start + len(words),
        quote=words,
        source=fields.pop("source", None) or SourceFactory(),
        created_by=author,
        **fields,
    )


def test_linking_claims_inside_the_two_passages_settles_the_pair(analyst, contradiction):
    small = _inside(contradiction, "a", "8,000 troops", analyst)
    large = _inside(contradiction, "b", "60,000 troops", analyst)

    link = claim_services.link_create(
        kind=LinkKind.CONTRADICTS, claim_a=small, claim_b=large, user=analyst
    )

    contradiction.refresh_from_db()
    assert (contradiction.status, contradiction.link_id) == (SuggestionStatus.ACCEPTED, link.pk)
    assert (contradiction.a_claim_id, contradiction.b_claim_id) == (small.pk, large.pk)


def test_accepting_a_pair_reuses_a_claim_inside_its_passage(analyst, analyst2, contradiction):
    inside = _inside(contradiction, "b", "60,000 troops", analyst2)

    services.suggestion_accept(suggestion=contradiction, user=analyst, source=SourceFactory())

    contradiction.refresh_from_db()
    assert contradiction.b_claim_id == inside.pk
    assert Claim.objects.filter(article=contradiction.b_article).count() == 1


def test_moving_a_claim_onto_a_suggested_passage_settles_it(analyst, claim_suggestion):
    article = claim_suggestion.a_article
    claim = claim_services.claim_create(
        article=article,
        start=article.text.index("Shops"),
        end=article.text.index("Shops") + len("Shops stayed open"),
        quote="Shops stayed open",
        source=SourceFactory(),
        created_by=analyst,
    )
    assert Suggestion.objects.get(pk=claim_suggestion.pk).status == SuggestionStatus.PENDING
    start = article.text.index("60,000 troops")

    claim_services.claim_update(
        claim=claim,
        user=analyst,
        version=claim.version,
        start=start,
        end=start + len("60,000 troops"),
        quote="60,000 troops",
    )

    claim_suggestion.refresh_from_db()
    assert (claim_suggestion.status, claim_suggestion.a_claim_id) == (
        SuggestionStatus.ACCEPTED,
        claim.pk,
    )


def test_the_engine_does_not_suggest_a_pair_again_under_a_claim_inside_its_passage(
    analyst, contradiction
):
    _inside(contradiction, "b", "60,000 troops", analyst)
    pending = set(Suggestion.objects.filter(status=SuggestionStatus.PENDING).values_list("pk"))

    for article in (contradiction.a_article, contradiction.b_article):
        services.suggest_for_article(article)

    again = set(Suggestion.objects.filter(status=SuggestionStatus.PENDING).values_list("pk"))
    assert again <= pending


def test_a_dismissed_pair_stays_dismissed_once_a_claim_is_recorded_inside_it(
    analyst, contradiction
):
    services.suggestion_dismiss(suggestion=contradiction, user=analyst)
    _inside(contradiction, "a", "8,000 troops", analyst)
    pending = set(Suggestion.objects.filter(status=SuggestionStatus.PENDING).values_list("pk"))

    services.suggest_for_article(contradiction.b_article)

    again = set(Suggestion.objects.filter(status=SuggestionStatus.PENDING).values_list("pk"))
    assert again <= pending


def test_a_pair_whose_claim_was_deleted_is_refused_naming_it(analyst, valley_watch):
    small = ArticleFactory(text=SMALL, uploaded_by=analyst)
    words = "8,000 troops"
    claim = claim_services.claim_create(
        article=small,
        start=SMALL.index(words),
        end=SMALL.index(words) + len(words),
        quote=words,
        source=SourceFactory(name="Defence ministry"),
        created_by=analyst,
    )
    services.suggest_for_article(small)
    services.suggest_for_article(ArticleFactory(text=LARGE, uploaded_by=analyst))
    pair = Suggestion.objects.get(kind=SuggestionKind.CONTRADICTION, a_claim=claim)
    claim_services.claim_delete(claim=claim, user=analyst)

    with pytest.raises(ValidationError) as refusal:
        services.suggestion_accept(suggestion=pair, user=analyst)

    assert f"Claim {claim.pk}, on one side of this suggestion, was deleted" in str(refusal.value)
    assert Claim.objects.filter(article=small).count() == 0


def test_the_boards_suggested_pairs_follow_the_boards_article_filter(
    client, analyst, contradiction
):
    elsewhere = ArticleFactory(text="Nothing happened in the next valley.")
    client.force_login(analyst)

    unfiltered = client.get(reverse("claims:board")).content.decode()
    filtered = client.get(reverse("claims:board"), {"article": elsewhere.pk}).content.decode()
    its_own = client.get(
        reverse("claims:board"),
        {"article": contradiction.a_article_id, "other_article": contradiction.b_article_id},
    ).content.decode()

    card = f'id="suggestion-{contradiction.pk}"'
    assert card in unfiltered and card in its_own
    assert card not in filtered


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one write transaction at a time (transaction_mode IMMEDIATE)",
)
def test_two_accepts_over_one_passage_at_once_record_it_once(analyst, suggested):
    """Audit G1: each found no claim on the passage and recorded it, 5 races in 6."""
    small, large, same = suggested
    first, second = (
        Suggestion.objects.get(
            Q(a_article=large, b_article=other) | Q(a_article=other, b_article=large),
            kind=SuggestionKind.CONTRADICTION,
        )
        for other in (small, same)
    )
    colleague, source = UserFactory(groups=["analyst"]), SourceFactory()

    _, errors = at_once(
        lambda: services.suggestion_accept(suggestion=first, user=analyst, source=source),
        lambda: services.suggestion_accept(suggestion=second, user=colleague, source=source),
    )

    assert errors == []
    assert Claim.objects.filter(article=large).count() == 1
