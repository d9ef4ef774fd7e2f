"""Making suggestions: claim suggestions, pairs through the measure index, idempotent re-runs,
dismissals remembered."""

import pytest

from claims import services as claim_services
from claims.models import ClaimLink, LinkKind
from suggestions import services
from suggestions.models import IndexedMeasure, Suggestion, SuggestionKind, SuggestionStatus
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _keys():
    return sorted(Suggestion.objects.values_list("key", "status"))


def test_every_article_gets_claim_suggestions_whose_quotes_are_exact_slices(suggested):
    for article in suggested:
        suggestions = Suggestion.objects.filter(kind=SuggestionKind.CLAIM, a_article=article)
        assert suggestions
        for suggestion in suggestions:
            assert article.text[suggestion.a_start : suggestion.a_end] == suggestion.a_quote
            assert suggestion.analyzer_version


def test_incompatible_figures_of_one_thing_make_a_contradiction_with_a_reason(contradiction):
    assert "8,000" in contradiction.reason and "60,000" in contradiction.reason
    assert contradiction.status == SuggestionStatus.PENDING
    assert "troops" in contradiction.a_quote and "troops" in contradiction.b_quote


def test_compatible_figures_make_a_corroboration(suggested):
    small, _, same = suggested
    assert Suggestion.objects.filter(
        kind=SuggestionKind.CORROBORATION, a_article=small, b_article=same
    ).exists()


def test_the_attributed_source_is_recognized_in_the_registry(claim_suggestion, valley_watch):
    assert claim_suggestion.a_source == valley_watch
    assert claim_suggestion.source_score > 0


def test_running_again_makes_nothing_new(suggested):
    before = _keys()
    for article in suggested:
        run = services.suggest_for_article(article)
        assert run.made == 0
    assert _keys() == before


def test_a_dismissed_suggestion_never_comes_back(contradiction, analyst, suggested):
    services.suggestion_dismiss(suggestion=contradiction, user=analyst)
    for article in suggested:
        services.suggest_for_article(article)
    assert Suggestion.objects.filter(key=contradiction.key).count() == 1
    assert Suggestion.objects.get(key=contradiction.key).status == SuggestionStatus.DISMISSED


def test_a_new_article_is_compared_only_with_measures_of_its_keys(suggested, analyst):
    other = ArticleFactory(
        text="The defence ministry said on Monday that 8,000 refugees had crossed the border.",
        uploaded_by=analyst,
    )
    services.suggest_for_article(other)
    assert (
        not Suggestion.objects.filter(kind__in=["contradiction", "corroboration"])
        .filter(a_article=other)
        .exists()
    )
    assert not Suggestion.objects.filter(b_article=other).exists()
    assert IndexedMeasure.objects.filter(article=other).exists()


def test_a_passage_already_recorded_as_a_claim_is_not_suggested(reports, analyst):
    small = reports[0]
    end = small.text.index("\n")
    ClaimFactory(article=small, start=0, end=end, quote=small.text[:end], created_by=analyst)
    services.suggest_for_article(small)
    assert not Suggestion.objects.filter(kind=SuggestionKind.CLAIM, a_article=small).exists()


def test_claims_carry_their_measures_into_the_index(reports, analyst):
    small = reports[0]
    end = small.text.index("\n")
    claim = ClaimFactory(
        article=small, start=0, end=end, quote=small.text[:end], created_by=analyst
    )
    assert IndexedMeasure.objects.filter(claim=claim).exists()
    claim_services.claim_delete(claim=claim, user=analyst)
    assert not IndexedMeasure.objects.filter(claim=claim).exists()


def test_a_pair_of_claims_already_linked_is_not_suggested(reports, analyst, reviewer):
    small, large, _ = reports
    claims = []
    for article in (small, large):
        end = article.text.index("\n")
        claims.append(
            ClaimFactory(
                article=article, start=0, end=end, quote=article.text[:end], created_by=analyst
            )
        )
    claim_services.link_create(
        kind=LinkKind.CONTRADICTS, claim_a=claims[0], claim_b=claims[1], user=analyst
    )
    services.suggest_for_article(small)
    services.suggest_for_article(large)
    assert not Suggestion.objects.filter(
        kind=SuggestionKind.CONTRADICTION, a_article=small, b_article=large
    ).exists()
    assert ClaimLink.objects.count() == 1


