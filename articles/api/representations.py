"""An article as the API's detail and its plain list answer it, built as plain dicts (issue 17).

`ArticleDetailSerializer` and `ArticleSerializer` document the shapes and stay the reference (the
OpenAPI schema is generated from them); `article_detail_row` and `article_rows` give the same
dicts from compiled reads (`project.prepared`) without building the serializers' fields on every
request. `tests/articles/test_api_representations.py` keeps them in step.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles import selectors
from articles.api.serializers import ArticleDetailSerializer, ArticleSerializer
from project.api import api_time
from project.prepared import PreparedRead

_USERNAME = get_user_model().USERNAME_FIELD
#: Columns read, as `values_list()` names them, in the order of the answer's fields.
_COLUMNS = (
    "id",
    "title",
    "outlet_id",
    "outlet__name",
    "author",
    "url",
    "published_on",
    "language",
    "original_filename",
    "content_sha256",
    f"uploaded_by__{_USERNAME}",
    "created_at",
    "claim_count",
    "text",
)
FIELDS = tuple(ArticleDetailSerializer.Meta.fields)

LIST_FIELDS = tuple(ArticleSerializer.Meta.fields)

_ARTICLE = PreparedRead(
    lambda article_id: selectors.article_detail().filter(pk=article_id).values_list(*_COLUMNS)
)
#: Every article, newest first, as listed (no text): the plain list's page, compiled once;
#: planned for each window, as one plan for every window would not know how few rows it reads.
ARTICLE_PAGE = PreparedRead(
    lambda: selectors.article_list().values_list(*_COLUMNS[: len(LIST_FIELDS)]),
    plan_once=False,
)


def article_detail_row(article_id: int) -> dict | None:
    """The answer for the article `article_id`, or None when there is none (one query)."""
    rows = _ARTICLE.rows(article_id, offset=0, limit=1)
    return _row(FIELDS, rows[0], timezone.get_current_timezone()) if rows else None


def new_article_row(article) -> dict:
    """The detail answer for an article `articles.services` has just stored (its outlet and
    uploader loaded), from the object itself: a new article has no claims, and reading it back
    sent its whole text from the database once more."""
    known = {
        "id": article.pk,
        "title": article.title,
        "outlet_id": article.outlet_id,
        "outlet__name": article.outlet.name if article.outlet_id is not None else None,
        "author": article.author,
        "url": article.url,
        "published_on": article.published_on,
        "language": article.language,
        "original_filename": article.original_filename,
        "content_sha256": article.content_sha256,
        f"uploaded_by__{_USERNAME}": article.uploaded_by.get_username(),
        "created_at": article.created_at,
        "claim_count": 0,
        "text": article.text,
    }
    values = [known[column] for column in _COLUMNS]
    return _row(FIELDS, values, timezone.get_current_timezone())


def article_rows(rows) -> list[dict]:
    """The answers for listed articles, from `ARTICLE_PAGE` rows."""
    zone = timezone.get_current_timezone()
    return [_row(LIST_FIELDS, values, zone) for values in rows]


def _row(fields: tuple[str, ...], values, zone) -> dict:
    row = dict(zip(fields, values, strict=True))
    if row["published_on"] is not None:
        row["published_on"] = row["published_on"].isoformat()
    row["created_at"] = api_time(row["created_at"], zone)
    return row
