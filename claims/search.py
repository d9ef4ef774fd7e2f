"""A page of claims found by a text search, newest first, without reading every match.

The search is a substring test of the quote and the statement (`ClaimFilter.filter_text`),
served by trigram indexes. A trigram index can only hand over every match at once: at a
million claims a name in one quote of six ("Halvern") makes PostgreSQL read and sort 167,000
claims to show the newest 50 (0.2–2 s), and its estimate (200 matches) is too poor for it to
choose otherwise. Walking the claims newest first and testing each finds 50 such matches after
a few thousand claims. So a page is read in two steps (ADR 0014):

1. from `WALK_FROM` claims on, the newest `WALK_BUDGET` live claims, tested one by one, in
   order: enough for a first page when the matches are not rare; for a later page, a second
   walk as far as the first one's density says, up to `WALK_LIMIT` (bounded work, whatever the
   number of claims);
2. else the indexes, as before: the matches are few, so sorting them is cheap.

Both give the same rows in the same order (`tests/claims/test_search_pages.py`).
"""

import math

from django.db import connection
from django.db.models import QuerySet

from claims import statistics
from claims.models import Claim

#: How many of the newest claims a page tests first (at about 3 µs a claim on PostgreSQL:
#: 15 ms at most).
WALK_BUDGET = 5_000
#: How far a second walk may go, when the first found matches but too few for the page (a
#: later page): as far as the matches' density says the page lies, up to this.
WALK_LIMIT = 30_000
#: Below this many live claims every match is sorted at once: cheaper than a walk that may
#: find too few (10,000 claims: 1–7 ms sorted, up to 18 ms walked in vain).
WALK_FROM = 100_000


def newest_ids(matching: QuerySet[Claim], *, offset: int, limit: int) -> list[int]:
    """The ids of `matching`'s claims from `offset`, at most `limit`, newest first, as
    `matching.order_by("-created_at", "-pk")` gives them."""
    wanted = offset + limit
    # DISTINCT (a tag filter) cannot be ordered by a column it does not select: indexes.
    if not matching.query.distinct and statistics.tallied_claim_count({}) >= WALK_FROM:
        found = _walk(matching, budget=WALK_BUDGET, limit=wanted)
        if found and len(found) < wanted:
            # As many claims again as the density of the first walk says the page needs.
            budget = math.ceil(WALK_BUDGET * wanted / len(found) * 1.25)
            if budget <= WALK_LIMIT:
                found = _walk(matching, budget=budget, limit=wanted)
        if len(found) == wanted:
            return found[offset:]
    newest = matching.order_by("-created_at", "-pk").values_list("pk", flat=True)
    return list(newest[offset:wanted])


def _walk(matching: QuerySet[Claim], *, budget: int, limit: int) -> list[int]:
    """The first `limit` ids of `matching` among the newest `budget` live claims, newest
    first: its query with the claims table replaced by those claims, read off the
    (created_at, id) index backwards."""
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
    walk = f"{head} FROM {window}{tail} ORDER BY {table}.{created} DESC, {table}.{pk} DESC LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(walk, (budget, *params, limit))
        return [row[0] for row in cursor.fetchall()]
