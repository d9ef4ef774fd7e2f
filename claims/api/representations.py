"""Claims as the API answers them, built as plain dicts (issue 17).

`ClaimSerializer` documents the shape (the OpenAPI schema is generated from it) and stays the
reference; these functions give the same dicts without a serializer per row: a page of claims
is read as `.values()` with its joined columns and its tags in one more query, and a claim
just written is answered from the objects the service already holds, without reading it back.
`tests/claims/test_api_representations.py` keeps the two in step.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from claims.api.serializers import ClaimSerializer
from claims.models import Claim, grade, graded_reliability

_USERNAME = get_user_model().USERNAME_FIELD

#: Columns read for a row, as `.values()` names them → the answer's field.
COLUMNS = {
    "id": "id",
    "article_id": "article",
    "article__title": "article_title",
    "start": "start",
    "end": "end",
    "quote": "quote",
    "prefix": "prefix",
    "suffix": "suffix",
    "statement": "statement",
    "source_id": "source",
    "source__name": "source_name",
    "credibility": "credibility",
    "source__reliability": "source_reliability_now",
    "version": "version",
    "status": "status",
    f"created_by__{_USERNAME}": "created_by",
    "created_at": "created_at",
    "updated_at": "updated_at",
    f"reviewed_by__{_USERNAME}": "reviewed_by",
    "reviewed_at": "reviewed_at",
    "review_note": "review_note",
    "evaluated_reliability": "evaluated_reliability",
}
#: The answer's fields, in the order `ClaimSerializer` (the reference) gives them.
FIELDS = tuple(ClaimSerializer.Meta.fields)
_DATETIMES = ("created_at", "updated_at", "reviewed_at")


def _iso(value, zone) -> str:
    """A time as DRF's DateTimeField writes it (ISO 8601 in the current time zone, UTC as
    `Z`), without its per-value settings lookups."""
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _finish(row: dict, tags: list[str], zone) -> dict:
    # The grade as evaluated for a reviewed claim, else with the source's reliability now.
    row["reliability"] = graded_reliability(
        row["evaluated_reliability"], row["source_reliability_now"]
    )
    row["grade"] = grade(row["reliability"], row["credibility"])
    row["tags"] = tags
    for name in _DATETIMES:
        if row[name] is not None:
            row[name] = _iso(row[name], zone)
    return {name: row[name] for name in FIELDS}


def claim_rows(claims: QuerySet[Claim] | Iterable[dict]) -> list[dict]:
    """The answers for `claims`: a queryset not yet read (or its `.values(*COLUMNS)` rows), in
    two queries whatever their number."""
    if isinstance(claims, QuerySet):
        claims = claims.values(*COLUMNS)
    rows = [{COLUMNS[column]: value for column, value in row.items()} for row in claims]
    tags = tags_by_claim(row["id"] for row in rows)
    zone = timezone.get_current_timezone()
    return [_finish(row, tags.get(row["id"], []), zone) for row in rows]


def tags_by_claim(claim_ids: Iterable[int]) -> dict[int, list[str]]:
    """The tag names of each claim, sorted, in one query."""
    ids = list(claim_ids)
    if not ids:
        return {}
    by_claim: dict[int, list[str]] = defaultdict(list)
    for claim_id, name in (
        Claim.tags.through.objects.filter(claim_id__in=ids)
        .order_by("tag__name")
        .values_list("claim_id", "tag__name")
    ):
        by_claim[claim_id].append(name)
    return by_claim


def claim_row(claim: Claim) -> dict:
    """The answer for one claim whose article, source, people and tags are loaded (as the
    services return them): no query."""
    reviewer = claim.reviewed_by
    row = {
        "id": claim.pk,
        "article": claim.article_id,
        "article_title": claim.article.title,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "prefix": claim.prefix,
        "suffix": claim.suffix,
        "statement": claim.statement,
        "source": claim.source_id,
        "source_name": claim.source.name,
        "credibility": claim.credibility,
        "source_reliability_now": claim.source.reliability,
        "version": claim.version,
        "status": claim.status,
        "created_by": claim.created_by.get_username(),
        "created_at": claim.created_at,
        "updated_at": claim.updated_at,
        "reviewed_by": reviewer.get_username() if reviewer is not None else None,
        "reviewed_at": claim.reviewed_at,
        "review_note": claim.review_note,
        "evaluated_reliability": claim.evaluated_reliability,
    }
    return _finish(row, [tag.name for tag in claim.tags.all()], timezone.get_current_timezone())
