"""How claims reach the database: a fixed number of statements whatever the number of claims
or tags (issue 17).

The services decide and check; these helpers write. A new claim set is one statement on
PostgreSQL, elsewhere one per table (tags, claims, their tag rows, one history record each, its
tags: `claim_inserts`); an edit is one update and its history record. Model signals are not relied
on: django-simple-history would write a second record ("~") for the tags set after the insert,
and read the tag rows back to copy them. The aggregate cache is told once per transaction
(`evidence_changed`, ADR 0003).
"""

from collections.abc import Iterable, Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.aggregates import evidence_changed
from claims.models import Claim, Tag
from claims.services.claim_inserts import new_claims_writer
from claims.signals import claims_recorded

User = AbstractBaseUser
ClaimTag = Claim.tags.through
HistoricalClaim = Claim.history.model
HistoricalClaimTag = HistoricalClaim._meta.get_field("historicalclaim_tags").related_model

#: A claim's tag rows as the history copies them: (row id, tag id) pairs.
TagRows = dict[int, list[tuple[int, int]]]


def with_tags(claim: Claim, tags: Iterable[Tag]) -> Claim:
    """Keep `tags` on `claim` as if prefetched, so `claim.tags.all()` reads no row again (a
    narrower query, `claim.tags.filter(...)`, still asks the database)."""
    cache = getattr(claim, "_prefetched_objects_cache", None)
    if cache is None:
        cache = claim._prefetched_objects_cache = {}
    cache.pop("tags", None)
    cached = claim.tags.get_queryset()
    cached._result_cache = sorted(tags, key=lambda tag: tag.name)
    cached._prefetch_done = True
    cache["tags"] = cached
    return claim


def insert_claims(claims: Sequence[Claim], slugs: Sequence[Sequence[str]], *, user: User) -> None:
    """Insert new `claims`, each with the tags named at the same index of `slugs` (created
    where new), and one "+" history record each, by `user`: one statement on PostgreSQL, one
    per table elsewhere (`claim_inserts`)."""
    named = new_claims_writer()(claims, slugs, user=user)
    for claim, names in zip(claims, slugs, strict=True):
        with_tags(claim, [named[slug] for slug in names])
    claims_recorded.send(sender=Claim, claims=list(claims))


def save_claim(claim: Claim, fields: Iterable[str]) -> None:
    """Update `fields` of an existing claim (and `updated_at`), without a history record (the
    caller writes it with `record_history`, once)."""
    claim.skip_history_when_saving = True
    try:
        claim.save(update_fields={*fields, "updated_at"})
    finally:
        del claim.skip_history_when_saving


def locked_claim(claim: Claim, *, with_text: bool = False) -> Claim:
    """Re-read the claim under a row lock (its row only, not those it joins), with what its
    answer shows: article (the text only when asked), source, author, reviewer."""
    claims = Claim.all_objects.select_for_update(of=("self",)).select_related(
        "article", "source", "created_by", "reviewed_by"
    )
    if not with_text:
        claims = claims.defer("article__text")
    try:
        return claims.get(pk=claim.pk)
    except Claim.DoesNotExist:
        # The claim changed while this waited for its lock, and a row it is joined to went with
        # the change (a merge moved it to another source and deleted the old one): PostgreSQL
        # checks the new claim row against the joined rows it had read, and leaves it out.
        # Read again, now that the change is committed.
        return claims.get(pk=claim.pk)


def save_and_record(claim: Claim, fields: Iterable[str], *, user: User) -> Claim:
    """Save `fields` of a locked claim and record it once ("~") with its tags, which stay on
    the claim for the answer."""
    save_claim(claim, fields)
    rows, tags = tag_rows(claim)
    with_tags(claim, tags)
    record_history([claim], "~", user=user, tag_rows={claim.pk: rows})
    return claim


