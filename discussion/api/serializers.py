from rest_framework import serializers

from claims.models import Claim
from discussion.models import BODY_MAX_LENGTH, Comment
from project.ids import MAX_ID


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.get_username", read_only=True)
    body = serializers.SerializerMethodField(
        help_text="The comment's words; null once it is withdrawn."
    )
    mentions = serializers.SerializerMethodField(help_text="The usernames the body mentions.")
    withdrawn_by = serializers.SerializerMethodField()
    new = serializers.BooleanField(
        source="is_new",
        read_only=True,
        help_text="The comment is for you and you have not seen it (on its claim's page or the "
        "Discussion page; reading it here does not count: `POST /api/comments/seen/` does).",
    )

    class Meta:
        model = Comment
        fields = ["id", "claim", "author", "body", "mentions", "created_at", "withdrawn_at",
                  "withdrawn_by", "new"]  # fmt: skip
        read_only_fields = fields

    def get_body(self, comment: Comment) -> str | None:
        return None if comment.is_withdrawn else comment.body

    def get_mentions(self, comment: Comment) -> list[str]:
        return sorted(person.get_username() for person in comment.mentions.all())

    def get_withdrawn_by(self, comment: Comment) -> str | None:
        return comment.withdrawn_by.get_username() if comment.withdrawn_by_id else None


class CommentCreateSerializer(serializers.Serializer):
    claim = serializers.PrimaryKeyRelatedField(
        # Deleted claims too: the service says why it refuses them.
        queryset=Claim.all_objects.all(),
        error_messages={"does_not_exist": "No claim has this id."},
    )
    body = serializers.CharField(max_length=BODY_MAX_LENGTH)


class CommentsSeenSerializer(serializers.Serializer):
    comments = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        max_length=1000,
        help_text="The ids of the comments you have seen; left out: every comment for you.",
    )


class CommentsSeenResultSerializer(serializers.Serializer):
    seen = serializers.IntegerField(help_text="How many of them were new to you.")
    new = serializers.IntegerField(help_text="How many comments are still new to you.")
