"""What suggestions shows on claims' pages (through `claims.panels`): the "Suggested" pairs on
the contradiction board, the waiting counts on the dashboard, and an article's suggested claims
on its reading view (drawn as dashed highlights by static/js/annotate/suggested.js)."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from articles.models import Article
from claims import panels
from project import roles
from project.ids import is_valid_id
from suggestions import selectors
from suggestions.models import SuggestionKind

#: Suggested pairs per page of the board's section (`?suggested_page=`).
PAIRS_PER_PAGE = 10


def _query_without_page(request: HttpRequest) -> str:
    """The board's query string (its own page and filters kept) less the section's page."""
    query = request.GET.copy()
    query.pop("suggested_page", None)
    return query.urlencode()


def _board_filter(request: HttpRequest) -> Q:
    """The board's own filters, as far as they concern a suggested pair: its articles (one, or
    the pair of a matrix cell) and a source on either side (recognized, or a side's claim's)."""
    article, other, source = (
        int(value) if is_valid_id(value) else None
        for value in (request.GET.get(name) for name in ("article", "other_article", "source"))
    )
    wanted = Q()
    if article and other:
        wanted &= Q(a_article_id=article, b_article_id=other) | Q(
            a_article_id=other, b_article_id=article
        )
    elif article:
        wanted &= Q(a_article_id=article) | Q(b_article_id=article)
    if source:
        wanted &= (
            Q(a_source_id=source)
            | Q(b_source_id=source)
            | Q(a_claim__source_id=source)
            | Q(b_claim__source_id=source)
        )
    return wanted


def board_section(request: HttpRequest) -> SafeString:
    pairs = selectors.suggested_pairs().filter(_board_filter(request))
    paginator = Paginator(pairs, PAIRS_PER_PAGE)
    page = paginator.get_page(request.GET.get("suggested_page"))
    if not paginator.count:
        return SafeString("")
    return render_to_string(
        "suggestions/_board_section.html",
        {
            "page": page,
            "can_decide": roles.can_decide_suggestion(request.user),
            "query_without_page": _query_without_page(request),
        },
        request=request,
    )


def dashboard_section(request: HttpRequest) -> SafeString:
    counts = selectors.pending_counts()
    if not any(counts.values()):
        return SafeString("")
    return render_to_string(
        "suggestions/_dashboard_section.html",
        {
            "claims": counts[SuggestionKind.CLAIM],
            "contradictions": counts[SuggestionKind.CONTRADICTION],
            "corroborations": counts[SuggestionKind.CORROBORATION],
        },
        request=request,
    )


def reading_section(request: HttpRequest, article: Article) -> SafeString:
    """The bar over the text: how many claims are suggested, their spans for the script's dashed
    highlights (`[[id, start, end], ...]`, one light query), and a list asked for when opened
    (`suggestions:article`; its own page without the script). Five hundred suggestions rendered
    in the page took longer than the rest of it together."""
    spans = [list(row) for row in selectors.pending_spans_for_article(article.pk)]
    if not spans:
        return SafeString("")
    return render_to_string(
        "suggestions/_reading_section.html",
        {
            "article": article,
            "spans": spans,
            "can_decide": roles.can_decide_suggestion(request.user),
            "list_url": reverse("suggestions:article", args=[article.pk]),
            "accept_url": reverse("suggestions:accept", args=[0]),
        },
        request=request,
    )


def register() -> None:
    for sections, section in (
        (panels.BOARD_SECTIONS, board_section),
        (panels.DASHBOARD_SECTIONS, dashboard_section),
        (panels.READING_SECTIONS, reading_section),
    ):
        if section not in sections:
            sections.append(section)
