"""Sources and tags in the API: what a claim is attributed to, and what it is labelled with.
Thin viewsets, as in `claims.api.views`: parse, call a service, answer."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from claims import selectors
from claims import services as claim_services
from claims.api.serializers import (
    SimilarSourcesSerializer,
    SourceCreatedSerializer,
    SourceMergeSerializer,
    SourceSerializer,
    SourceWriteSerializer,
    TagMergeSerializer,
    TagRenameSerializer,
    TagSerializer,
)
from claims.filters import search_terms
from claims.models import Tag
from project import roles
from project.api_errors import CONFLICT
from sources import selectors as source_selectors
from sources import services as source_services
from sources.filters import SourceFilter


class SourceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Sources of claims. Anyone who annotates may add one; reviewers change and merge them."""

    serializer_class = SourceSerializer
    filterset_class = SourceFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.source_list().order_by("name")

    def _read(self, source) -> dict:
        return SourceSerializer(self.get_queryset().get(pk=source.pk)).data

    @extend_schema(
        request=SourceWriteSerializer, responses={201: SourceCreatedSerializer, 409: CONFLICT}
    )
    def create(self, request, *args, **kwargs):
        """Add a source. The answer lists in `similar` the existing sources whose names are
        close to the new one (the same originator under another spelling?)."""
        serializer = SourceWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        similar = source_selectors.similar_sources(serializer.validated_data["name"])
        source = source_services.source_create(user=request.user, **serializer.validated_data)
        source = self.get_queryset().get(pk=source.pk)
        source.similar = similar
        return Response(SourceCreatedSerializer(source).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[
            OpenApiParameter("name", str, description="The name about to be added.", required=True)
        ],
        responses={200: SimilarSourcesSerializer},
    )
    @action(detail=False, methods=["get"])
    def similar(self, request):
        """The existing sources whose names are close to `?name=`, closest first (at most
        five; none for an empty name), before adding a source of that name."""
        name = search_terms(request.query_params.get("name"))[:200]
        found = source_selectors.similar_sources(name)
        return Response(SimilarSourcesSerializer({"results": found}).data)

    @extend_schema(request=SourceWriteSerializer, responses={200: SourceSerializer})
    def partial_update(self, request, *args, **kwargs):
        source = self.get_object()
        serializer = SourceWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        source_services.source_update(source=source, user=request.user, **serializer.validated_data)
        return Response(self._read(source))

    @extend_schema(request=SourceMergeSerializer, responses={200: SourceSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Fold the listed duplicate sources into this one; their claims move here. Reviewers
        only (403 before the body is read)."""
        if not roles.can_grade_source(request.user):
            raise PermissionDenied("Only reviewers can merge sources.")
        target = self.get_object()
        serializer = SourceMergeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        source_services.source_merge(
            target=target, duplicates=serializer.validated_data["sources"], user=request.user
        )
        return Response(self._read(target))


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("q", str, description="Words the tag's name contains.")]
    )
)
class TagViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Tags with their number of live claims; `?q=` searches names (for autocomplete).
    Reviewers rename and merge them; each claim carrying one records the change."""

    serializer_class = TagSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        tags = Tag.objects.annotate(
            claim_count=Count("claims", filter=Q(claims__deleted_at__isnull=True))
        ).order_by("name")
        if self.action != "list":
            return tags
        query = search_terms(self.request.query_params.get("q"))
        return tags.filter(name__icontains=query) if query else tags

    def _read(self, tag) -> dict:
        return TagSerializer(self.get_queryset().get(pk=tag.pk)).data

    @extend_schema(request=TagRenameSerializer, responses={200: TagSerializer, 409: CONFLICT})
    def partial_update(self, request, *args, **kwargs):
        """Rename the tag; every claim carrying it records the change and gets a new version.
        A name another tag has is refused (merge them instead). Reviewers only."""
        if not roles.can_curate_tags(request.user):
            raise PermissionDenied("Only reviewers can rename or merge tags.")
        tag = self.get_object()
        serializer = TagRenameSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim_services.tag_rename(
            tag=tag, name=serializer.validated_data["name"], user=request.user
        )
        return Response(self._read(tag))

    @extend_schema(request=TagMergeSerializer, responses={200: TagSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Fold the listed duplicate tags into this one: their claims carry this one instead
        (once), each recording the change; the duplicates are deleted. Reviewers only (403
        before the body is read)."""
        if not roles.can_curate_tags(request.user):
            raise PermissionDenied("Only reviewers can rename or merge tags.")
        target = self.get_object()
        serializer = TagMergeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim_services.tag_merge(
            target=target, duplicates=serializer.validated_data["tags"], user=request.user
        )
        return Response(self._read(target))
