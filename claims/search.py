"""A page of claims found by a text search, newest first, without reading every match.

The search is a substring test of the quote and the statement (`ClaimFilter.filter_text`),
served by trigram indexes. A trigram index can only hand over every match at once: at a
million claims a name in one quote of six ("Halvern") makes PostgreSQL read and sort 167,000
claims to show the newest 50 (0.2–2 s), and its estimate (200 matches) is too poor for it to
choose otherwise. Walking the claims newest first and testing each finds 50 such matches after
a few thousand claims. So a page is read in two steps (ADR 0014):

1. from `WALK_FROM` claims on, the newest `WALK_BUDGET` live claims, tested one by one, in
   order: enough when the matches are not rare (bounded work, whatever the number of claims);
2. else the indexes, as before: the matches are few, so sorting them is cheap.

Both give the same rows in the same order (`tests/claims/test_search_pages.py`).
"""

from django.db import connection
from django.db.models import QuerySet

from claims import statistics
from claims.models import Claim

#: How many of the newest claims a page tests before it asks the indexes instead (at about
#: 3 µs a claim on PostgreSQL: 15 ms at most).
WALK_BUDGET = 5_000
#: Below this many live claims every match is sorted at once: cheaper than a walk that may
#: find too few (10,000 claims: 1–7 ms sorted, up to 18 ms walked in vain).
WALK_FROM = 100_000


def newest_ids(matching: QuerySet[Claim], *, offset: int, limit: int) -> list[int]:
    """The ids of `matching`'s claims from `offset`, at most `limit`, newest first, as
    `matching.order_by("-created_at", "-pk")` gives them."""
    # DISTINCT (a tag filter) cannot be ordered by a column it does not select: indexes.
    if not matching.query.distinct and statistics.tallied_claim_count({}) >= WALK_FROM:
        walked = _walk(matching, offset=offset, limit=limit)
        if len(walked) == limit:
            return walked
    newest = matching.order_by("-created_at", "-pk").values_list("pk", flat=True)
    return list(newest[offset : offset + limit])


def _walk(matching: QuerySet[Claim], *, offset: int, limit: int) -> list[int]:
    """`matching` tested on the newest `WALK_BUDGET` live claims only: its query with the
    claims table replaced by those claims, read off the (created_at, id) index backwards."""
    sql, params = matching.order_by().values("pk").query.sql_with_params()
    table = connection.ops.quote_name(Claim._meta.db_table)
    created, pk = (connection.ops.quote_name(name) for name in ("created_at", "id"))
    window = (
        f"(SELECT * FROM {table} WHERE {connection.ops.quote_name('deleted_at')} IS NULL "
        f"ORDER BY {created} DESC, {pk} DESC LIMIT %s) {table}"
    )
    head, found, tail = sql.partition(f" FROM {table}")
    if not found:
        raise ValueError("the claim query does not read the claims table")
    walk = (
        f"{head} FROM {window}{tail} "
        f"ORDER BY {table}.{created} DESC, {table}.{pk} DESC LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(walk, (WALK_BUDGET, *params, limit, offset))
        return [row[0] for row in cursor.fetchall()]
