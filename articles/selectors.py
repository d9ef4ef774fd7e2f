"""Reads of articles that several callers share, with their joins and counts."""

from django.db.models import Count, Q, QuerySet

from articles.models import Article


def article_list() -> QuerySet[Article]:
    """Articles with outlet and uploader joined and the number of live claims annotated."""
    return (
        Article.objects.select_related("outlet", "uploaded_by")
        .defer("text")
        .annotate(claim_count=Count("claims", filter=Q(claims__deleted_at__isnull=True)))
    )


def article_detail() -> QuerySet[Article]:
    return Article.objects.select_related("outlet", "uploaded_by").annotate(
        claim_count=Count("claims", filter=Q(claims__deleted_at__isnull=True))
    )
