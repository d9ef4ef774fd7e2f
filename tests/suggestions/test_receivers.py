"""An article's text changed (allowed while no claim points into it) is read again for
suggestions (suggestions/receivers.py, services/forget.py): what the old text gave — passages,
figures in the index, pairs with other articles — is forgotten, so nothing offered points past
the new text or at other words, and no later article is paired with a figure the article no
longer states. Before, all of it stayed on the old text's offsets. A dismissal moves with its
words, and goes only with them."""

import datetime

import pytest

from articles.services import article_create, article_update
from suggestions import services
from suggestions.models import (
    IndexedMeasure,
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
    spans_key,
)
from tests.suggestions.conftest import LARGE

pytestmark = pytest.mark.django_db

NO_FIGURES = "The defence ministry said little on Monday.\n\nThe weather was cold."
NINE_THOUSAND = (
    "The defence ministry said on Tuesday that 9,000 troops had crossed the border near "
    "Halvern.\n\nThe weather was cold."
)


@pytest.fixture
def edit(analyst, django_capture_on_commit_callbacks):
    def edited(article, text):
        with django_capture_on_commit_callbacks(execute=True):
            article_update(article=article, user=analyst, text=text)
        article.refresh_from_db()
        return article

    return edited


def _touching(article):
    return Suggestion.objects.filter(a_article=article) | Suggestion.objects.filter(
        b_article=article
    )


def _quotes_off_the_text(article) -> list:
    off = []
    for suggestion in _touching(article):
        for side in ("a", "b"):
            if getattr(suggestion, f"{side}_article_id") == article.pk:
                start, end = (
                    getattr(suggestion, f"{side}_start"),
                    getattr(suggestion, f"{side}_end"),
                )
                if article.text[start:end] != getattr(suggestion, f"{side}_quote"):
                    off.append((suggestion.kind, getattr(suggestion, f"{side}_quote")))
    return off


def test_after_an_edit_every_suggestion_quotes_the_new_text(suggested, edit):
    small = suggested[0]

    edit(small, NINE_THOUSAND)

    assert _quotes_off_the_text(small) == []
    contradiction = _touching(small).get(kind=SuggestionKind.CONTRADICTION)
    assert "9,000" in contradiction.reason and "60,000" in contradiction.reason
    assert "8,000" not in contradiction.a_quote + contradiction.b_quote


def test_figures_no_longer_stated_are_paired_with_nothing(suggested, edit, analyst):
    small = suggested[0]

    edit(small, NO_FIGURES)
    later = article_create(text=LARGE.replace("60,000", "75,000"), uploaded_by=analyst)
    services.suggest_for_article(later)

    assert not IndexedMeasure.objects.filter(article=small).exists()
    assert not _touching(small).exclude(kind=SuggestionKind.CLAIM).exists()
    assert _quotes_off_the_text(small) == []


def test_a_dismissal_of_the_old_words_goes_with_them(contradiction, analyst, edit):
    services.suggestion_dismiss(suggestion=contradiction, user=analyst)
    small = contradiction.a_article

    edit(small, NO_FIGURES)

    assert not Suggestion.objects.filter(pk=contradiction.pk).exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text + "\n\nA line added at the end.",
        lambda text: "A new first line.\n\n" + text,
    ],
    ids=["appended", "prepended"],
)
def test_a_dismissal_stays_dismissed_where_its_words_still_are(
    contradiction, claim_suggestion, analyst, edit, change
):
    """Dismissing is for good: an edit that keeps the dismissed words (wherever they move) does
    not bring the suggestion back as pending work."""
    small = contradiction.a_article
    mine = Suggestion.objects.get(kind=SuggestionKind.CLAIM, a_article=small)
    for suggestion in (contradiction, mine):
        services.suggestion_dismiss(suggestion=suggestion, user=analyst)

    edit(small, change(small.text))

    for dismissed in (contradiction, mine):
        dismissed.refresh_from_db()
        assert dismissed.status == SuggestionStatus.DISMISSED
    assert _quotes_off_the_text(small) == []
    pending = _touching(small).filter(status=SuggestionStatus.PENDING)
    assert not pending.filter(kind=SuggestionKind.CONTRADICTION).exists()
    assert not pending.filter(kind=SuggestionKind.CLAIM, a_quote=mine.a_quote).exists()


def test_an_edit_that_leaves_the_text_alone_keeps_every_suggestion(suggested, edit, analyst):
    small = suggested[0]
    before = sorted(_touching(small).values_list("pk", flat=True))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(services, "forget_article_text", lambda article: pytest.fail("forgot"))
        edit(small, small.text)
        article_update(article=small, user=analyst, title="Another title")

    assert sorted(_touching(small).values_list("pk", flat=True)) == before


