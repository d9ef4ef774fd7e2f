"""Claims as the API answers them, built as plain dicts (issue 17).

`ClaimSerializer` documents the shape (the OpenAPI schema is generated from it) and stays the
reference; these functions give the same dicts without a serializer per row: a page of claims
is read as `.values()` with its joined columns and its tags in one more query, and a claim
just written is answered from the objects the service already holds, without reading it back.
`tests/claims/test_api_representations.py` keeps the two in step.
"""

import datetime
from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from claims.api.serializers import ClaimSerializer
from claims.models import Claim, grade, graded_reliability
from claims.selectors import TagNames
from project.api import api_time, stored_time
from project.prepared import PreparedRead

_USERNAME = get_user_model().USERNAME_FIELD

#: Columns read for a row, as `.values()` names them → the answer's field.
COLUMNS = {
    "id": "id",
    "uuid": "uuid",
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


def _finish(row: dict, tags: list[str], zone) -> dict:
    # The grade as evaluated for a reviewed claim, else with the source's reliability now.
    row["reliability"] = graded_reliability(
        row["evaluated_reliability"], row["source_reliability_now"]
    )
    row["grade"] = grade(row["reliability"], row["credibility"])
    row["tags"] = tags
    row["uuid"] = str(row["uuid"])
    for name in _DATETIMES:
        if row[name] is not None:
            row[name] = api_time(row[name], zone)
    return {name: row[name] for name in FIELDS}


def claim_values(claims: QuerySet[Claim], *, times_as_text: bool = False) -> QuerySet:
    """`claims` as tuples of `COLUMNS` and the tag names, for `claim_rows`; with
    `times_as_text`, the times as the database writes them (`project.api.stored_time`): turned
    into `datetime`s and back into text, they took a third of a page of 500 claims."""
    columns = [
        Cast(name, TextField()) if times_as_text and name in _DATETIMES else name
        for name in COLUMNS
    ]
    return claims.annotate(tag_names=TagNames()).values_list(*columns, "tag_names")


#: The claims of one article, newest first, as `claim_values` tuples: the reading view's call,
#: compiled once (`project.prepared`).
ARTICLE_CLAIMS = PreparedRead(
    lambda article_id: claim_values(
        Claim.objects.filter(article_id=article_id).order_by("-created_at", "-id"),
        times_as_text=True,
    )
)


def claim_rows(claims: QuerySet[Claim] | Iterable[tuple]) -> list[dict]:
    """The answers for `claims`: a queryset not yet read, or its `claim_values` tuples (read
    in one query whatever their number)."""
    if isinstance(claims, QuerySet):
        claims = claim_values(claims)
    return _rows(claims, timezone.get_current_timezone())


def _rows(claims: Iterable[tuple], zone) -> list[dict]:
    # One function per row, its fields in `FIELDS` order (`tests/claims/
    # test_api_representations.py` compares them with the serializer's), times formatted by
    # `api_time` with what it needs decided once for the page.
    time = _time_format(zone)
    return [
        {
            "id": id_,
            "uuid": str(uuid),
            "article": article,
            "article_title": article_title,
            "start": start,
            "end": end,
            "quote": quote,
            "prefix": prefix,
            "suffix": suffix,
            "statement": statement,
            "source": source,
            "source_name": source_name,
            "credibility": credibility,
            "reliability": (reliability := graded_reliability(evaluated, reliability_now)),
            "grade": grade(reliability, credibility),
            "source_reliability_now": reliability_now,
            "tags": tags,
            "version": version,
            "status": status,
            "created_by": created_by,
            "created_at": time(created_at),
            "updated_at": time(updated_at),
            "reviewed_by": reviewed_by,
            "reviewed_at": None if reviewed_at is None else time(reviewed_at),
            "review_note": review_note,
            "evaluated_reliability": evaluated,
        }
        for (
            id_,
            uuid,
            article,
            article_title,
            start,
            end,
            quote,
            prefix,
            suffix,
            statement,
            source,
            source_name,
            credibility,
            reliability_now,
            version,
            status,
            created_by,
            created_at,
            updated_at,
            reviewed_by,
            reviewed_at,
            review_note,
            evaluated,
            tags,
        ) in claims
    ]


def _time_format(zone) -> Callable[[datetime.datetime | str], str]:
    """`api_time` for one zone, of a `datetime` or of a time as the database wrote it
    (`claim_values(..., times_as_text=True)`). In UTC (the default) a time already in UTC, as the
    database gives it, is written as it is, without a conversion to the same zone per value."""
    in_utc = str(zone) == "UTC"

    def write(value: datetime.datetime | str) -> str:
        if value.__class__ is str:
            return stored_time(value, zone)
        if in_utc:
            text = value.isoformat()
            if text.endswith("+00:00"):
                return text[:-6] + "Z"
        return api_time(value, zone)

    return write


def claim_row(claim: Claim) -> dict:
    """The answer for one claim whose article, source, people and tags are loaded (as the
    services return them): no query."""
    reviewer = claim.reviewed_by
    row = {
        "id": claim.pk,
        "uuid": claim.uuid,
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
