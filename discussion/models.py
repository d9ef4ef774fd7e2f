"""The team's discussion of a claim: questions, objections, pointers to what else to read.

A comment is not evidence: it is never exported, graded or reviewed, and writing one does not
change the claim (its version, its history, the cached aggregates). It is withdrawn rather than
deleted, so a thread keeps its sense ("withdrawn by ana"); its words then show to no one but
admins.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from claims.models import Claim

#: The longest comment, in characters: a few paragraphs. A report belongs in an article.
BODY_MAX_LENGTH = 4000


class Comment(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    #: The people the body names as `@username`, found when it was posted.
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="mentioned_in_comments", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        # The order of posting (the thread's; the lists take it newest first).
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(~Q(body=""), LessThanOrEqual(Length("body"), BODY_MAX_LENGTH)),
                name="comment_body_says_something",
                violation_error_message=f"A comment holds 1 to {BODY_MAX_LENGTH:,} characters.",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True, withdrawn_by__isnull=True)
                | Q(withdrawn_at__isnull=False, withdrawn_by__isnull=False),
                name="comment_withdrawal_names_who",
            ),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on claim {self.claim_id}"

    def get_absolute_url(self) -> str:
        return f"{self.claim.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Addressee(models.Model):
    """Someone a comment is for: a person it mentions, and the author of its claim (never the
    comment's own author). Written with the comment, so that the Discussion page's "For you" reads
    a reader's comments newest first by one index (`user`, `comment`), stopping at the page's
    last, however many comments the team has written."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="addressees")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    #: When the person first saw it (on its claim's page, or in a list of comments); empty
    #: while it is new to them.
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "comment"], name="addressee_once_a_comment")
        ]
        indexes = [
            # A reader's new comments, counted for the navigation on every page: the index holds
            # only the rows not yet seen, however many a busy reader has seen.
            models.Index(
                fields=["user"], condition=Q(read_at__isnull=True), name="addressee_new_to_user"
            )
        ]

    def __str__(self) -> str:
        return f"Comment {self.comment_id} for user {self.user_id}"