def tag_rows(claim: Claim) -> tuple[list[tuple[int, int]], list[Tag]]:
    """The claim's tag rows (row id, tag id) and its tags, in one query."""
    rows, tags = [], []
    for row_id, tag_id, name in ClaimTag.objects.filter(claim_id=claim.pk).values_list(
        "id", "tag_id", "tag__name"
    ):
        rows.append((row_id, tag_id))
        tags.append(Tag(pk=tag_id, name=name))
    return rows, tags


def replace_tags(claim: Claim, rows: list[tuple[int, int]], tags: Sequence[Tag]) -> TagRows:
    """Give `claim` exactly `tags`, its tag rows being `rows`: delete the rows of tags it loses,
    insert those it gains. Its new rows, keyed by claim id."""
    wanted = {tag.pk for tag in tags}
    kept = [(row_id, tag_id) for row_id, tag_id in rows if tag_id in wanted]
    lost = [row_id for row_id, tag_id in rows if tag_id not in wanted]
    if lost:
        ClaimTag.objects.filter(pk__in=lost).delete()
    have = {tag_id for _, tag_id in kept}
    added = ClaimTag.objects.bulk_create(
        [ClaimTag(claim_id=claim.pk, tag_id=tag.pk) for tag in tags if tag.pk not in have]
    )
    with_tags(claim, tags)
    if lost or added:
        evidence_changed()
    return {claim.pk: kept + [(row.pk, row.tag_id) for row in added]}


def record_history(
    claims: Sequence[Claim],
    history_type: str,
    *,
    user: User | None,
    tag_rows: TagRows,
    reason: str = "",
) -> None:
    """One history record per claim (`+` created, `~` changed) as the claim now is, with its
    tags (`tag_rows`, keyed by claim id): one insert for the records, one for their tags."""
    now = timezone.now()
    tracked = [field.attname for field in HistoricalClaim.tracked_fields]
    records = [
        HistoricalClaim(
            history_date=now,
            history_user=user,
            history_change_reason=reason,
            history_type=history_type,
            **{name: getattr(claim, name) for name in tracked},
        )
        for claim in claims
    ]
    HistoricalClaim.objects.bulk_create(records)
    tag_records = [
        HistoricalClaimTag(history=record, id=row_id, claim_id=record.id, tag_id=tag_id)
        for record in records
        for row_id, tag_id in tag_rows.get(record.id, ())
    ]
    if tag_records:
        HistoricalClaimTag.objects.bulk_create(tag_records)


#: What the database refuses on a claim, by constraint name, said for the field to blame. The
#: services check all of it first without a query; these answer a race (a source merged away
#: between the check and the commit) or a path that skipped a check.
CONSTRAINT_MESSAGES = {
    "claim_start_not_negative": ("start", "The start must be 0 or more."),
    "claim_start_before_end": ("end", "The end must come after the start."),
    "claim_credibility_1_to_6": ("credibility", "The credibility must be 1 to 6."),
    "claim_quote_length_matches_span": (
        "quote",
        "The quote does not match the article text at these offsets: reload the article and "
        "select the passage again.",
    ),
    "claim_status_valid": ("status", "Unknown status."),
    "claim_reviewed_has_reviewer": ("status", "A reviewed claim must name its reviewer."),
    "claim_version_positive": ("version", "The version must be 1 or more."),
}
FOREIGN_KEY_MESSAGE = (
    "The article, source or person this refers to no longer exists: reload the page and try again."
)


def integrity_error_messages(error: IntegrityError) -> dict[str, str]:
    """A refusal by the database as `{field: message}`, for a `ValidationError`."""
    text = str(error)
    for name, (field, message) in CONSTRAINT_MESSAGES.items():
        if name in text:
            return {field: str(message)}
    if "foreign key" in text.lower():
        return {
            "__all__": _(
                "The article, source or person this refers to no longer exists: reload the "
                "page and try again."
            )
        }
    return {"__all__": _("The claim could not be saved: it breaks a rule of the database.")}
