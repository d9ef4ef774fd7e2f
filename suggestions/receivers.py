"""How suggestions answers the apps below it: a new article is read for suggestions as soon as
it is stored (inline, within `SUGGEST_INLINE_BUDGET` seconds of pairing), and read again when
its text is changed (what the old text gave is forgotten first), every saved claim
keeps its measures in the index; a merge of sources moves the sources suggestions recognized.
`SuggestionsConfig.ready` calls `connect()` once.

Where a task worker runs (`JOBS_INLINE` off) the run is a job instead (suggestions/jobs.py),
with no time budget, followed on /jobs/ like every other."""

import logging

from django.conf import settings
from django.db.models.signals import post_save

from articles.signals import article_added, article_date_changed, article_text_changed
from claims.models import Claim
from claims.signals import claims_recorded, link_recorded
from jobs.kinds import SUGGESTION_RUN
from jobs.services import job_start
from sources.signals import source_merging
from suggestions import services
from suggestions.models import Suggestion

logger = logging.getLogger(__name__)


def suggest_after_upload(*, article, **kwargs) -> None:
    """Suggest the new article's claims and pairs; a failure is logged, never the upload's."""
    if not settings.JOBS_INLINE:
        job_start(kind=SUGGESTION_RUN, user=article.uploaded_by, parameters={"article": article.pk})
        return
    try:
        run = services.suggest_for_article(article, budget=settings.SUGGEST_INLINE_BUDGET)
    except Exception:
        logger.exception("Suggestions for article %s failed", article.pk)
        return
    if not run.complete:
        logger.info(
            "Suggestions for article %s stopped pairing after %.1f s: run "
            "`manage.py suggest --article %s` to finish",
            article.pk,
            run.seconds,
            article.pk,
        )


def suggest_after_text_change(*, article, **kwargs) -> None:
    """An article's text (or its publication date, against which its relative and yearless
    dates are read) changed: what was read before is forgotten at once, and the article read
    again as an upload is (inline, or a job)."""
    try:
        services.forget_article_text(article)
    except Exception:
        logger.exception("Forgetting the old text's suggestions of article %s failed", article.pk)
        return
    suggest_after_upload(article=article)


#: What a claim's measures are read from: a save that changes none of it (a review, a
#: submission, new tags) leaves the index as it is.
MEASURED_FIELDS = frozenset({"article", "article_id", "start", "end", "quote", "deleted_at"})


def index_saved_claim(*, instance: Claim, raw: bool = False, update_fields=None, **kwargs) -> None:
    if raw or (update_fields is not None and not MEASURED_FIELDS & set(update_fields)):
        return
    services.index_claim(instance)
    if instance.deleted_at is None and not kwargs.get("created"):
        # A passage moved (or a claim restored) over a suggested one settles it, as recording
        # it there would have.
        services.passages_recorded([instance])


def index_recorded_claims(*, claims: list[Claim], **kwargs) -> None:
    """New claims, written in bulk: their measures join the index (nothing to do, and no
    query, for claims whose quote carries no figure or date)."""
    services.index_new_claims(claims)


def move_sources_on_merge(*, target, duplicate_ids, user, **kwargs) -> None:
    """A suggestion that recognized a merged duplicate as a side's source names the kept one."""
    for side in ("a", "b"):
        Suggestion.objects.filter(**{f"{side}_source__in": duplicate_ids}).update(
            **{f"{side}_source": target}
        )


def settle_recorded_passages(*, claims: list[Claim], **kwargs) -> None:
    """Passages recorded by hand settle the claim suggestions they overlap (`services.settle`)."""
    services.passages_recorded(claims)


def settle_linked_pair(*, link, **kwargs) -> None:
    """A link made by hand settles the pair suggestions that asked for it (`services.settle`)."""
    services.pairs_settled_by([link])


def connect() -> None:
    source_merging.connect(move_sources_on_merge, dispatch_uid="suggestions-sources")
    article_added.connect(suggest_after_upload, dispatch_uid="suggestions-after-upload")
    article_text_changed.connect(suggest_after_text_change, dispatch_uid="suggestions-new-text")
    article_date_changed.connect(suggest_after_text_change, dispatch_uid="suggestions-new-date")
    post_save.connect(index_saved_claim, sender=Claim, dispatch_uid="suggestions-index-claim")
    claims_recorded.connect(index_recorded_claims, dispatch_uid="suggestions-index-new-claims")
    claims_recorded.connect(settle_recorded_passages, dispatch_uid="suggestions-settle-passages")
    link_recorded.connect(settle_linked_pair, dispatch_uid="suggestions-settle-linked-pair")
