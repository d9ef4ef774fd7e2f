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
from uuid import UUID

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict

from articles.models import Article
from claims.filters import EVERY_STATUS, ClaimFilter
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
    LINKED_UUIDS,
    SOURCE,
    RecordKind,
    uuid_text,
)
from project import roles
from sources.models import Source

#: Claims read per query. A chunk of claims with their joined columns takes a few MB at most.
CLAIM_CHUNK_SIZE = 2000
#: Articles carry their whole text, so fewer are read at a time.
ARTICLE_CHUNK_SIZE = 100
LINK_CHUNK_SIZE = 5000

DEFAULT_STATUS = ClaimStatus.APPROVED
#: `status=all` exports every status (as `status=`, empty, does; the claim list takes it too).
ALL_STATUSES = EVERY_STATUS


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


def _members(claims: QuerySet[Claim], ids: set[int]) -> dict[int, UUID]:
    """Which of `ids` (a bounded number) are claims of the set, with their uuids."""
    if not ids:
        return {}
    return dict(claims.filter(pk__in=ids).values_list("pk", "uuid").order_by())


def _links_of_chunk(claims: QuerySet[Claim], chunk: dict[int, UUID], first: int, last: int) -> dict:
    """For the claims of a chunk (their uuids by id), the claims of the set each is linked to,
    by kind, as `(claim id, link status, claim uuid)` in id order (dismissed links left
    out)."""
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
    members = chunk | _members(claims, outside)
    for kind, claim_a_id, claim_b_id, status in touching:
        if claim_a_id in members and claim_b_id in members:
            linked[kind][claim_a_id].append((claim_b_id, status, members[claim_b_id]))
            linked[kind][claim_b_id].append((claim_a_id, status, members[claim_a_id]))
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
    (dismissed links left out), and beside each list the statuses of those links and the uuids
    of those claims, in the same order (`LINK_STATUSES`: `contradicts_status`, ...;
    `LINKED_UUIDS`: `contradicts_uuids`, ...).
    """
    for rows in _read(claims, CLAIM.lookups, size):
        # Every claim of the set with an id from the chunk's first to its last is in the chunk.
        first, last = rows[0]["id"], rows[-1]["id"]
        tags = record_reads.tags_in_range(first, last)
        if with_link_ids:
            chunk = {row["id"]: row["uuid"] for row in rows}
            linked = _links_of_chunk(claims, chunk, first, last)
        for row in rows:
            row["tags"] = tags.get(row["id"], [])
            if with_link_ids:
                for kind in LINKED_CLAIMS:
                    links = linked[kind].get(row["id"], [])
                    row[kind] = [claim_id for claim_id, _, _ in links]
                    row[LINK_STATUSES[kind]] = [status for _, status, _ in links]
                    row[LINKED_UUIDS[kind]] = [uuid_text(uuid) for _, _, uuid in links]
        yield rows


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


def link_batches(claims: QuerySet[Claim], *, with_dismissed: bool = True) -> Iterator[list[dict]]:
    """The links between two claims of `claims`, as `set_links`."""
    return _read(set_links(claims, with_dismissed=with_dismissed), LINK.lookups, LINK_CHUNK_SIZE)


class ClaimSetQuery:
    """The chunked reads of one claim set, as the format writers ask for them
    (`exports.formats.ClaimSetRows`)."""

    def __init__(self, claims: QuerySet[Claim]):
        self.claim_queryset = claims
        self._outlets: set[int] | None = None

    def claims(self, *, with_link_ids: bool) -> Iterator[list[dict]]:
        return claim_batches(self.claim_queryset, with_link_ids=with_link_ids)

    def links(self, *, with_dismissed: bool) -> Iterator[list[dict]]:
        return link_batches(self.claim_queryset, with_dismissed=with_dismissed)

    def records(self, kind: RecordKind) -> Iterator[list[dict]]:
        """The JSON claim set's records of `kind`, in id order, built straight from the
        cursor's tuples (`exports.record_reads`): the articles the claims point into, the
        sources they are attributed to and the outlets of those articles, the claims, and the
        links between two claims of the set (dismissed ones too).

        Articles and sources are read by their ids, found in the claims alone, a chunk of ids
        at a time: every read is then a lookup by key, whatever PostgreSQL believes of the
        tables' sizes. (Asked as "the articles whose id is among the claims'", right after
        the tables were filled, it compared every article with every claim: 100-360 ms of a
        2,000-claim export.)"""
        if kind.name == ARTICLE.name:
            return self._articles()
        if kind.name == SOURCE.name:
            return self._sources()
        if kind.name == CLAIM.name:
            return record_reads.records(self.claim_queryset, kind, CLAIM_CHUNK_SIZE)
        return record_reads.records(set_links(self.claim_queryset), kind, LINK_CHUNK_SIZE)

    def _ids(self, column: str) -> Iterator[int]:
        distinct = self.claim_queryset.distinct()
        for rows in record_reads.tuples(distinct, (column,), CLAIM_CHUNK_SIZE, order=column):
            for (key,) in rows:
                yield key

    def _articles(self) -> Iterator[list[dict]]:
        self._outlets = set()
        for ids in _chunks(self._ids("article_id"), ARTICLE_CHUNK_SIZE):
            articles = Article.objects.filter(pk__in=ids)
            for batch in record_reads.records(articles, ARTICLE, len(ids), by_keys=True):
                self._outlets.update(record["outlet"] for record in batch)
                yield batch

    def _sources(self) -> Iterator[list[dict]]:
        if self._outlets is None:  # the articles were not read first
            self._outlets = {
                outlet
                for ids in _chunks(self._ids("article_id"), CLAIM_CHUNK_SIZE)
                for outlet in Article.objects.filter(pk__in=ids).values_list("outlet_id", flat=True)
            }
        ids = sorted({*self._ids("source_id"), *self._outlets} - {None})
        for chunk in _chunks(ids, CLAIM_CHUNK_SIZE):
            sources = Source.objects.filter(pk__in=chunk)
            yield from record_reads.records(sources, SOURCE, len(chunk), by_keys=True)


def export_record_list(*, user: AbstractBaseUser) -> QuerySet[ExportRecord]:
    """Past exports `user` may see: staff see every export, everyone else their own."""
    records = ExportRecord.objects.select_related("exported_by").order_by("-exported_at")
    if roles.is_staff(user):
        return records
    return records.filter(exported_by=user)
