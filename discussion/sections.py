"""What the discussion shows on claims' pages (through `claims.panels`): a claim's thread and
the form to post on it; above an article's text, which of its claims are discussed; and on
every claim list's rows, how many comments each claim has (`claims.selectors.CLAIM_COUNTS`)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from articles.models import Article
from claims import panels
from claims import selectors as claim_selectors
from claims.models import Claim
from discussion import selectors, services
from discussion.forms import CommentForm
from project import roles


def claim_thread(request: HttpRequest, claim: Claim) -> SafeString:
    user = request.user
    comments = list(selectors.with_news_for(selectors.claim_thread(claim.pk), user))
    services.comments_shown(user=user, comments=comments)
    for comment in comments:
        comment.can_withdraw = not comment.is_withdrawn and roles.can_withdraw_comment(
            user, comment
        )
    return render_to_string(
        "discussion/_thread.html",
        {
            "claim": claim,
            "comments": comments,
            "form": CommentForm() if roles.can_comment(user, claim) else None,
        },
        request=request,
    )


def reading_section(request: HttpRequest, article: Article) -> SafeString:
    """Above an article's text: which of its claims the team is discussing, latest first, each
    a link to its thread. Nothing when none is."""
    discussed = selectors.discussed_claims(article.pk, request.user)
    if not discussed:
        return SafeString("")
    return render_to_string(
        "discussion/_reading_section.html",
        {
            "discussed": discussed,
            "comments": sum(row["comments"] for row in discussed),
            "new": sum(row["new"] for row in discussed),
        },
        request=request,
    )


def register() -> None:
    claim_selectors.CLAIM_COUNTS["comment_count"] = selectors.live_comment_count
    for sections, section in (
        (panels.CLAIM_SECTIONS, claim_thread),
        (panels.READING_SECTIONS, reading_section),
    ):
        if section not in sections:
            sections.append(section)
