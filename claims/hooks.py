"""How claims attaches to the apps below it, which know nothing of claims: it moves its claims
when sources merge, counts them on every article list, freezes the text they point into, and
keeps the aggregate cache honest (an article's write retires its token in the same commit).
`ClaimsConfig.ready` calls `connect()` once."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from simple_history.utils import bulk_update_with_history

from articles import selectors as article_selectors
from articles import services as article_services
from articles.models import TEXT_PINNED_BY, Article
from claims.aggregates import evidence_changed, evidence_write
from claims.models import Claim, ClaimLink, Tag
from claims.selectors import live_claim_count
from sources.models import Source
from sources.signals import source_merging


def move_claims_on_source_merge(*, target, duplicate_ids, user, **kwargs) -> None:
    """Claims of a merged duplicate are attributed to the kept source, deleted ones included;
    each gets a new version, so an edit begun before the merge is refused."""
    claims = list(Claim.all_objects.filter(source_id__in=duplicate_ids).select_for_update())
    for claim in claims:
        claim.source = target
        claim.version += 1
    bulk_update_with_history(
        claims,
        Claim,
        ["source", "version"],
        default_user=user,
        default_change_reason=f"Source merged into {target.name}",
        # The default manager hides soft-deleted claims; they must move too.
        manager=Claim.all_objects,
    )


def claims_in_text(article_id: int) -> str | None:
    """What of the claims points into the article's text, in words, or None. Deleted claims
    count too (their history still points into it, and they may be restored): an article whose
    lists show no claim says so, rather than "claims point into it"."""
    if Claim.objects.filter(article_id=article_id).exists():
        return "claims point into it"
    if Claim.all_objects.filter(article_id=article_id).exists():
        return (
            "deleted claims still point into it (they can be restored, and their history "
            "keeps their place in the text)"
        )
    return None


def connect() -> None:
    if claims_in_text not in TEXT_PINNED_BY:
        TEXT_PINNED_BY.append(claims_in_text)
    article_selectors.ARTICLE_COUNTS["claim_count"] = live_claim_count
    # An article's write retires the aggregate cache's token in its own commit.
    article_services.WRITE["transaction"] = evidence_write
    source_merging.connect(move_claims_on_source_merge, dispatch_uid="claims-sources")
    # What the cached aggregates count: any change to it starts a new generation.
    for model in (Article, Source, Tag, Claim, ClaimLink):
        uid = f"evidence-changed-{model._meta.label_lower}"
        post_save.connect(evidence_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(evidence_changed, sender=model, dispatch_uid=uid)
    m2m_changed.connect(
        evidence_changed, sender=Claim.tags.through, dispatch_uid="evidence-changed-claim-tags"
    )
