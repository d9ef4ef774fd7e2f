"""The claims side of the API: thin viewsets that parse input, call a service, and answer.
Sources and tags are in `claims.api.source_views`."""

import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from articles.models import Article
from claims import selectors, services, statistics
from claims.api.representations import ARTICLE_CLAIMS, claim_row, claim_rows, claim_values
from claims.api.request_keys import HEADER, REPLAYED, replayed_headers, request_key
from claims.api.serializers import (
    ClaimBatchItemSerializer,
    ClaimCreateSerializer,
    ClaimRejectSerializer,
    ClaimReviewSerializer,
    ClaimSerializer,
    ClaimUpdateSerializer,
    LinkCreateSerializer,
    LinkSerializer,
    LinkStatusSerializer,
)
from claims.filters import ClaimFilter, LinkFilter
from claims.models import Claim
from project.api import field_messages
from project.api_errors import CONFLICT, ConflictSerializer
from project.ids import MAX_ID
from project.lists import filters_in_use
from project.prepared import PreparedRows
from sources.models import Source

READ_WRITE = ["get", "post", "patch", "delete", "head", "options"]


class ClaimViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Claims. `PATCH` must carry the `version` edited; a stale one gets 409 and the current
    values. `DELETE` is soft: `POST .../restore/` undoes it."""

    filterset_class = ClaimFilter
    http_method_names = READ_WRITE

    def get_queryset(self):
        if self.action in ("list", "retrieve"):
            # Read as `claim_values` tuples (`claims.api.representations`): nothing joined here.
            return Claim.objects.order_by("-created_at", "-id")
        # A write re-reads the claim under a lock; this read only answers 404.
        # A deletion sent again finds the claim it deleted (and is answered as done).
        claims = Claim.all_objects if self.action in ("restore", "destroy") else Claim.objects
        return claims.only("id")

    def filter_queryset(self, queryset):
        # The filters narrow the list; one claim is found by its id alone.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def get_serializer_class(self):
        return {
            "create": ClaimCreateSerializer,
            "partial_update": ClaimUpdateSerializer,
            "approve": ClaimReviewSerializer,
            "reject": ClaimRejectSerializer,
        }.get(self.action, ClaimSerializer)

    def _read(self, claim, *, code: int = status.HTTP_200_OK) -> Response:
        """The answer for a claim a service just wrote (its relations and tags loaded)."""
        return Response(claim_row(claim), status=code)

    @extend_schema(responses={200: ClaimSerializer(many=True)})
    def list(self, request, *args, **kwargs):
        article_id = _article_alone(request.query_params)
        if article_id is not None:
            # The reading view's call: the claims of one article, without building the filter
            # (its form, and its query for the article). An unknown article (an empty page
            # of an id no article has) goes on to the filter, which refuses it with 400.
            claims = PreparedRows(
                ARTICLE_CLAIMS,
                article_id,
                count=lambda: self.get_queryset().filter(article_id=article_id).count(),
            )
            page = self.paginate_queryset(claims)
            if page or Article.objects.filter(pk=article_id).exists():
                return self.get_paginated_response(claim_rows(page))
        claims = claim_values(self.filter_queryset(self.get_queryset()))
        # Counted from the tallies when the filters allow (a million claims: a COUNT of 0.7 s).
        count = statistics.tallied_claim_count(filters_in_use(self.filterset))
        page = self.paginator.paginate_queryset(claims, request, view=self, count=count)
        return self.get_paginated_response(claim_rows(page))

    def retrieve(self, request, *args, **kwargs):
        rows = claim_rows(self.get_queryset().filter(pk=_pk(kwargs["pk"])))
        if not rows:
            raise NotFound(_("No claim has this id."))
        return Response(rows[0])

    @extend_schema(
        request=PolymorphicProxySerializer(
            component_name="ClaimCreateOneOrMany",
            serializers=[ClaimCreateSerializer, ClaimCreateSerializer(many=True)],
            resource_type_field_name=None,
            many=False,
        ),
        responses={
            201: PolymorphicProxySerializer(
                component_name="ClaimOneOrMany",
                serializers=[ClaimSerializer, ClaimSerializer(many=True)],
                resource_type_field_name=None,
                many=False,
            ),
            409: CONFLICT,
        },
        parameters=[
            OpenApiParameter(
                HEADER,
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="A new key (a UUID) for each new claim or batch, the same when the "
                "request is sent again because its answer was lost: the claims recorded the "
                f"first time are answered (with `{REPLAYED}: true`), not recorded twice. A key "
                "used before for other passages: 409.",
            )
        ],
        description="Record a claim, or (with a JSON list) up to "
        f"{services.MAX_CLAIMS_PER_BATCH} claims at once, all or nothing: if any is refused "
        'the answer is 400 with `items` naming each refused one by its index and field ({"3": '
        '{"quote": ["..."]}}) and nothing is recorded. A list is answered with a list.',
    )
    def create(self, request, *args, **kwargs):
        key, batch = request_key(request), isinstance(request.data, list)
        if batch:
            items = _batch_items(request.data)
        else:
            serializer = ClaimCreateSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            items = [serializer.validated_data]
        claims, recorded_now = services.claims_create_once(
            items=items, created_by=request.user, request_key=key, batch=batch
        )
        rows = [claim_row(claim) for claim in claims]
        return Response(
            rows if batch else rows[0],
            status=status.HTTP_201_CREATED,
            headers=replayed_headers(recorded_now),
        )

    @extend_schema(
        request=ClaimUpdateSerializer,
        responses={
            200: ClaimSerializer,
            409: OpenApiResponse(
                ConflictSerializer, description="`version` is stale: `current` has the values."
            ),
        },
    )
    def partial_update(self, request, *args, **kwargs):
        claim = self.get_object()
        serializer = ClaimUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        version = changes.pop("version", None)
        claim = services.claim_update(claim=claim, user=request.user, version=version, **changes)
        return self._read(claim)

    @extend_schema(responses={204: None})
    def destroy(self, request, *args, **kwargs):
        services.claim_delete(claim=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={200: ClaimSerializer})
    @action(detail=True, methods=["post"])
    def restore(self, request, pk=None):
        """Undo a delete."""
        return self._read(services.claim_restore(claim=self.get_object(), user=request.user))

    @extend_schema(request=None, responses={200: ClaimSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send a draft to the review queue."""
        return self._read(services.claim_submit(claim=self.get_object(), user=request.user))

    @extend_schema(request=None, responses={200: ClaimSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Take one's own submitted claim back to draft, before a reviewer decides (an approved
        or rejected claim: 400)."""
        return self._read(services.claim_withdraw(claim=self.get_object(), user=request.user))

    def _decide(self, request, decide, read=ClaimReviewSerializer) -> Response:
        serializer = read(data=request.data)
        serializer.is_valid(raise_exception=True)
        note, version = serializer.validated_data["note"], serializer.validated_data.get("version")
        claim = decide(claim=self.get_object(), reviewer=request.user, note=note, version=version)
        return self._read(claim)

    @extend_schema(request=ClaimReviewSerializer, responses={200: ClaimSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve a submitted claim (not one's own: 403)."""
        return self._decide(request, services.claim_approve)

    @extend_schema(request=ClaimRejectSerializer, responses={200: ClaimSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Reject a submitted claim with a note saying why (not one's own: 403)."""
        return self._decide(request, services.claim_reject, read=ClaimRejectSerializer)


#: The query of the claims of one article, as the reading view asks for them.
_ARTICLE_ALONE = {"article", "page_size"}
_ID = re.compile(r"[1-9][0-9]{0,18}")


def _article_alone(params) -> int | None:
    """The article id of `?article=ID` (with `page_size` at most), or None for any other query,
    answered by the claim filter."""
    if "article" not in params or not set(params) <= _ARTICLE_ALONE:
        return None
    values = params.getlist("article")
    if len(values) != 1 or not _ID.fullmatch(values[0]) or int(values[0]) > MAX_ID:
        return None
    return int(values[0])


def _pk(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise NotFound(_("No claim has this id.")) from None


def _batch_items(data: list) -> list[dict | DjangoValidationError]:
    """The items of a batch create, each parsed as a single create is, their articles and
    sources read in one query each. An item that cannot be read is its `ValidationError`, for
    the service to report with the others."""
    if len(data) > services.MAX_CLAIMS_PER_BATCH:
        raise ValidationError(
            {
                "detail": _(
                    "One request may record at most %(limit)d claims; this one had %(count)d. "
                    "Send them in several requests."
                )
                % {"limit": services.MAX_CLAIMS_PER_BATCH, "count": len(data)}
            }
        )
    items = []
    for raw in data:
        serializer = ClaimBatchItemSerializer(data=raw)
        valid = serializer.is_valid()
        items.append(
            dict(serializer.validated_data)
            if valid
            else DjangoValidationError(field_messages(serializer.errors))
        )
    parsed = [item for item in items if isinstance(item, dict)]
    articles = Article.objects.in_bulk({item["article"] for item in parsed})
    sources = Source.objects.in_bulk({item["source"] for item in parsed})
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        missing = {}
        for field, found in (("article", articles), ("source", sources)):
            if item[field] not in found:
                missing[field] = [
                    _("No %(kind)s has the id %(id)d.") % {"kind": field, "id": item[field]}
                ]
            else:
                item[field] = found[item[field]]
        if missing:
            items[index] = DjangoValidationError(missing)
    return items


class LinkViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Contradictions and corroborations between claims. `PATCH {"status", "version"}` (the
    link's version; add `claim_a_version` and `claim_b_version` to refuse a claim changed since)
    confirms, dismisses or sends back to proposed (reviewers)."""

    serializer_class = LinkSerializer
    filterset_class = LinkFilter
    http_method_names = READ_WRITE

    def get_queryset(self):
        if self.action == "partial_update":
            # A decision on a link whose claim was deleted is refused with the reason, not 404.
            return selectors.link_with_both_ends()
        return selectors.link_list()

    @extend_schema(request=LinkCreateSerializer, responses={201: LinkSerializer})
    def create(self, request, *args, **kwargs):
        serializer = LinkCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        link = services.link_create(user=request.user, **serializer.validated_data)
        return Response(LinkSerializer(link).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=LinkStatusSerializer,
        responses={
            200: LinkSerializer,
            409: OpenApiResponse(
                ConflictSerializer, description="`version` is stale: `current` has the values."
            ),
        },
    )
    def partial_update(self, request, *args, **kwargs):
        link = self.get_object()
        serializer = LinkStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        link = services.link_set_status(
            link=link,
            user=request.user,
            status=data["status"],
            version=data["version"],
            claim_versions=(data.get("claim_a_version"), data.get("claim_b_version")),
        )
        return Response(LinkSerializer(link).data)

    @extend_schema(responses={204: None})
    def destroy(self, request, *args, **kwargs):
        services.link_delete(link=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
