"""The suggestions API: list and read them, accept or dismiss them (the same services as the
pages)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from project.api_errors import ConflictSerializer
from suggestions import selectors, services
from suggestions.api.serializers import SuggestionAcceptSerializer, SuggestionSerializer
from suggestions.filters import SuggestionFilter

DECIDED = OpenApiResponse(ConflictSerializer, description="Already accepted or dismissed.")


class SuggestionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """What the analysis engine suggests: passages worth recording as claims, and pairs of
    passages or claims whose figures contradict or corroborate each other. Analysts accept
    (draft claims in their name and a proposed link) or dismiss (remembered for good)."""

    serializer_class = SuggestionSerializer
    filterset_class = SuggestionFilter

    def get_queryset(self):
        return selectors.suggestion_list()

    def _read(self, suggestion) -> Response:
        return Response(SuggestionSerializer(self.get_queryset().get(pk=suggestion.pk)).data)

    @extend_schema(
        request=SuggestionAcceptSerializer, responses={200: SuggestionSerializer, 409: DECIDED}
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept: a claim suggestion becomes a draft claim of yours; a pair records the
        claims it needs as drafts and proposes a link for a reviewer to decide."""
        suggestion = self.get_object()
        serializer = SuggestionAcceptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        suggestion = services.suggestion_accept(
            suggestion=suggestion, user=request.user, **serializer.validated_data
        )
        return self._read(suggestion)

    @extend_schema(request=None, responses={200: SuggestionSerializer, 409: DECIDED})
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        """Dismiss for good: running the engine again never brings it back."""
        suggestion = services.suggestion_dismiss(suggestion=self.get_object(), user=request.user)
        return self._read(suggestion)
