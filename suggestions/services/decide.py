"""Accepting and dismissing suggestions.

Accepting a claim suggestion records a draft claim owned by the analyst who accepts it;
accepting a pair records the claims it needs as drafts (or reuses the claims on its sides) and
proposes a link between them, which a reviewer then confirms or dismisses as any other. Both
writes go through `claims.services`, so every rule of recording and linking holds.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from claims import services as claim_services
from claims.models import Claim, ClaimLink, Credibility, LinkStatus
from project import roles
from project.errors import Conflict
from sources.models import Source
from suggestions.models import LINK_KIND, Suggestion, SuggestionStatus
from suggestions.services.settle import deciding

User = AbstractBaseUser


def _check_may_decide(user: User) -> None:
    if not roles.can_decide_suggestion(user):
        raise PermissionDenied(_("Only analysts can accept or dismiss suggestions."))


def _lock_pending(suggestion: Suggestion) -> Suggestion:
    """The suggestion, locked, if it still waits for a decision; else `Conflict`."""
    current = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if current.status != SuggestionStatus.PENDING:
        raise Conflict(
            _("This suggestion was already %(status)s; reload to see it.")
            % {"status": current.get_status_display().lower()},
            code="decided",
            current={"status": current.status, "claim": current.a_claim_id},
        )
    return current


def _decided(suggestion: Suggestion, status: str, user: User) -> None:
    suggestion.status = status
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion._history_user = user
    suggestion.save()


def _side_claim(suggestion: Suggestion, side: str, **new) -> Claim:
    """The live claim on one side: the one already there, else a new draft of the analyst's
    (`_new_claim` with `new`)."""
    return _existing_claim(suggestion, side) or _new_claim(suggestion, side, **new)


def _existing_claim(suggestion: Suggestion, side: str) -> Claim | None:
    """The claim already on one side: the side's own, or the first live claim over its
    passage (the words an analyst recorded by hand, seldom the engine's whole sentence: a new
    draft beside it would be the same evidence twice). A side whose own claim was deleted is
    refused: recorded again, the passage would lose the source that claim named, and a restore
    would leave two claims on it."""
    claim_id = getattr(suggestion, f"{side}_claim_id")
    if claim_id:
        existing = Claim.all_objects.filter(pk=claim_id).first()
        if existing is not None and existing.deleted_at is None:
            return existing
        if existing is not None:
            raise ValidationError(
                _(
                    "Claim %(id)s, on one side of this suggestion, was deleted: restore it "
                    "first, or dismiss the suggestion."
                )
                % {"id": claim_id},
                code="claim_deleted",
            )
    return (
        Claim.objects.filter(
            article_id=getattr(suggestion, f"{side}_article_id"),
            start__lt=getattr(suggestion, f"{side}_end"),
            end__gt=getattr(suggestion, f"{side}_start"),
        )
        .order_by("pk")
        .first()
    )


def _hold_articles(suggestion: Suggestion) -> None:
    """Lock the articles of the suggestion's sides, in one order, before looking for the claims
    already on them: two analysts accepting two suggestions over one passage at the same moment
    each found none and recorded it twice. The second now waits, then finds the first's claim.
    (SQLite's write transactions take turns already.)"""
    ids = {suggestion.a_article_id, suggestion.b_article_id} - {None}
    list(Article.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))


def _new_claim(
    suggestion: Suggestion,
    side: str,
    *,
    user: User,
    source: Source | None,
    credibility: int,
    statement: str,
) -> Claim:
    """A new draft of the analyst's on one side's span."""
    article_id = getattr(suggestion, f"{side}_article_id")
    start, end = getattr(suggestion, f"{side}_start"), getattr(suggestion, f"{side}_end")
    article = Article.objects.select_related("outlet").get(pk=article_id)
    if article.text[start:end] != getattr(suggestion, f"{side}_quote"):
        # Its text changed after the suggestion was made, and the suggestion was not yet
        # forgotten (`forget_article_text` runs once the change is committed).
        raise ValidationError(
            _("The article's text has changed since this was suggested: dismiss it."),
            code="text_changed",
        )
    recognized = getattr(suggestion, f"{side}_source")
    # A pair: one analyst's choice cannot name both sides' sources, so each side keeps its own.
    chosen = (
        (recognized or source or article.outlet) if suggestion.is_pair else (source or recognized)
    )
    if chosen is None:
        raise ValidationError(
            {"source": _("Choose the source who asserted this passage: none was recognized.")},
            code="source_required",
        )
    return claim_services.claim_create(
        article=article,
        start=start,
        end=end,
        quote=getattr(suggestion, f"{side}_quote"),
        source=chosen,
        credibility=credibility,
        statement=statement,
        created_by=user,
    )


