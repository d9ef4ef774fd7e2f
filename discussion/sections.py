"""What the discussion shows on a claim's page (through `claims.panels`): its thread, and the
form to post on it."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from claims import panels
from claims.models import Claim
from discussion import selectors
from discussion.forms import CommentForm
from project import roles


def claim_thread(request: HttpRequest, claim: Claim) -> SafeString:
    user = request.user
    comments = list(selectors.claim_thread(claim.pk))
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


def register() -> None:
    if claim_thread not in panels.CLAIM_SECTIONS:
        panels.CLAIM_SECTIONS.append(claim_thread)
