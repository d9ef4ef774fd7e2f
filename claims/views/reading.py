"""The reading and annotation view of an article.

The page is rendered on the server, highlights included, so text and claims read without
JavaScript. The panel lists every claim as a compact card (quote, grade, source, status, a link
to the claim's page); `static/js/annotate.js` asks `article_annotations` for a claim's full card
(statement, tags, links, editing) when it is opened, and after each change for
the re-rendered paragraphs around it and the changed claims' cards, drawn by the same code and
templates as the page, so there is one renderer and a large article loads fast.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import api_view, renderer_classes
from rest_framework.exceptions import ParseError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from articles import selectors as article_selectors
from articles.models import Article
from claims import selectors as claim_selectors
from claims import services
from claims.api.representations import claim_row
from claims.api.request_keys import replayed_headers, request_key
from claims.api.serializers import ClaimCreateSerializer
from claims.context_processors import my_claims_nav_item
from claims.highlight import Span, highlight, highlight_paragraphs, paragraphs_touching
from claims.models import Claim, ClaimStatus, Credibility
from claims.panel import compact_cards
from claims.panels import READING_SECTIONS, render_sections
from project import roles
from project.ids import is_valid_id
from project.responses import messages_of, safe_next_url
from sources.models import Reliability, SourceKind


def _claim_data(claim: Claim, links: list) -> dict:
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
        "tags": claim.tag_names,
        "status": claim.status,
        "version": claim.version,
        "can_edit": claim.can_edit,
        "links": [
            {
                "id": link.pk,
                "kind": link.kind,
                "other": {"id": other.pk, "article": other.article_id},
            }
            for link, other in links
        ],
    }


def _spans(article: Article, within=None) -> list[Span]:
    """The claims of `article` as highlight spans: one light query, no model instances.
    With `within` (code-point ranges), only the claims overlapping one of them."""
    claims = claim_selectors.claim_list().filter(article=article)
    if within is not None:
        overlapping = Q(pk__in=[])
        for start, end in within:
            overlapping |= Q(start__lt=end, end__gt=start)
        claims = claims.filter(overlapping)
    rows = claims.order_by().values_list("pk", "start", "end", "status", "in_contradiction")
    return [Span(*row) for row in rows]


def _cards(article: Article, user, claim_ids) -> list[Claim]:
    """The claims of `article` in `claim_ids`, in text order, decorated for their full cards."""
    claims = list(claim_selectors.claim_cards(article).filter(pk__in=claim_ids))
    links = claim_selectors.card_links(claim.pk for claim in claims) if claims else {}
    return [_decorate(claim, article, user, links[claim.pk]) for claim in claims]


def _decorate(claim: Claim, article: Article, user, link_pairs: list) -> Claim:
    """Plain attributes for the card template (the claim has its `tag_names`)."""
    claim.link_pairs = link_pairs
    claim.can_edit = roles.can_edit_claim(user, claim)
    claim.can_withdraw = claim.status == ClaimStatus.SUBMITTED and roles.can_withdraw_claim(
        user, claim
    )
    claim.status_label = claim.get_status_display()
    claim.submit_url = reverse("claims:claim-submit", args=[article.pk, claim.pk])
    claim.delete_url = reverse("claims:claim-delete", args=[article.pk, claim.pk])
    claim.withdraw_url = reverse("claims:claim-withdraw", args=[article.pk, claim.pk])
    claim.data = _claim_data(claim, link_pairs)
    return claim


#: The most full cards one request asks for: the script asks for a claim and its neighbours,
#: or the claims a change touched; the page lists every claim compactly.
MAX_CARDS = 1000


def _ids(value: str) -> list[int]:
    """`"12,15"` as [12, 15]; ValueError, with the message, for anything but claim ids (a
    number past 64 bits failed SQLite's query with a server error) or more than MAX_CARDS."""
    parts = [part for part in value.split(",") if part]
    if not all(is_valid_id(part) for part in parts):
        raise ValueError(_("Give claim ids as numbers separated by commas."))
    if len(parts) > MAX_CARDS:
        raise ValueError(_("Ask for at most %(most)d claims at a time.") % {"most": MAX_CARDS})
    return [int(part) for part in parts]


def _ranges(value: str) -> list[tuple[int, int]]:
    """`"10-50,70-90"` as [(10, 50), (70, 90)]; ValueError for anything else."""
    ranges = []
    for part in filter(None, value.split(",")):
        start, end = (int(number) for number in part.split("-"))
        if not 0 <= start <= end:
            raise ValueError(part)
        ranges.append((start, end))
    return ranges


def _card_context(article: Article, user) -> dict:
    return {
        "article": article,
        "can_add_claim": roles.can_add_claim(user),
        "can_link": roles.can_add_link(user),
        "claim_list_url": reverse("claims:list"),
    }


@require_safe
def article_reading(request: HttpRequest, pk: int) -> HttpResponse:
    """The article with its claims highlighted, and the claim panel beside it."""
    article = get_object_or_404(article_selectors.article_detail(), pk=pk)
    # The author's id beside the summary (no further query) for the rule of who edits what.
    claims = list(claim_selectors.claim_summaries(article).annotate(author_id=F("created_by")))
    for claim in claims:
        claim.created_by_id, claim.deleted_at = claim.author_id, None  # live claims only
    editable_by = roles.claim_editable_by(request.user)
    editable = frozenset(claim.pk for claim in claims if editable_by(claim))
    context = _card_context(article, request.user)
    context.update(
        highlighted_text=highlight(
            article.text, [Span(c.pk, c.start, c.end, c.status, c.in_contradiction) for c in claims]
        ),
        claims=claims,
        compact_cards=compact_cards(claims, article.pk, editable),
        can_edit_article=roles.can_edit_article(request.user, article),
        source_kinds=SourceKind.choices,
        reliabilities=Reliability.choices,
        credibilities=Credibility.choices,
        sections=render_sections(READING_SECTIONS, request, article),
        page_config={
            "article": article.pk,
            "annotationsUrl": reverse("claims:annotations", args=[article.pk]),
            "claimCreateUrl": reverse("claims:annotations-claim-create", args=[article.pk]),
            "canAddClaim": context["can_add_claim"],
        },
    )
    return render(request, "claims/reading.html", context)


def _annotations(request, article: Article, claims: list[Claim], around) -> dict:
    """The full cards (HTML and data) of `claims` (from `_cards`) and the highlighted
    paragraphs touching the ranges `around` (the whole text when None), with the article's
    claim count."""
    context = _card_context(article, request.user)
    cards = [
        {
            "id": claim.pk,
            "html": render_to_string(
                "claims/_claim_card.html", {**context, "claim": claim}, request=request
            ),
            "data": claim.data,
        }
        for claim in claims
    ]
    answer = {"cards": cards}
    if around is None:
        spans = _spans(article)
        answer.update(count=len(spans), text=str(highlight(article.text, spans)))
    else:
        touched = paragraphs_touching(article.text, around)
        spans = _spans(article, within=[(p.start, p.end) for p in touched]) if touched else []
        answer["count"] = Claim.objects.filter(article=article).count()
        answer["paragraphs"] = [
            {"index": index, "html": str(html)}
            for index, html in highlight_paragraphs(article.text, spans, touched).items()
        ]
    if (around is None or around) and roles.is_analyst(request.user):
        # An edit may have moved the count of claims waiting for the person (a draft
        # recorded, submitted, deleted): the navigation shows it as it is now.
        answer["nav_my_claims"] = my_claims_nav_item(request)
    return answer


@require_safe
def article_annotations(request: HttpRequest, pk: int) -> JsonResponse:
    """What changed after an edit, for the script to swap in: the full panel cards (HTML and
    data) of the claims named in `?claims=1,2`, and the highlighted paragraphs touching the
    code-point ranges in `?around=10-50,70-90` (the whole text when `around` is absent)."""
    article = get_object_or_404(Article.objects.only("id", "text"), pk=pk)
    try:
        claim_ids = _ids(request.GET.get("claims", ""))
    except ValueError as refusal:
        return JsonResponse({"claims": [str(refusal)]}, status=400)
    try:
        around = _ranges(request.GET["around"]) if "around" in request.GET else None
    except ValueError:
        return JsonResponse(
            {"around": [_("Give ranges as start-end offsets separated by commas: 10-50,70-90.")]},
            status=400,
        )
    claims = _cards(article, request.user, claim_ids) if claim_ids else []
    return JsonResponse(_annotations(request, article, claims, around))


@extend_schema(exclude=True)  # a page's helper for its own script, not part of the API
@api_view(["POST"])
@renderer_classes([JSONRenderer])
def article_claim_create(request, pk: int) -> Response:
    """Record a claim from the reading view and answer, in the same round trip, what the page
    shows of it: `claim` as `POST /api/claims/` answers it, and its card and paragraphs as
    `article_annotations` gives them. The same serializer, service and refusals as the API
    (400 with the fields, 403); a save was two requests, and half its time the second."""
    article = get_object_or_404(Article.objects.only("id", "text"), pk=pk)
    if not isinstance(request.data, dict):
        raise ParseError(_("Send one claim as a JSON object."))
    serializer = ClaimCreateSerializer(data={**request.data, "article": article.pk})
    serializer.is_valid(raise_exception=True)
    # The page sends the same key when it saves again after losing the answer.
    [claim], recorded_now = services.claims_create_once(
        items=[serializer.validated_data], created_by=request.user, request_key=request_key(request)
    )
    # The service's claim has its source, people and tags loaded; a new claim has no links
    # and so takes part in no contradiction: its card needs no further query.
    claim.in_contradiction = False
    claim.tag_names = [tag.name for tag in claim.tags.all()]
    card = _decorate(claim, article, request.user, [])
    answer = _annotations(request._request, article, [card], [(claim.start, claim.end)])
    answer["claim"] = claim_row(claim)
    return Response(answer, status=status.HTTP_201_CREATED, headers=replayed_headers(recorded_now))


# A page's address like the others: without a session, the login page (DRF would answer 401).
article_claim_create.login_required = True


def _claim_action(request: HttpRequest, pk: int, claim_pk: int, action, done: str):
    """Run `action` on the claim, then go back to the page's `next` (My claims, the claim's
    page) or to the claim in the reading view."""
    claim = get_object_or_404(Claim.all_objects.select_related("article"), pk=claim_pk, article=pk)
    try:
        action(claim=claim, user=request.user)
    except ValidationError as error:
        messages.error(request, messages_of(error))
    else:
        messages.success(request, done)
    return redirect(safe_next_url(request, f"{claim.article.get_absolute_url()}#claim-{claim.pk}"))


@require_POST
def claim_submit(request: HttpRequest, pk: int, claim_pk: int) -> HttpResponse:
    """Submit a claim for review from the panel (the form behind the script's button)."""
    return _claim_action(request, pk, claim_pk, services.claim_submit, _("Submitted for review."))


@require_POST
def claim_withdraw(request: HttpRequest, pk: int, claim_pk: int) -> HttpResponse:
    """Take a submitted claim back to draft, from its card, its page or My claims."""
    return _claim_action(
        request,
        pk,
        claim_pk,
        services.claim_withdraw,
        _("Withdrawn from review: the claim is a draft again."),
    )


@require_POST
def claim_delete(request: HttpRequest, pk: int, claim_pk: int) -> HttpResponse:
    """Delete (softly) a claim from the panel."""
    return _claim_action(request, pk, claim_pk, services.claim_delete, _("Claim deleted."))


@require_POST
def claim_restore(request: HttpRequest, pk: int, claim_pk: int) -> HttpResponse:
    """Undo a delete."""
    return _claim_action(request, pk, claim_pk, services.claim_restore, _("Claim restored."))
