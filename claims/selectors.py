"""Reads of claims, sources and links that several callers share, with joins and counts."""

from collections.abc import Callable

import orjson
from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    Exists,
    Expression,
    F,
    Field,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Substr

from articles.models import Article
from claims.link_tallies import LinkTally
from claims.models import Claim, ClaimLink, ClaimStatus, LinkKind, LinkStatus, Tag
from claims.passages import CONTEXT_WINDOW
from claims.tallies import ClaimTally
from sources.models import Source


class TagNames(Subquery):
    """The claim's tag names, sorted, as one column of the claim's row (a list): PostgreSQL's
    `ARRAY(subquery)`, SQLite's `json_group_array` over the sorted subquery (read back by
    `_NameList`). One query for a page of claims and their tags, not two."""

    def __init__(self):
        names = Tag.objects.filter(claims=OuterRef("pk")).order_by("name").values("name")
        super().__init__(names, output_field=_NameList())

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="ARRAY(%(subquery)s)", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "(SELECT json_group_array(name) FROM (%(subquery)s))"
        return self.as_sql(compiler, connection, template=template, **extra_context)


class _NameList(Field):
    """A list of names as the database gives it: a list (PostgreSQL), JSON text (SQLite)."""

    def from_db_value(self, value, expression, connection):
        return orjson.loads(value) if isinstance(value, str) else value


