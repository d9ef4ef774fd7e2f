from collections.abc import Mapping

from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from articles import selectors, services
from articles.api.representations import (
    ARTICLE_PAGE,
    article_detail_row,
    article_rows,
    new_article_row,
)
from articles.api.serializers import (
    ArticleCreatedSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
    ArticleUploadSerializer,
    ArticleWriteSerializer,
    SameUrlSerializer,
)
from articles.filters import ArticleFilter
from articles.jobs import article_ingest_start, is_heavy
from articles.models import Article
from jobs.api.serializers import JobSerializer
from project.api_errors import CONFLICT, ConflictSerializer
from project.ids import MAX_ID
from project.prepared import PreparedRows

#: Query parameters that leave the article list as it is: no filter, newest first.
_PAGING = frozenset({"page", "page_size"})


class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Articles. `POST` multipart with `file` (.txt, .md, .html, .pdf, .docx; a PDF or Word file
    above `ARTICLE_EXTRACT_JOB_KB` is read by a background job: 202 with the job) or JSON
    `{"title", "text", ...}`; the same text twice is refused with 409 and the existing
    article's id. `?q=` searches title and text, best matches first."""

    filterset_class = ArticleFilter

    def get_queryset(self):
        if self.action == "list":
            return selectors.article_list()
        return selectors.article_detail()

    def filter_queryset(self, queryset):
        if self.action != "list":  # the filters narrow the list; a page is found by its id
            return queryset
        queryset = super().filter_queryset(queryset)
        if self.action == "list" and "rank" in queryset.query.annotations:  # a search applied
            queryset = queryset.order_by("-rank", "-id")
        return queryset

    def list(self, request, *args, **kwargs):
        if not set(request.query_params) <= _PAGING:
            return super().list(request, *args, **kwargs)
        # The plain list, what a script or the harness pages through: read by a query compiled
        # once and answered as plain dicts, without the filter's form or the serializer.
        articles = PreparedRows(ARTICLE_PAGE, count=Article.objects.count)
        return self.get_paginated_response(article_rows(self.paginate_queryset(articles)))

    @extend_schema(responses={200: ArticleDetailSerializer})
    def retrieve(self, request, *args, **kwargs):
        """An article with its text and counts."""
        row = article_detail_row(_pk(kwargs["pk"]))
        if row is None:
            raise Http404("No Article matches the given query.")
        return Response(row)

    def get_serializer_class(self):
        if self.action == "list":
            return ArticleSerializer
        if self.action in ("create", "partial_update"):
            return ArticleWriteSerializer
        return ArticleDetailSerializer

    def _detail(self, article) -> dict:
        article = selectors.article_detail().get(pk=article.pk)
        return ArticleDetailSerializer(article, context=self.get_serializer_context()).data

    @extend_schema(
        request={
            "multipart/form-data": ArticleUploadSerializer,
            "application/json": ArticleWriteSerializer,
        },
        responses={
            201: ArticleCreatedSerializer,
            202: OpenApiResponse(
                JobSerializer,
                description="A large PDF or Word file is read in the background: the job.",
            ),
            409: OpenApiResponse(
                ConflictSerializer, description="The same text is stored: `id` is that article."
            ),
        },
    )
    def create(self, request, *args, **kwargs):
        if isinstance(request.data, Mapping) and "file" in request.data:
            serializer = ArticleUploadSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            upload = serializer.validated_data.pop("file")
            if is_heavy(upload.name, upload.size):
                job = article_ingest_start(
                    file=upload,
                    filename=upload.name,
                    uploaded_by=request.user,
                    **serializer.validated_data,
                )
                location = reverse("api:job-detail", args=[job.pk])
                body = JobSerializer(job).data
                return Response(
                    body, status=status.HTTP_202_ACCEPTED, headers={"Location": location}
                )
            article = services.article_ingest(
                file=upload,
                filename=upload.name,
                uploaded_by=request.user,
                **serializer.validated_data,
            )
        else:
            serializer = ArticleWriteSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            article = services.article_create(uploaded_by=request.user, **serializer.validated_data)
        # The article as its detail answers it, and the others at its URL.
        body = new_article_row(article)
        same_url = selectors.articles_with_same_url(article)
        body["same_url"] = SameUrlSerializer(same_url, many=True).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ArticleWriteSerializer, responses={200: ArticleDetailSerializer, 409: CONFLICT}
    )
    def partial_update(self, request, *args, **kwargs):
        article = self.get_object()
        serializer = ArticleWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.article_update(article=article, user=request.user, **serializer.validated_data)
        return Response(self._detail(article))


def _pk(raw: str) -> int:
    """The article id of the address; 0 (no article has it) for anything else."""
    try:
        pk = int(raw)
    except ValueError:
        return 0
    return pk if 0 < pk <= MAX_ID else 0
