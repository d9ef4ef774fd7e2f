"""Article pages: the list with search, adding articles, correcting their details, and the
original file. Thin views over the forms, selectors and services."""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe
from django_filters.views import FilterView

from articles import ingest, selectors, services
from articles.filters import ArticleFilter
from articles.forms import ArticleDetailsForm, ArticleUploadForm
from articles.jobs import article_ingest_start, is_heavy
from articles.models import Article
from jobs.models import Job
from project import roles
from project.errors import Conflict
from project.form_changes import changes_made, remember_values_shown
from project.lists import CappedPaginator
from project.sorting import SortableListMixin

TEXT_PREVIEW_LENGTH = 1500
_HIT = re.compile(f"{selectors.HIT_START}(.*?){selectors.HIT_END}", re.DOTALL)


def snippet_parts(snippet: str, words: list[str]) -> list[tuple[str, bool]]:
    """A search snippet as (text, is_hit) pieces for the template to escape and mark.

    PostgreSQL's headline arrives with its hits marked; the SQLite fallback's window of text
    is marked here, wherever a search word occurs (ignoring case).
    """
    snippet = _whole_words(" ".join(snippet.split()))
    if selectors.HIT_START not in snippet and words:
        pattern = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
        snippet = re.sub(
            pattern,
            lambda hit: f"{selectors.HIT_START}{hit.group(0)}{selectors.HIT_END}",
            snippet,
            flags=re.IGNORECASE,
        )
    pieces = _HIT.split(snippet)
    return [(piece, index % 2 == 1) for index, piece in enumerate(pieces) if piece]


def _whole_words(snippet: str) -> str:
    """Drop the half word left at an end where the snippet was cut out of the text."""
    cut = selectors.SNIPPET_CUT
    if snippet.startswith(f"{cut} "):
        snippet = f"{cut} " + snippet[2:].partition(" ")[2]
    if snippet.endswith(f" {cut}"):
        snippet = snippet[:-2].rpartition(" ")[0] + f" {cut}"
    return snippet


class ArticleListView(SortableListMixin, FilterView):
    """Articles, filtered and searched; while searching, the best matches come first."""

    template_name = "articles/article_list.html"
    filterset_class = ArticleFilter
    paginate_by = 50
    sortable = {
        "title": "title",
        "published": "published_on",
        "added": "created_at",
        "claims": "claim_count",
        "outlet": "outlet__name",
        "relevance": "rank",
    }
    default_sort = "-added"
    #: Counts stop at a thousand articles ("1,000+", ADR 0014), as the claim list's: a hundred
    #: thousand articles took a COUNT of every one on each visit.
    paginator_class = CappedPaginator

    ranked = False  # whether the search filter applied, so that `rank` exists

    def current_sort(self) -> str:
        requested = self.request.GET.get("sort", "").lstrip("-")
        if self.ranked and (requested == "relevance" or requested not in self.sortable):
            return "-relevance"
        if requested == "relevance":  # relevance means nothing without a search
            return self.default_sort
        return super().current_sort()

    def get_queryset(self):
        return selectors.article_list()

    def paginate_queryset(self, queryset, page_size):
        """Sort and page through the matching articles' ids (and what they sort on), then load
        only the shown articles with their outlet, uploader and counts: a search that matches
        most of 100,000 articles then ranks narrow rows (45 ms) instead of joining every match
        to its outlet and uploader first (140 ms)."""
        # Sorted once filtered: only a search that was applied gives the rows a `rank`.
        self.ranked = "rank" in queryset.query.annotations
        ids = self.sort(queryset).values_list("pk", flat=True)
        paginator, page, page_ids, is_paginated = super().paginate_queryset(ids, page_size)
        page_ids = list(page_ids)
        shown = {article.pk: article for article in queryset.filter(pk__in=page_ids)}
        page.object_list = [shown[pk] for pk in page_ids]
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["searching"] = self.ranked
        if self.ranked:
            terms = self.request.GET.get("q", "")
            words = selectors.search_words(terms)
            page = list(context["article_list"])
            snippets = selectors.article_snippets([article.pk for article in page], terms)
            for article in page:
                article.snippet_parts = snippet_parts(snippets.get(article.pk, ""), words)
            context["article_list"] = page
        context["can_add_article"] = roles.can_add_article(self.request.user)
        return context


@dataclass
class UploadOutcome:
    """What became of one file (or the pasted text) on the upload page."""

    name: str
    article: Article | None = None
    duplicate: dict | None = None
    error: str = ""
    same_url: list[Article] = field(default_factory=list)
    job: Job | None = None