def live_claim_count() -> Coalesce:
    """The number of live claims of the outer article (`OuterRef("pk")`), as a subquery:
    registered as every article list's `claim_count` (`articles.selectors.ARTICLE_COUNTS`)."""
    counts = (
        Claim.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


#: Counts that an app above claims adds to every claim list's rows, by attribute name (the
#: discussion's `comment_count`), registered in its `ready()`: each a function giving an
#: expression on the outer claim, read in the list's own query.
CLAIM_COUNTS: dict[str, Callable[[], Expression]] = {}


def claim_list() -> QuerySet[Claim]:
    """Live claims with everything a list row shows: article, source, people, tags, whether
    the claim takes part in a contradiction, and the `CLAIM_COUNTS`."""
    return (
        Claim.objects.select_related("article", "source", "created_by", "reviewed_by")
        .defer("article__text")
        .prefetch_related("tags")
        .annotate(
            in_contradiction=in_contradiction(),
            **{name: count() for name, count in CLAIM_COUNTS.items()},
        )
    )


def in_contradiction() -> Exists:
    """Whether the outer claim takes part in a contradiction: a contradiction link, not
    dismissed by a reviewer, to another live claim. The claim list's marker and its filter,
    the reading view and the source page all ask this; it agrees with the claim page's links
    and the dashboard's count, which leave out links to deleted claims.

    One EXISTS with the OR inside, probed per claim on both link indexes: the claims are read
    in the list's order and the first page stops early. `pk IN (a UNION b)`, or two EXISTS
    (planned as hashed subplans), read all the contradictions first."""
    return Exists(
        ClaimLink.objects.filter(kind=LinkKind.CONTRADICTS)
        .exclude(status=LinkStatus.DISMISSED)
        .filter(
            Q(claim_a=OuterRef("pk"), claim_b__deleted_at__isnull=True)
            | Q(claim_b=OuterRef("pk"), claim_a__deleted_at__isnull=True)
        )
    )


def claim_summaries(article: Article) -> QuerySet[Claim]:
    """The live claims of `article` in text order with only what a compact card in the reading
    view shows (quote, grade, source, status, contradiction, the reviewer's reason): no tags or
    links."""
    return (
        Claim.objects.filter(article=article)
        .select_related("source", "reviewed_by")
        .only(
            "id",
            "start",
            "end",
            "quote",
            "status",
            "credibility",
            "evaluated_reliability",
            "review_note",
            "source__name",
            "source__reliability",
            f"reviewed_by__{get_user_model().USERNAME_FIELD}",
        )
        .annotate(in_contradiction=in_contradiction())
        .order_by("start", "-end", "id")
    )


def claim_cards(article: Article) -> QuerySet[Claim]:
    """The live claims of `article` in text order with what a full card in the reading view
    shows: the claim, its source, its reviewer, its tag names (`tag_names`, sorted) and whether
    it takes part in a contradiction, in one query; nothing of the article or the author (the
    card has the article, and needs only the author's id)."""
    return (
        Claim.objects.filter(article=article)
        .select_related("source", "reviewed_by")
        .annotate(in_contradiction=in_contradiction(), tag_names=TagNames())
        .order_by("start", "-end", "id")
    )


#: The statuses in which a claim waits for its author: a draft to finish, a rejection to rework.
NEEDS_AUTHOR = (ClaimStatus.DRAFT, ClaimStatus.REJECTED)


def claims_by(user) -> QuerySet[Claim]:
    """The live claims `user` recorded, as a list row shows them, newest change first."""
    return claim_list().filter(created_by=user).order_by("-updated_at", "-pk")


def claim_status_counts(user, claims: QuerySet[Claim] | None = None) -> dict[str, int]:
    """How many live claims `user` recorded in each status (every status, 0 where none), among
    `claims` when given (the person's claims as the page's other filters narrow them): one
    grouped query on the (created_by, status) index."""
    counts = dict.fromkeys(ClaimStatus.values, 0)
    rows = (
        (Claim.objects.all() if claims is None else claims)
        .filter(created_by=user)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    counts.update(dict(rows))
    return counts


#: The navigation shows a person's waiting claims up to this many, then "99+"
#: (`claims.context_processors.my_claims`).
WAITING_SHOWN = 99


def claims_needing_author(user, limit: int | None = None) -> int:
    """How many of `user`'s live claims wait for them (drafts and rejected claims), counted no
    further than `limit` when given: the navigation, on every page, needs "99+", not the
    20,000 drafts of a prolific author (35 ms at a million claims; 1 ms counted to 100)."""
    waiting = Claim.objects.filter(created_by=user, status__in=NEEDS_AUTHOR).order_by()
    return (waiting[:limit] if limit is not None else waiting).count()


def claim_detail() -> QuerySet[Claim]:
    return Claim.objects.select_related(
        "article", "source", "created_by", "reviewed_by"
    ).prefetch_related("tags")


def _with_both_ends(links: QuerySet[ClaimLink]) -> QuerySet[ClaimLink]:
    """`links` with both claims' article (no text) and source, and who proposed and decided."""
    return links.select_related(
        "claim_a__article",
        "claim_a__source",
        "claim_b__article",
        "claim_b__source",
        "created_by",
        "decided_by",
    ).defer("claim_a__article__text", "claim_b__article__text")


def link_list() -> QuerySet[ClaimLink]:
    """Links between live claims, both ends joined with their article and source."""
    return _with_both_ends(
        ClaimLink.objects.filter(claim_a__deleted_at__isnull=True, claim_b__deleted_at__isnull=True)
    )


def link_with_both_ends() -> QuerySet[ClaimLink]:
    """Every link, whatever became of its claims (a decision on one whose claim was deleted
    is refused with the reason, not a 404), both ends joined."""
    return _with_both_ends(ClaimLink.objects.all())


def _touching(claim_ids) -> QuerySet[ClaimLink]:
    """The links with one end among `claim_ids`, read from claimlink alone (a BitmapOr of its
    two claim columns' indexes: no statistics make a plan start elsewhere)."""
    return ClaimLink.objects.filter(Q(claim_a_id__in=claim_ids) | Q(claim_b_id__in=claim_ids))


def links_for_claims(claim_ids) -> QuerySet[ClaimLink]:
    """Links between live claims touching any of these claims, both ends joined (`link_list`).
    Their ids are read here, from claimlink alone (`_touching`), and the queryset reads them by
    id: asked in one query that joined every end, PostgreSQL planned on stale statistics to
    read every live claim (68 ms at 40,000 claims, against 1.4 ms by id)."""
    return link_list().filter(pk__in=list(_touching(claim_ids).values_list("pk", flat=True)))


def card_links(claim_ids) -> dict[int, list[tuple[ClaimLink, Claim]]]:
    """The links between live claims touching any of `claim_ids`, newest first, as
    `(link, other claim)` by claim id, with what a reading card shows of the other claim (its
    quote, article title and source name). Two queries that each start from an index of what
    they are given, whatever the tables' statistics: the links from their two claim columns
    (the liveness of their claims by the anti-join on the few deleted ones), then the other
    claims by id. One query joining both claims and their people (`links_for_claims`, as
    it was) planned on stale statistics to read every live claim (68 ms at 40,000 claims,
    against 0.1 ms each for these two), and with fresh ones its ten tables took 4.5 ms to plan
    against 0.3 ms each."""
    claim_ids = set(claim_ids)
    links = list(
        between_live_claims(_touching(claim_ids)).only(
            "id", "kind", "status", "claim_a_id", "claim_b_id"
        )
    )
    ends = {end for link in links for end in (link.claim_a_id, link.claim_b_id)}
    others = (
        Claim.objects.filter(pk__in=ends)
        .select_related("article", "source")
        .only("id", "article_id", "quote", "source_id", "article__title", "source__name")
        .in_bulk()
        if links
        else {}
    )
    found: dict[int, list[tuple[ClaimLink, Claim]]] = {claim_id: [] for claim_id in claim_ids}
    for link in links:
        for end, other in ((link.claim_a_id, link.claim_b_id), (link.claim_b_id, link.claim_a_id)):
            if end in claim_ids and other in others:  # not deleted since the first query
                found[end].append((link, others[other]))
    return found


def _tallied(model, **match) -> Coalesce:
    """The sum of `model`'s tally rows of the outer source (matching `match`), 0 if none."""
    rows = model.objects.filter(source_id=OuterRef("pk"), **match).order_by()
    total = rows.values("source_id").annotate(total=Sum("n")).values("total")
    return Coalesce(Subquery(total), Value(0), output_field=IntegerField())


def source_list() -> QuerySet[Source]:
    """Sources with their live claims counted by status (`<status>_count`) and in all
    (`claim_count`).

    Every count is read from the tallies the database keeps (ADR 0012) in a subquery per
    source: a few rows each, whatever the source's size, so a page of sources, or all of
    them, never reads the claims (counting them took 3.8 s for the API's page of sources at
    a million claims)."""
    by_status = {
        f"{status}_count": _tallied(ClaimTally, status=status) for status in ClaimStatus.values
    }
    return Source.objects.annotate(**by_status).annotate(
        claim_count=sum((F(name) for name in by_status), start=Value(0))
    )


# --- Review queue, contradiction board and source registry ---------------------------------------


def with_context_windows(
    queryset: QuerySet, *, path: str = "", prefix: str = "context"
) -> QuerySet:
    """Annotate `<prefix>_before` and `<prefix>_after`: the article text each side of the claim
    at `path` (`""` for the rows' own claim, `"claim_a__"` for a link's first claim), cut in the
    database so a page of quotes never loads whole articles. `claims.passages` trims them to
    sentences."""
    start, end = F(f"{path}start"), F(f"{path}end")
    text = f"{path}article__text"
    window_start = Greatest(start - CONTEXT_WINDOW, Value(0), output_field=IntegerField())
    return queryset.annotate(
        **{
            f"{prefix}_before": Substr(text, window_start + 1, start - window_start),
            # One code point more than is shown: its presence says the text goes on.
            f"{prefix}_after": Substr(text, end + 1, Value(CONTEXT_WINDOW + 1)),
        }
    )


def claims_with_live_links(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """Prefetch the live links on both sides into `live_links_as_a` / `live_links_as_b`
    (two queries for any number of rows)."""
    return queryset.prefetch_related(
        Prefetch("links_as_a", queryset=link_list(), to_attr="live_links_as_a"),
        Prefetch("links_as_b", queryset=link_list(), to_attr="live_links_as_b"),
    )


def review_queue() -> QuerySet[Claim]:
    """Submitted claims, oldest first, with their context windows and live links."""
    return claims_with_live_links(
        with_context_windows(
            claim_list().filter(status=ClaimStatus.SUBMITTED).order_by("created_at", "id")
        )
    )


def between_live_claims(links: QuerySet[ClaimLink]) -> QuerySet[ClaimLink]:
    """Keep the links whose two claims are live by an anti-join on the few deleted claims (a
    small partial index) instead of joining every claim to read its state. NOT EXISTS rather
    than NOT IN: PostgreSQL then knows how many links remain and plans the rest to fit."""
    deleted = Claim.all_objects.filter(deleted_at__isnull=False)
    return links.filter(
        ~Exists(deleted.filter(pk=OuterRef("claim_a_id"))),
        ~Exists(deleted.filter(pk=OuterRef("claim_b_id"))),
    )


def contradictions() -> QuerySet[ClaimLink]:
    """Every "contradicts" link between live claims, newest first, nothing joined: the base of
    the board, its matrix and the counts of contradictions."""
    return between_live_claims(ClaimLink.objects.filter(kind=LinkKind.CONTRADICTS))


def contradiction_board(links: QuerySet[ClaimLink] | None = None) -> QuerySet[ClaimLink]:
    """`links` (by default every contradiction between live claims) as the board shows them:
    both claims with article, source and tags, and their context windows (`a_before`/`a_after`,
    `b_before`/`b_after`)."""
    links = contradictions() if links is None else links
    links = _with_both_ends(links).prefetch_related("claim_a__tags", "claim_b__tags")
    links = with_context_windows(links, path="claim_a__", prefix="a")
    return with_context_windows(links, path="claim_b__", prefix="b")


def source_registry() -> QuerySet[Source]:
    """Sources with the counts of `source_list()` (`claim_count`, `<status>_count`) plus
    `contradiction_count`: contradicting links between live claims that involve a claim of the
    source (a link within one source counts once). Read from the tallies like the others, so
    a page of 50 sources, or all of them sorted by a count, never reads the claims or links."""
    # Only contradictions count under a source (`claims.link_tallies`): no kind to test, so
    # the lookup takes the index on the source.
    return source_list().annotate(contradiction_count=_tallied(LinkTally))
