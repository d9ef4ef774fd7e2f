"""Reads of claims, sources and links that several callers share, with joins and counts."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from claims.models import Claim, ClaimLink, ClaimStatus, LinkKind, Source


def claim_list() -> QuerySet[Claim]:
    """Live claims with everything a list row shows: article, source, people, tags, and
    whether the claim takes part in a contradiction."""
    contradicted = ClaimLink.objects.filter(kind=LinkKind.CONTRADICTS).filter(
        Q(claim_a=OuterRef("pk")) | Q(claim_b=OuterRef("pk"))
    )
    return (
        Claim.objects.select_related("article", "source", "created_by", "reviewed_by")
        .defer("article__text")
        .prefetch_related("tags")
        .annotate(in_contradiction=Exists(contradicted))
    )


def claim_detail() -> QuerySet[Claim]:
    return Claim.objects.select_related(
        "article", "source", "created_by", "reviewed_by"
    ).prefetch_related("tags")


def link_list() -> QuerySet[ClaimLink]:
    """Links between live claims, both ends joined with their article and source."""
    return (
        ClaimLink.objects.filter(claim_a__deleted_at__isnull=True, claim_b__deleted_at__isnull=True)
        .select_related(
            "claim_a__article",
            "claim_a__source",
            "claim_b__article",
            "claim_b__source",
            "created_by",
            "decided_by",
        )
        .defer("claim_a__article__text", "claim_b__article__text")
    )


def links_for_claims(claim_ids) -> QuerySet[ClaimLink]:
    """Links touching any of these claims."""
    return link_list().filter(Q(claim_a_id__in=claim_ids) | Q(claim_b_id__in=claim_ids))


def source_list() -> QuerySet[Source]:
    """Sources with their live claims counted by status."""
    live = Q(claims__deleted_at__isnull=True)
    counts = {
        f"{status}_count": Count("claims", filter=live & Q(claims__status=status))
        for status in ClaimStatus.values
    }
    return Source.objects.annotate(claim_count=Count("claims", filter=live), **counts)


def claims_with_links(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """Prefetch both directions of links on `queryset` (two queries for any number of rows)."""
    link_rel = ClaimLink.objects.select_related("claim_a__source", "claim_b__source").defer(
        "claim_a__article__text", "claim_b__article__text"
    )
    return queryset.prefetch_related(
        Prefetch("links_as_a", queryset=link_rel), Prefetch("links_as_b", queryset=link_rel)
    )