def _outcome(name: str, add) -> UploadOutcome:
    try:
        article = add()
    except Conflict as conflict:
        return UploadOutcome(name=name, duplicate=conflict.current, error=conflict.message)
    except ValidationError as error:
        return UploadOutcome(name=name, error=" ".join(error.messages))
    return UploadOutcome(
        name=name, article=article, same_url=list(selectors.articles_with_same_url(article))
    )


def _add_file(request: HttpRequest, file: UploadedFile, details: dict) -> UploadOutcome:
    if is_heavy(file.name, file.size):
        job = article_ingest_start(
            file=file, filename=file.name, uploaded_by=request.user, **details
        )
        return UploadOutcome(name=file.name, job=job)
    return _outcome(
        file.name,
        lambda: services.article_ingest(
            file=file, filename=file.name, uploaded_by=request.user, **details
        ),
    )


def _add_pasted(request: HttpRequest, text: str, details: dict) -> UploadOutcome:
    return _outcome(
        "Pasted text",
        lambda: services.article_create(text=text, uploaded_by=request.user, **details),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def article_upload(request: HttpRequest) -> HttpResponse:
    """Add articles from files (several at once) or pasted text.

    One article added: on to its details, prefilled from the file, to check them (that page
    also flags other articles with the same URL). Otherwise the page lists what became of each
    file; the ones that failed say why.
    """
    if not roles.can_add_article(request.user):
        raise PermissionDenied("Only analysts and reviewers can add articles.")
    outcomes: list[UploadOutcome] = []
    if request.method == "POST":
        form = ArticleUploadForm(request.POST, request.FILES)
        if form.is_valid():
            details = form.details()
            outcomes = [_add_file(request, file, details) for file in form.cleaned_data["files"]]
            if form.cleaned_data["pasted_text"].strip():
                outcomes.append(_add_pasted(request, form.cleaned_data["pasted_text"], details))
            if len(outcomes) == 1 and outcomes[0].article is not None:
                article = outcomes[0].article
                messages.success(request, f"Added “{article.title}”. Check its details.")
                return redirect("articles:edit", article.pk)
            if all(outcome.article is not None for outcome in outcomes):
                form = ArticleUploadForm()
    else:
        form = ArticleUploadForm()
    return render(
        request,
        "articles/upload.html",
        {
            "form": form,
            "outcomes": outcomes,
            "added": sum(outcome.article is not None for outcome in outcomes),
            "max_upload_bytes": settings.ARTICLE_MAX_UPLOAD_BYTES,
            "max_upload_size": ingest.file_size(settings.ARTICLE_MAX_UPLOAD_BYTES),
            "extensions": ingest.SUPPORTED_EXTENSIONS,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Check and correct an article's details (not its text): the uploader or an admin."""
    article = get_object_or_404(selectors.article_detail(), pk=pk)
    if not roles.can_edit_article(request.user, article):
        raise PermissionDenied("Only the uploader or an admin can change an article's details.")
    stored_title = article.title  # the form writes into `article` before it is saved
    form = ArticleDetailsForm(request.POST or None, instance=article)
    remember_values_shown(form)
    if request.method == "POST" and form.is_valid():
        changes = changes_made(form, form.cleaned_data)
        try:
            # The details as stored now, with this person's changes only.
            stored = Article.objects.get(pk=article.pk)
            services.article_update(article=stored, user=request.user, **changes)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Details saved.")
            return redirect(article)
    return render(
        request,
        "articles/upload_details.html",
        {
            "form": form,
            "article": article,
            "stored_title": stored_title,
            "preview": article.text[:TEXT_PREVIEW_LENGTH],
            "preview_cut": len(article.text) > TEXT_PREVIEW_LENGTH,
            "same_url": selectors.articles_with_same_url(article),
        },
    )


@require_safe
def article_original(request: HttpRequest, pk: int) -> FileResponse:
    """The file the article was made from, as uploaded, for people who are logged in."""
    article = get_object_or_404(
        Article.objects.only("id", "original_file", "original_filename"), pk=pk
    )
    if not article.original_file:
        raise Http404("This article was not made from a file.")
    try:
        handle = article.original_file.open("rb")
    except FileNotFoundError:
        raise Http404("The original file is missing from storage.") from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=article.original_filename or article.original_file.name.rsplit("/", 1)[-1],
    )
