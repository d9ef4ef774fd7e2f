"""Reading the discussion: a claim's thread, and the team's latest comments."""

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from discussion.models import Addressee, Comment

#: The navigation counts a reader's new comments up to this, then says "99+".
NEW_SHOWN = 99


def _with_people(comments: QuerySet[Comment]) -> QuerySet[Comment]:
    people = get_user_model().objects.only("id", "username")
    return comments.select_related("author", "withdrawn_by").prefetch_related(
        Prefetch("mentions", queryset=people)
    )


def claim_thread(claim_id: int) -> QuerySet[Comment]:
    """A claim's comments, oldest first, withdrawn ones in their place."""
    return _with_people(Comment.objects.filter(claim_id=claim_id)).order_by("id")


def live_comment_count() -> Coalesce:
    """How many comments of the outer claim are not withdrawn: what every claim list's row
    says of its discussion (registered as `claims.selectors.CLAIM_COUNTS["comment_count"]`).
    One subquery in the list's own query, on the comments' claim index."""
    counts = (
        Comment.objects.filter(claim=OuterRef("pk"), withdrawn_at__isnull=True)
        .order_by()
        .values("claim")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def comment_list() -> QuerySet[Comment]:
    """Every comment on a claim that is not deleted, with its claim (and the claim's article and
    source, for a line of context), newest first."""
    comments = Comment.objects.filter(claim__deleted_at__isnull=True)
    # Newest first is the order of posting: by id, which the primary key and a reader's
    # addressee index (`addressed_to`) walk without sorting.
    return _with_people(comments.select_related("claim__article", "claim__source")).order_by("-id")


def addressed_to(comments: QuerySet[Comment], user) -> QuerySet[Comment]:
    """The comments for `user` (`Addressee`): those that mention them, and those of others on
    their claims."""
    return comments.filter(addressees__user=user)


def new_to(user) -> QuerySet[Addressee]:
    """The comments for `user` that they have not seen, as `Addressee` rows: withdrawn comments
    and those on deleted claims left out, as the lists leave them out."""
    return Addressee.objects.filter(
        user=user,
        read_at__isnull=True,
        comment__withdrawn_at__isnull=True,
        comment__claim__deleted_at__isnull=True,
    )


def new_count(user, *, limit: int) -> int:
    """How many comments are new to `user`, counted no further than `limit`."""
    return new_to(user)[:limit].count()


def _new_to(user) -> Q:
    """Whether a comment is new to `user`: it is for them, they have not seen it, and it is not
    withdrawn (a withdrawn comment says nothing new)."""
    unseen = Addressee.objects.filter(comment=OuterRef("pk"), user=user, read_at__isnull=True)
    return Q(Exists(unseen), withdrawn_at__isnull=True)


def with_news_for(comments: QuerySet[Comment], user) -> QuerySet[Comment]:
    """`comments`, each with `is_new` (`_new_to`)."""
    return comments.annotate(is_new=ExpressionWrapper(_new_to(user), BooleanField()))


def new_or_not(comments: QuerySet[Comment], user, *, new: bool) -> QuerySet[Comment]:
    """`comments` that are new to `user` (`new`), or those that are not."""
    return comments.filter(_new_to(user) if new else ~_new_to(user))


def discussed_claims(article_id: int, user, *, limit: int = 20) -> list[dict]:
    """The claims of an article that are discussed, most recently first: each claim's id and
    quote, its comments (withdrawn ones left out), how many of them are new to `user`, and when
    the last was posted; at most `limit`, in one query."""
    new_to_user = Q(addressees__user=user, addressees__read_at__isnull=True)
    rows = (
        Comment.objects.filter(
            claim__article_id=article_id,
            claim__deleted_at__isnull=True,
            withdrawn_at__isnull=True,
        )
        .values("claim_id", "claim__quote")
        .annotate(
            # A comment's addressees join it once each: its own rows counted once.
            comments=Count("id", distinct=True),
            new=Count("addressees", filter=new_to_user),
            latest=Max("created_at"),
        )
        .order_by("-latest", "-claim_id")
    )
    return list(rows[:limit])
