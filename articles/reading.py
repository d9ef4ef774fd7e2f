"""The reading and annotation view of an article.

The page is rendered on the server, highlights included, so text and claims read without
JavaScript. `static/js/annotate.js` adds selection, the claim form, links and shortcuts; after
each change it swaps in the fragment served by `article_annotations`, rendered by the same code.
"""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from articles import selectors as article_selectors
from articles.highlight import Span, highlight
from articles.models import Article
from claims import permissions, services
from claims import selectors as claim_selectors
from claims.models import Claim, Credibility, LinkKind, Reliability, SourceKind


def _claim_data(claim: Claim, links: list, user) -> dict:
    """What the script needs about one claim (embedded with json_script, never as HTML)."""
    return {
        "id": claim.pk,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "statement": claim.statement,
        "source": {
            "id": claim.source_id,
            "name": claim.source.name,
            "reliability": claim.source.reliability,
        },
        "credibility": claim.credibility,
        "grade": claim.grade,
        "tags": [tag.name for tag in claim.tags.all()],
        "status": claim.status,
        "version": claim.version,
        "created_by": claim.created_by.get_username(),
        "can_edit": permissions.can_edit_claim(user, claim),
        "links": [
            {
                "id": link.pk,
                "kind": link.kind,
                "status": link.status,
                "other": {
                    "id": other.pk,
                    "quote": other.quote,
                    "article": other.article_id,
                    "article_title": other.article.title,
                    "source": other.source.name,
                },
            }
            for link, other in links
        ],
    }


def annotation_context(article: Article, user) -> dict:
    """Everything the text and the claim panel show, in a fixed number of queries."""
    claims = list(
        claim_selectors.claim_list().filter(article=article).order_by("start", "-end", "id")
    )
    links_by_claim: dict[int, list] = defaultdict(list)
    ids = {claim.pk for claim in claims}
    for link in claim_selectors.links_for_claims(ids):
        for end, other in ((link.claim_a, link.claim_b), (link.claim_b, link.claim_a)):
            if end.pk in ids:
                links_by_claim[end.pk].append((link, other))
    spans = [
        Span(claim.pk, claim.start, claim.end, claim.status, claim.in_contradiction)
        for claim in claims
    ]
    for claim in claims:
        claim.link_pairs = links_by_claim[claim.pk]
        claim.can_edit = permissions.can_edit_claim(user, claim)
    return {
        "article": article,
        "highlighted_text": highlight(article.text, spans),
        "claims": claims,
        "claims_data": [_claim_data(c, links_by_claim[c.pk], user) for c in claims],
        "can_add_claim": permissions.can_add_claim(user),
    }


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(article_selectors.article_detail(), pk=pk)
    context = annotation_context(article, request.user)
    context.update(
        source_kinds=SourceKind.choices,
        reliabilities=Reliability.choices,
        credibilities=Credibility.choices,
        link_kinds=LinkKind.choices,
        page_config={
            "article": article.pk,
            "user": request.user.get_username(),
            "canAddClaim": context["can_add_claim"],
        },
    )
    return render(request, "articles/article_detail.html", context)


def article_annotations(request: HttpRequest, pk: int) -> HttpResponse:
    """The text and claim panel alone, for the script to swap in after a change."""
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    return render(
        request, "articles/_annotations.html", annotation_context(article, request.user)
    )


def _claim_action(request: HttpRequest, pk: int, claim_pk: int, action, done: str):
    claim = get_object_or_404(Claim.all_objects.select_related("article"), pk=claim_pk, article=pk)
    try:
        action(claim=claim, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(f"{claim.article.get_absolute_url()}#claim-{claim.pk}")


@require_POST
def claim_submit(request: HttpRequest, pk: int, claim_pk: int) -> HttpResponse:
    """Submit a claim for review from the panel (the form behind the script's button)."""
    return _claim_action(request, pk, claim_pk, services.claim_submit, "Submitted for review.")


@require_POST
def claim_delete(request: HttpRequest, pk: int, claim_pk: int) -> HttpResponse:
    """Delete (softly) a claim from the panel."""
    return _claim_action(request, pk, claim_pk, services.claim_delete, "Claim deleted.")


@require_POST
def claim_restore(request: HttpRequest, pk: int, claim_pk: int) -> HttpResponse:
    """Undo a delete."""
    return _claim_action(request, pk, claim_pk, services.claim_restore, "Claim restored.")