def _tagged(claim: Claim, tags: list[str], user: User) -> Claim:
    """A claim that was on the suggestion's span already, with `tags` too, as any edit of it
    would add them: by someone who may edit it, with a new version. Anyone else is refused, and
    nothing is accepted: before, the accept replaced the tags of anyone's claim, approved ones
    included."""
    kept = list(claim.tags.values_list("name", flat=True))
    try:
        return claim_services.claim_update(
            claim=claim, user=user, version=claim.version, tags=[*kept, *tags]
        )
    except PermissionDenied:
        raise PermissionDenied(
            _(
                "This passage is already claim %(id)s, which you may not edit: accept the "
                "suggestion without tags, or dismiss it."
            )
            % {"id": claim.pk}
        ) from None


def suggestion_accept(
    *,
    suggestion: Suggestion,
    user: User,
    source: Source | None = None,
    credibility: int | None = None,
    statement: str | None = None,
    tags: list[str] | None = None,
) -> Suggestion:
    """Accept a pending suggestion in `user`'s name.

    A claim suggestion becomes a draft claim: `source` (else the one recognized in the
    passage), `credibility` (else "cannot be judged"), `statement` (else the proposed one).
    A pair records each side's claim if missing (its recognized source, else the article's
    outlet, else `source`) and proposes a link with the reason as its note."""
    _check_may_decide(user)
    if credibility is None:
        credibility = Credibility.CANNOT_BE_JUDGED
    with transaction.atomic(), deciding(suggestion.pk):
        # Articles before the suggestion, in the order recording a claim takes them (its
        # article, then the claim suggestions it settles): the other order could deadlock.
        _hold_articles(suggestion)
        current = _lock_pending(suggestion)
        if not current.is_pair:
            claim = _existing_claim(current, "a")
            if claim is None:
                claim = _new_claim(
                    current,
                    "a",
                    user=user,
                    source=source,
                    credibility=credibility,
                    statement=current.statement if statement is None else statement,
                )
                if tags:
                    claim.tags.set(claim_services.tags_from_names(tags))
            elif tags:
                claim = _tagged(claim, tags, user)
            current.a_claim = claim
        else:
            claim_a = _side_claim(
                current,
                "a",
                user=user,
                source=source,
                credibility=credibility,
                statement=current.statement,
            )
            claim_b = _side_claim(
                current,
                "b",
                user=user,
                source=source,
                credibility=credibility,
                statement=current.b_statement,
            )
            if claim_a.pk == claim_b.pk:
                raise ValidationError(
                    _("Both sides are the same claim now: dismiss this suggestion."),
                    code="self_link",
                )
            current.a_claim, current.b_claim = claim_a, claim_b
            current.link = _link(current, claim_a, claim_b, user)
        _decided(current, SuggestionStatus.ACCEPTED, user)
    return current


def _link(suggestion: Suggestion, claim_a: Claim, claim_b: Claim, user: User) -> ClaimLink:
    """The link the pair asks for: an existing one of that kind (proposed or confirmed), else a
    new proposed one. One a reviewer dismissed stays dismissed: the accept is refused, saying
    so, rather than pointed at a link nobody will look at again."""
    kind = LINK_KIND[suggestion.kind]
    low, high = sorted((claim_a.pk, claim_b.pk))
    existing = (
        ClaimLink.objects.filter(claim_a_id=low, claim_b_id=high, kind=kind)
        .select_related("decided_by")
        .first()
    )
    if existing is not None and existing.status == LinkStatus.DISMISSED:
        raise ValidationError(
            _(
                "%(reviewer)s already dismissed the link between claims %(a)s and %(b)s (on "
                "%(day)s): accepting this suggestion would not bring it back. Dismiss the "
                "suggestion, or ask a reviewer to look at that link again."
            )
            % {
                "reviewer": existing.decided_by.get_username(),
                "a": low,
                "b": high,
                "day": f"{timezone.localtime(existing.decided_at):%d %b %Y}",
            },
            code="link_dismissed",
        )
    if existing is not None:
        return existing
    return claim_services.link_create(
        kind=kind, claim_a=claim_a, claim_b=claim_b, user=user, note=suggestion.reason
    )


def suggestion_dismiss(*, suggestion: Suggestion, user: User) -> Suggestion:
    """Dismiss a pending suggestion for good: re-running the engine never brings back a
    suggestion of the same kind and spans."""
    _check_may_decide(user)
    with transaction.atomic():
        current = _lock_pending(suggestion)
        _decided(current, SuggestionStatus.DISMISSED, user)
    return current
