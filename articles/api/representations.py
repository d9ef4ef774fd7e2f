"""An article as the API's detail answers it, built as a plain dict (issue 17).

`ArticleDetailSerializer` documents the shape and stays the reference (the OpenAPI schema is
generated from it); `article_detail_row` gives the same dict from one compiled read
(`project.prepared`) without building the serializer's fields on every request.
`tests/articles/test_api_representations.py` keeps the two in step.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles import selectors
from articles.api.serializers import ArticleDetailSerializer
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

_ARTICLE = PreparedRead(
    lambda article_id: selectors.article_detail().filter(pk=article_id).values_list(*_COLUMNS)
)


def article_detail_row(article_id: int) -> dict | None:
    """The answer for the article `article_id`, or None when there is none (one query)."""
    rows = _ARTICLE.rows(article_id, offset=0, limit=1)
    if not rows:
        return None
    row = dict(zip(FIELDS, rows[0], strict=True))
    if row["published_on"] is not None:
        row["published_on"] = row["published_on"].isoformat()
    row["created_at"] = api_time(row["created_at"], timezone.get_current_timezone())
    return row