def test_with_a_task_worker_the_old_text_is_forgotten_before_the_job_reads_the_new(
    suggested, edit, settings, monkeypatch
):
    """The job may wait for a worker: meanwhile nothing of the old text is offered or paired."""
    from jobs.kinds import SUGGESTION_RUN
    from jobs.models import Job
    from suggestions import receivers

    settings.JOBS_INLINE = False
    queued = []
    monkeypatch.setattr(receivers, "job_start", lambda **job: queued.append(job))
    small = suggested[0]

    edit(small, NINE_THOUSAND)

    assert queued == [
        {"kind": SUGGESTION_RUN, "user": small.uploaded_by, "parameters": {"article": small.pk}}
    ]
    assert not _touching(small).exists()
    assert not IndexedMeasure.objects.filter(article=small).exists()
    assert not Job.objects.exists()


def test_a_suggestion_left_on_the_old_text_is_refused_in_words(suggested, analyst):
    """Between the commit and the receiver, or if the receiver failed: accepting it says what
    happened instead of "the quote does not match … reload the article"."""
    from django.core.exceptions import ValidationError

    from articles.models import Article

    small = suggested[0]
    claim = Suggestion.objects.filter(a_article=small, kind=SuggestionKind.CLAIM).first()
    Article.objects.filter(pk=small.pk).update(text=NO_FIGURES)

    with pytest.raises(ValidationError) as refused:
        services.suggestion_accept(suggestion=claim, user=analyst, source=claim.a_source)

    assert refused.value.messages == [
        "The article's text has changed since this was suggested: dismiss it."
    ]
    claim.refresh_from_db()
    assert claim.status == SuggestionStatus.PENDING


def test_dismissals_that_swap_places_in_the_new_text_both_stay(analyst, edit):
    """Each dismissal moves to where its words now stand, even onto the place another one
    leaves (their keys swap: a key is unique, so neither may take the other's first)."""
    article = article_create(text="Alpha one.\n\nBeta twoo.", uploaded_by=analyst)
    made = {}
    for quote in ("Alpha one.", "Beta twoo."):
        start = article.text.index(quote)
        made[quote] = Suggestion.objects.create(
            kind=SuggestionKind.CLAIM,
            status=SuggestionStatus.DISMISSED,
            decided_by=analyst,
            key=spans_key(SuggestionKind.CLAIM, (article.pk, start, start + len(quote))),
            a_article=article,
            a_start=start,
            a_end=start + len(quote),
            a_quote=quote,
            analyzer_version="test",
        )

    edit(article, "Beta twoo.\n\nAlpha one.")

    for quote, suggestion in made.items():
        suggestion.refresh_from_db()
        assert suggestion.status == SuggestionStatus.DISMISSED
        assert article.text[suggestion.a_start : suggestion.a_end] == quote


def test_a_new_publication_date_reads_the_articles_dates_again(
    analyst, django_capture_on_commit_callbacks
):
    # Uploaded first, dated afterwards: "on 4 March" was read without a year. Before, it stayed
    # so (and was paired so) until someone ran `suggest --article`.
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(
            title="Accord",
            text="The ministry said the agreement was signed on 4 March in Halvern.\n\n"
            "The weather was cold.",
            uploaded_by=analyst,
        )

    def dated() -> list[tuple[str, str]]:
        rows = IndexedMeasure.objects.filter(article=article, key__startswith="date|")
        return sorted(
            (row.measure["text"], str(datetime.date.fromordinal(int(row.measure["low"]))))
            for row in rows
        )

    assert dated() == [("on 4 March", "0004-03-04")]
    with django_capture_on_commit_callbacks(execute=True):
        article_update(article=article, user=analyst, published_on=datetime.date(2019, 3, 10))

    assert dated() == [("on 4 March", "2019-03-04")]


def test_an_article_dated_at_the_end_of_the_calendar_is_read_and_annotated(
    analyst, client, valley_watch, django_capture_on_commit_callbacks
):
    # "next year" in an article dated 9999 is year 10000: reading it raised, so the article got
    # no suggestions, a claim recorded on it answered 500 and `suggest --all` stopped there.
    text = "The ministry said the truce would end next year, after 9,000 troops left Halvern."
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(
            title="Far", text=text, published_on=datetime.date(9999, 6, 1), uploaded_by=analyst
        )
    client.force_login(analyst)
    start = text.index("the truce")

    answer = client.post(
        "/api/claims/",
        {
            "article": article.pk,
            "start": start,
            "end": len(text),
            "quote": text[start:],
            "source": valley_watch.pk,
        },
        content_type="application/json",
    )

    assert answer.status_code == 201, answer.content
    assert article.claims.filter(pk=answer.json()["id"]).exists()
