"""The discussion API: the comments on claims, posted and withdrawn by the same services as the
pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from discussion import selectors, services
from discussion.api.serializers import (
    CommentCreateSerializer,
    CommentSerializer,
    CommentsSeenResultSerializer,
    CommentsSeenSerializer,
)
from discussion.filters import CommentFilter


class CommentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The team's comments on claims, newest first. `?claim=ID` gives a claim's thread;
    `?for=me` the comments that mention you and others' comments on your claims, and `?new=true`
    those for you that you have not seen. `DELETE`
    withdraws a comment (its author, or staff): it stays in the thread, without its words."""

    serializer_class = CommentSerializer
    filterset_class = CommentFilter
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.with_news_for(selectors.comment_list(), self.request.user)

    @extend_schema(request=CommentCreateSerializer, responses={201: CommentSerializer})
    def create(self, request, *args, **kwargs):
        serializer = CommentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.comment_post(author=request.user, **serializer.validated_data)
        comment = self.get_queryset().get(pk=comment.pk)
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    def destroy(self, request, *args, **kwargs):
        services.comment_withdraw(comment=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=CommentsSeenSerializer,
        responses={200: CommentsSeenResultSerializer},
        summary="Mark comments for you as seen",
    )
    @action(
        detail=False,
        methods=["post"],
        filterset_class=None,
        pagination_class=None,
        # Not a write of evidence: anyone a comment may be for (an observer can be named) says
        # they have seen it.
        permission_classes=[IsAuthenticated],
    )
    def seen(self, request, *args, **kwargs):
        """The comments named (every comment for you when none is) are new to you no longer,
        as if you had opened them on their claim's page."""
        serializer = CommentsSeenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        seen = services.comments_seen(
            user=request.user, comment_ids=serializer.validated_data.get("comments")
        )
        return Response({"seen": seen, "new": selectors.new_to(request.user).count()})
