"""The discussion API: the comments on claims, posted and withdrawn by the same services as the
pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from discussion import selectors, services
from discussion.api.serializers import CommentCreateSerializer, CommentSerializer
from discussion.filters import CommentFilter


class CommentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The team's comments on claims, newest first. `?claim=ID` gives a claim's thread;
    `?for=me` the comments that mention you and others' comments on your claims. `DELETE`
    withdraws a comment (its author, or staff): it stays in the thread, without its words."""

    serializer_class = CommentSerializer
    filterset_class = CommentFilter
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.comment_list()

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
