"""The pages' side of suggestions: the accept form (a claim suggestion opens a prefilled claim
form; a pair asks for a confirmation), and the accept and dismiss actions behind the buttons
on the board and the reading view (plain form posts; the scripts use the API)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from articles.models import Article
from claims.models import ClaimStatus, LinkKind, LinkStatus
from project import roles
from project.responses import messages_of, refuse, safe_next_url
from suggestions import selectors, services
from suggestions.forms import SuggestionAcceptForm
from suggestions.models import Suggestion, SuggestionStatus


def _fallback(suggestion: Suggestion) -> str:
    if suggestion.is_pair:
        return reverse("claims:board") + "#suggested"
    return suggestion.a_article.get_absolute_url()


def _done(suggestion: Suggestion) -> str:
    """Where to go after accepting: the claim; a contradiction's link on the board, among the
    links of its status; a corroboration's on the claim's page (the board shows contradictions
    only)."""
    if not suggestion.is_pair:
        return f"{suggestion.a_article.get_absolute_url()}#claim-{suggestion.a_claim_id}"
    link = suggestion.link
    if link.kind == LinkKind.CONTRADICTS:
        return f"{reverse('claims:board')}?status={link.status}#link-{link.pk}"
    return f"{reverse('claims:detail', args=[suggestion.a_claim_id])}#link-{link.pk}"


def _accepted_message(suggestion: Suggestion) -> str:
    """What accepting did, in words: a new draft or a claim already there; a link proposed now,
    or one that was there already (waiting for a reviewer, or confirmed)."""
    if not suggestion.is_pair:
        claim = suggestion.a_claim
        if claim.created_by_id == suggestion.decided_by_id and claim.status == ClaimStatus.DRAFT:
            return _("Accepted: draft claim %(claim)s is yours to check and submit.") % {
                "claim": claim.pk
            }
        return _("Accepted: the passage is already claim %(claim)s (%(status)s).") % {
            "claim": claim.pk,
            "status": claim.get_status_display().lower(),
        }
    link = suggestion.link
    claims = {"a": suggestion.a_claim_id, "b": suggestion.b_claim_id}
    if link.status == LinkStatus.CONFIRMED:
        return (
            _("Accepted: claims %(a)s and %(b)s were already linked, and a reviewer confirmed it.")
            % claims
        )
    return _("Accepted: claims %(a)s and %(b)s are linked, waiting for a reviewer.") % claims


@require_http_methods(["GET", "HEAD", "POST"])
def suggestion_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the prefilled form. POST: accept with what the analyst chose."""
    suggestion = get_object_or_404(
        selectors.with_claims_now(
            Suggestion.objects.select_related("a_article", "b_article", "a_source")
        ),
        pk=pk,
    )
    if not roles.can_decide_suggestion(request.user):
        return refuse(request, PermissionDenied(_("Only analysts can accept suggestions.")))
    if suggestion.status != SuggestionStatus.PENDING:
        messages.info(
            request,
            _("This suggestion was already %(status)s.")
            % {"status": suggestion.get_status_display().lower()},
        )
        return redirect(_fallback(suggestion))
    initial = {"source": suggestion.a_source_id, "statement": suggestion.statement}
    form = SuggestionAcceptForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data
        try:
            suggestion = services.suggestion_accept(
                suggestion=suggestion,
                user=request.user,
                source=chosen["source"],
                credibility=chosen["credibility"],
                statement=None if suggestion.is_pair else chosen["statement"],
                tags=chosen["tags"],
            )
        except PermissionDenied as error:
            return refuse(request, error)
        except ValidationError as error:
            if hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields):
                for field, errors in error.error_dict.items():
                    form.add_error(field, errors)
            else:
                form.add_error(None, messages_of(error))
        else:
            messages.success(request, _accepted_message(suggestion))
            return redirect(_done(suggestion))
    return render(
        request,
        "suggestions/accept.html",
        {"suggestion": suggestion, "form": form, "back": _fallback(suggestion)},
    )


@require_POST
def suggestion_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    """Dismiss for good (the button on the board and the reading view)."""
    suggestion = get_object_or_404(Suggestion.objects.select_related("a_article"), pk=pk)
    next_url = safe_next_url(request, _fallback(suggestion))
    try:
        services.suggestion_dismiss(suggestion=suggestion, user=request.user)
    except PermissionDenied as error:
        return refuse(request, error)
    except ValidationError as error:
        messages.error(request, messages_of(error))
    else:
        messages.success(request, _("Suggestion dismissed: it will not be suggested again."))
    return redirect(next_url)


@require_safe
def article_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """An article's pending suggested claims: a page of its own (the reading view links to it
    for a browser without the script), or with `?fragment=1` the list's items alone, which the
    reading view's script asks for when the list is opened."""
    article = get_object_or_404(Article.objects.only("id", "title"), pk=pk)
    page_url = reverse("suggestions:article", args=[article.pk])
    context = {
        "article": article,
        "suggestions": list(selectors.pending_for_article(article.pk)),
        "can_decide": roles.can_decide_suggestion(request.user),
        "next_url": page_url,
    }
    if request.GET.get("fragment"):
        context["next_url"] = article.get_absolute_url()
        return render(request, "suggestions/_suggestion_items.html", context)
    return render(request, "suggestions/article_suggestions.html", context)
