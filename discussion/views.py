"""The discussion's pages: posting on a claim's page, withdrawing, and the team's latest
comments. A claim's thread shows on its page through `discussion.sections`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from claims.models import Claim
from discussion import selectors, services
from discussion.filters import FOR_ME, CommentFilter
from discussion.forms import CommentForm
from discussion.models import Comment
from project.lists import CappedPaginator, query_without


@require_POST
def comment_post(request: HttpRequest, pk: int) -> HttpResponse:
    """Post a comment from a claim's page; back to it, at the new comment. A refused comment
    comes back on a page of its own with the message and the words as typed."""
    claim = get_object_or_404(Claim.all_objects.select_related("article"), pk=pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.comment_post(
                claim=claim, author=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            for field, refusals in error.message_dict.items():
                form.add_error(field if field in form.fields else None, refusals)
        else:
            return redirect(comment.get_absolute_url())
    return render(
        request, "discussion/comment_refused.html", {"claim": claim, "form": form}, status=400
    )


@require_POST
def comment_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("claim"), pk=pk)
    services.comment_withdraw(comment=comment, user=request.user)
    messages.success(request, "Comment withdrawn.")
    return redirect(comment.get_absolute_url())


@require_POST
def comments_all_seen(request: HttpRequest) -> HttpResponse:
    """Every comment for the reader is seen: none is new to them any more."""
    seen = services.comments_seen(user=request.user)
    messages.success(request, f"{seen:,} comment{pluralize(seen)} marked as seen.")
    return redirect(f"{reverse('discussion:list')}?for={FOR_ME}")


class DiscussionView(ListView):
    """The team's latest comments, newest first; "For you": those that mention the reader and
    those of others on the reader's claims. A comment for the reader that they had not seen is
    marked new, this once: shown here, it is seen."""

    template_name = "discussion/discussion.html"
    context_object_name = "comments"
    paginate_by = 50
    paginator_class = CappedPaginator

    def get_queryset(self):
        self.filterset = CommentFilter(
            self.request.GET,
            # A withdrawn comment says nothing here; its thread shows where it was.
            queryset=selectors.comment_list().filter(withdrawn_at__isnull=True),
            request=self.request,
        )
        # A filter that cannot be read lists nothing, with the form's message, rather than
        # everything.
        if not self.filterset.is_valid():
            return Comment.objects.none()
        return selectors.with_news_for(self.filterset.qs, self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            filter=self.filterset,
            for_me=self.filterset.is_valid()
            and self.filterset.form.cleaned_data.get("for") == FOR_ME,
            query_without_page=query_without(self.request),
            **kwargs,
        )
        # Read now, so that the page's new comments are seen before the navigation counts
        # what is still new.
        shown = context["comments"] = context["object_list"] = list(context["object_list"])
        if self.request.method == "GET":
            services.comments_shown(user=self.request.user, comments=shown)
        return context
