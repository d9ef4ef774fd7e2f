"""Writing the discussion: posting a comment on a claim, withdrawing one. The pages, the API and
the demo call these; the rules of who may are in `project.roles`."""

import re
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from claims.models import Claim
from discussion import selectors
from discussion.models import BODY_MAX_LENGTH, Addressee, Comment
from project import roles

#: `@name` where a name may begin: not inside a word or an e-mail address. A name holds what
#: Django's usernames may (letters, digits and @ . + - _), so "@ana." may mean "ana" or "ana.".
MENTION = re.compile(r"(?<![\w@.+-])@([\w.@+-]+)")


def name_candidates(name: str) -> tuple[str, ...]:
    """The usernames an `@name` may mean: as written, then without the punctuation that may end
    its sentence."""
    return tuple(dict.fromkeys(filter(None, (name, name.rstrip(".@+-")))))


def mentioned_names(body: str) -> set[str]:
    """Every name `body` may mention (`name_candidates` of each `@name`)."""
    return {candidate for name in MENTION.findall(body) for candidate in name_candidates(name)}


def clean_body(body: str) -> str:
    """The comment's words as stored: without the blank lines and spaces around them, with Windows
    line ends made plain. Refused when nothing or too much is left."""
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise ValidationError({"body": "Write something to post."}, code="blank")
    if len(body) > BODY_MAX_LENGTH:
        raise ValidationError(
            {"body": f"A comment holds at most {BODY_MAX_LENGTH:,} characters ({len(body):,})."},
            code="max_length",
        )
    if "\x00" in body:
        raise ValidationError({"body": "Null characters are not allowed."}, code="null_characters")
    return body


def comment_post(*, claim: Claim, author, body: str) -> Comment:
    """Post `body` on `claim` in `author`'s name. The people it names as `@username` (active
    accounts) are recorded as mentioned; they and the claim's author are its addressees, whose
    "For you" shows it."""
    if not roles.can_comment(author, claim):
        if claim.deleted_at is not None:
            raise ValidationError(
                {"claim": "This claim was deleted: restore it to discuss it."}, code="deleted"
            )
        raise PermissionDenied("Discussing claims needs the analyst or reviewer role.")
    body = clean_body(body)
    names = mentioned_names(body)
    with transaction.atomic():
        comment = Comment.objects.create(claim=claim, author=author, body=body)
        mentioned = set()
        if names:
            people = get_user_model().objects.filter(username__in=names, is_active=True)
            mentioned = set(people.exclude(pk=author.pk).values_list("pk", flat=True))
            comment.mentions.add(*mentioned)
        addressees = (mentioned | {claim.created_by_id}) - {author.pk}
        Addressee.objects.bulk_create(
            Addressee(comment=comment, user_id=user_id) for user_id in sorted(addressees)
        )
    return comment


def comment_withdraw(*, comment: Comment, user) -> Comment:
    """Withdraw `comment`: the thread shows that it was, and by whom, not what it said. Doing it
    again changes nothing."""
    if not roles.can_withdraw_comment(user, comment):
        raise PermissionDenied("Only its author (or an admin) withdraws a comment.")
    if comment.is_withdrawn:
        return comment
    updated = Comment.objects.filter(pk=comment.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_by=user
    )
    if updated:
        comment.refresh_from_db(fields=["withdrawn_at", "withdrawn_by"])
    return comment


def comments_shown(*, user, comments: Iterable[Comment]) -> None:
    """A page showed `user` these `comments` (read `with_news_for` them): those new to them
    keep `is_new` for this page, and are recorded as seen; one query, and none when none is."""
    if seen := [comment.pk for comment in comments if comment.is_new]:
        comments_seen(user=user, comment_ids=seen)


def comments_seen(*, user, comment_ids: Iterable[int] | None = None) -> int:
    """`user` has seen `comment_ids`, or when None every comment new to them
    (`selectors.new_to`): those that were new to them are new no longer. Returns how many were.
    (Left out of "every", a comment on a deleted claim stays unseen: restored, it is news.)"""
    if comment_ids is None:
        rows = selectors.new_to(user)
    else:
        rows = Addressee.objects.filter(
            user=user, read_at__isnull=True, comment_id__in=list(comment_ids)
        )
    return rows.update(read_at=timezone.now())