def test_a_side_on_a_claim_names_the_claim(reports, analyst):
    small, large, _ = reports
    end = small.text.index("\n")
    claim = ClaimFactory(
        article=small, start=0, end=end, quote=small.text[:end], created_by=analyst
    )
    services.suggest_for_article(small)
    services.suggest_for_article(large)
    pair = Suggestion.objects.get(
        kind=SuggestionKind.CONTRADICTION, a_article=small, b_article=large
    )
    assert pair.a_claim == claim and pair.b_claim is None


def test_an_exhausted_budget_stops_pairing_but_keeps_claim_suggestions(reports):
    run = services.suggest_for_article(reports[0], budget=-1)
    assert not run.complete
    assert run.claims >= 1


def test_uploading_an_article_suggests_at_once(analyst, django_capture_on_commit_callbacks):
    from articles.services import article_create
    from tests.suggestions.conftest import SMALL

    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(text=SMALL, uploaded_by=analyst)
    assert Suggestion.objects.filter(a_article=article, kind=SuggestionKind.CLAIM).exists()


def test_merging_sources_moves_the_recognized_source(claim_suggestion, valley_watch, reviewer):
    from sources.services import source_merge
    from tests.factories import SourceFactory

    kept = SourceFactory(name="Valley Watch NGO")
    source_merge(target=kept, duplicates=[valley_watch], user=reviewer)
    claim_suggestion.refresh_from_db()
    assert claim_suggestion.a_source == kept


def test_with_a_task_worker_an_upload_is_read_for_suggestions_by_a_job(
    analyst, settings, django_capture_on_commit_callbacks
):
    """JOBS_INLINE off (a deployment with a worker; the test backend runs the task at once):
    the suggestions come from a job the uploader can follow, with no time budget."""
    from articles.services import article_create
    from jobs.kinds import SUGGESTION_RUN
    from jobs.models import Job
    from tests.suggestions.conftest import SMALL

    settings.JOBS_INLINE = False
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(text=SMALL, uploaded_by=analyst)

    job = Job.objects.get(kind=SUGGESTION_RUN)
    assert (job.created_by, job.parameters, job.status) == (
        analyst,
        {"article": article.pk},
        "succeeded",
    )
    made = Suggestion.objects.filter(a_article=article, kind=SuggestionKind.CLAIM).count()
    assert made >= 1
    assert job.result["claims"] == made


def test_a_claim_recorded_through_the_api_joins_the_measure_index(analyst_client, reports):
    """Claims are written in bulk (no post_save): the claims_recorded signal indexes them."""
    article = reports[0]
    start = article.text.index("8,000")
    end = article.text.index("troops", start) + len("troops")
    answer = analyst_client.post(
        "/api/claims/",
        {
            "article": article.pk,
            "start": start,
            "end": end,
            "quote": article.text[start:end],
            "source": SourceFactory().pk,
            "credibility": "2",
        },
        format="json",
    )

    assert answer.status_code == 201, answer.json()
    assert IndexedMeasure.objects.filter(claim_id=answer.json()["id"]).exists()


def test_a_review_does_not_touch_the_measure_index(reports, analyst, reviewer):
    """Approving changes no quote: the index is left alone (the issue 17 budget holds)."""
    claim = ClaimFactory(article=reports[0], created_by=analyst)
    claim_services.claim_submit(claim=claim, user=analyst)
    before = list(IndexedMeasure.objects.filter(claim=claim).values_list("pk", flat=True))
    claim_services.claim_approve(claim=claim, reviewer=reviewer)
    after = list(IndexedMeasure.objects.filter(claim=claim).values_list("pk", flat=True))
    assert before == after


def test_reading_again_withdraws_what_an_older_engine_suggested_and_no_longer_does(
    suggested, contradiction, corroboration, analyst
):
    services.suggestion_dismiss(suggestion=corroboration, user=analyst)
    misread = Suggestion.objects.filter(kind=SuggestionKind.CLAIM).first()
    older = Suggestion.objects.filter(pk__in=[contradiction.pk, corroboration.pk, misread.pk])
    older.update(analyzer_version="0")
    # What the older engine made of words this one does not read as a claim.
    Suggestion.objects.filter(pk=misread.pk).update(key="claim:misread", a_start=0, a_end=3)

    for article in suggested:
        services.suggest_for_article(article)

    assert not Suggestion.objects.filter(key="claim:misread").exists()
    remade = Suggestion.objects.get(key=contradiction.key)
    assert remade.status == SuggestionStatus.PENDING and remade.analyzer_version != "0"
    assert Suggestion.objects.get(pk=corroboration.pk).status == SuggestionStatus.DISMISSED
