"""Reads for exports: which claims a filter selects, and those claims (with their articles,
sources, tags and links) in chunks, so an export of any size holds one chunk in memory.

Each section is one query read through a cursor a chunk at a time (`QuerySet.iterator`; a
server-side cursor on PostgreSQL), in id order, so the database plans and sorts it once. For a
chunk of claims, a fixed number of further queries fetch their tags and links; they select by the
chunk's id range, never by long lists of ids or by re-running the filter as a subquery, which
would make each chunk cost more as the export grows. Rows are plain dicts keyed by the lookups of
the field table (`exports.records`), not model instances.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict

from articles.models import Article
from claims.filters import ClaimFilter
from claims.models import Claim, ClaimLink, ClaimStatus, LinkStatus
from claims.selectors import claim_list
from exports import record_reads
from exports.models import ExportRecord
from exports.records import (
    ARTICLE,
    CLAIM,
    LINK,
    LINK_STATUSES,
    LINKED_CLAIMS,
    SOURCE,
    RecordKind,
)
from project import roles
from sources.models import Source

#: Claims read per query. A chunk of claims with their joined columns takes a few MB at most.
CLAIM_CHUNK_SIZE = 2000
#: Articles carry their whole text, so fewer are read at a time.
ARTICLE_CHUNK_SIZE = 100
LINK_CHUNK_SIZE = 5000

DEFAULT_STATUS = ClaimStatus.APPROVED
#: `status=all` exports every status (as `status=`, empty, does).
ALL_STATUSES = "all"


def export_filter(params: QueryDict) -> ClaimFilter:
    """The claim list's filter over `params`, for an export.

    Without a `status` parameter the export holds approved claims only; `status=all` (or
    `status=`, empty, as on the claim list) asks for every status. Check `is_valid()` before
    using `.qs`: an invalid filter must be refused, not silently dropped (that would export
    more than was asked for).
    """
    data = params.copy()
    data.setdefault("status", DEFAULT_STATUS)
    if data.get("status") == ALL_STATUSES:
        data["status"] = ""
    return ClaimFilter(data=data, queryset=claim_list())


def applied_filters(claim_filter: ClaimFilter) -> dict[str, str]:
    """The filters that narrowed the claims, by name, as given (ids for articles, sources and
    people): what the export record and the file say was asked for."""
    return {
        name: claim_filter.data[name]
        for name in claim_filter.filters
        if claim_filter.data.get(name, "") != ""
    }


def _chunks(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _read(queryset: QuerySet, fields: tuple[str, ...], size: int) -> Iterator[list[dict]]:
    """`queryset` in id order as dicts of `fields`, `size` rows at a time, through a cursor."""
    rows = queryset.order_by("pk").values_list(*fields).iterator(chunk_size=size)
    # `values()` builds the same dicts with a comprehension per row; zip is a C loop.
    return _chunks((dict(zip(fields, row, strict=True)) for row in rows), size)


def _members(claims: QuerySet[Claim], ids: set[int]) -> set[int]:
    """Which of `ids` (a bounded number) are claims of the set."""
    if not ids:
        return set()
    return set(claims.filter(pk__in=ids).values_list("pk", flat=True).order_by())


def _links_of_chunk(claims: QuerySet[Claim], chunk_ids: set[int], first: int, last: int) -> dict:
    """For the claims of a chunk, the claims of the set each is linked to, by kind, as
    `(claim id, link status)` in id order (dismissed links left out)."""
    linked = {kind: defaultdict(list) for kind in LINKED_CLAIMS}
    touching = list(
        ClaimLink.objects.filter(
            Q(claim_a_id__gte=first, claim_a_id__lte=last)
            | Q(claim_b_id__gte=first, claim_b_id__lte=last)
        )
        .exclude(status=LinkStatus.DISMISSED)
        .order_by()
        .values_list("kind", "claim_a_id", "claim_b_id", "status")
    )
    # Ends inside the id range are members exactly when they are in the chunk; the others are
    # looked up in one query.
    outside = {end for _, a, b, _ in touching for end in (a, b) if not first <= end <= last}
    members = chunk_ids | _members(claims, outside)
    for kind, claim_a_id, claim_b_id, status in touching:
        if claim_a_id in members and claim_b_id in members:
            linked[kind][claim_a_id].append((claim_b_id, status))
            linked[kind][claim_b_id].append((claim_a_id, status))
    for links_by_claim in linked.values():
        for links in links_by_claim.values():
            links.sort()
    return linked


def claim_batches(
    claims: QuerySet[Claim], *, with_link_ids: bool, size: int = CLAIM_CHUNK_SIZE
) -> Iterator[list[dict]]:
    """`claims` in id order, a chunk at a time, as dicts of the claim record's lookups
    (`exports.records.CLAIM`) plus `tags` (names) and, if `with_link_ids`, one list per link
    kind (`contradicts`, `corroborates`): the ids of the claims of the same set it is linked to
    (dismissed links left out), and beside each list the statuses of those links, in the same
    order (`LINK_STATUSES`: `contradicts_status`, `corroborates_status`).
    """
    for rows in _read(claims, CLAIM.lookups, size):
        # Every claim of the set with an id from the chunk's first to its last is in the chunk.
        first, last = rows[0]["id"], rows[-1]["id"]
        chunk_ids = {row["id"] for row in rows}
        tags = defaultdict(list)
        in_range = Claim.tags.through.objects.filter(claim_id__gte=first, claim_id__lte=last)
        for claim_id, name in in_range.order_by().values_list("claim_id", "tag__name"):
            tags[claim_id].append(name)
        if with_link_ids:
            linked = _links_of_chunk(claims, chunk_ids, first, last)
        for row in rows:
            row["tags"] = sorted(tags[row["id"]]) if row["id"] in tags else []
            if with_link_ids:
                for kind in LINKED_CLAIMS:
                    links = linked[kind].get(row["id"], [])
                    row[kind] = [claim_id for claim_id, _ in links]
                    row[LINK_STATUSES[kind]] = [status for _, status in links]
        yield rows


def set_articles(claims: QuerySet[Claim]) -> QuerySet[Article]:
    """The articles `claims` point into."""
    return Article.objects.filter(pk__in=claims.values("article_id"))


def set_sources(claims: QuerySet[Claim]) -> QuerySet[Source]:
    """The sources `claims` are attributed to, and the outlets of their articles."""
    outlets = set_articles(claims).values("outlet_id")
    return Source.objects.filter(Q(pk__in=claims.values("source_id")) | Q(pk__in=outlets))


def set_links(claims: QuerySet[Claim], *, with_dismissed: bool = True) -> QuerySet[ClaimLink]:
    """The links between two claims of `claims` (a link to a claim outside the set is left out:
    it could not be restored from the file)."""
    # EXISTS rather than IN: SQLite would otherwise probe the link index once for every pair
    # of claims in the set.
    links = ClaimLink.objects.filter(
        Exists(claims.filter(pk=OuterRef("claim_a_id"))),
        Exists(claims.filter(pk=OuterRef("claim_b_id"))),
    )
    if not with_dismissed:
        links = links.exclude(status=LinkStatus.DISMISSED)
    return links


def article_batches(claims: QuerySet[Claim]) -> Iterator[list[dict]]:
    """The articles `claims` point into, with their text, in id order."""
    return _read(set_articles(claims), ARTICLE.lookups, ARTICLE_CHUNK_SIZE)


def source_batches(claims: QuerySet[Claim]) -> Iterator[list[dict]]:
    """The sources `claims` are attributed to, and the outlets of their articles."""
    return _read(set_sources(claims), SOURCE.lookups, CLAIM_CHUNK_SIZE)


def link_batches(claims: QuerySet[Claim], *, with_dismissed: bool = True) -> Iterator[list[dict]]:
    """The links between two claims of `claims`, as `set_links`."""
    return _read(set_links(claims, with_dismissed=with_dismissed), LINK.lookups, LINK_CHUNK_SIZE)


class ClaimSetQuery:
    """The chunked reads of one claim set, as the format writers ask for them
    (`exports.formats.ClaimSetRows`)."""

    def __init__(self, claims: QuerySet[Claim]):
        self.claim_queryset = claims

    def claims(self, *, with_link_ids: bool) -> Iterator[list[dict]]:
        return claim_batches(self.claim_queryset, with_link_ids=with_link_ids)

    def articles(self) -> Iterator[list[dict]]:
        return article_batches(self.claim_queryset)

    def sources(self) -> Iterator[list[dict]]:
        return source_batches(self.claim_queryset)

    def links(self, *, with_dismissed: bool) -> Iterator[list[dict]]:
        return link_batches(self.claim_queryset, with_dismissed=with_dismissed)

    def records(self, kind: RecordKind) -> Iterator[list[dict]]:
        """The JSON claim set's records of `kind` (every link, dismissed ones too), built
        straight from the cursor's tuples (`exports.record_reads`)."""
        claims = self.claim_queryset
        querysets = {
            ARTICLE.name: (set_articles(claims), ARTICLE_CHUNK_SIZE),
            SOURCE.name: (set_sources(claims), CLAIM_CHUNK_SIZE),
            CLAIM.name: (claims, CLAIM_CHUNK_SIZE),
            LINK.name: (set_links(claims), LINK_CHUNK_SIZE),
        }
        queryset, size = querysets[kind.name]
        return record_reads.records(queryset, kind, size)


def export_record_list(*, user: AbstractBaseUser) -> QuerySet[ExportRecord]:
    """Past exports `user` may see: staff see every export, everyone else their own."""
    records = ExportRecord.objects.select_related("exported_by").order_by("-exported_at")
    if roles.is_staff(user):
        return records
    return records.filter(exported_by=user)
