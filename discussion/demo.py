"""The demo's discussion: a few exchanges on its disputed figures (`claims.demo.loader`)."""

from collections.abc import Callable

from claims.models import Claim
from discussion.models import Comment
from discussion.services import comment_post

#: (claim key in `claims.demo.content.CLAIMS`, author, words), in the order posted.
COMMENTS = [
    (
        "cross-12000",
        "reviewer",
        "Approved, but @analyst: is 12,000 the General Staff's count for the whole valley or "
        "for the three columns alone? The ministry's ceiling may count something else.",
    ),
    (
        "cross-12000",
        "analyst",
        "The columns alone, as I read it. The briefing the next day repeats the figure for the "
        "crossing only; I will record that one too.",
    ),
    (
        "num-9000",
        "analyst",
        "@analyst2 an unnamed official: do we have a second source for 9,000 before review?",
    ),
    (
        "hal-engineers",
        "analyst2",
        "Satellite imagery from the 6th would settle engineers against artillery. Anyone seen it?",
    ),
]


def add_comments(users: dict, claims: dict[str, Claim], log: Callable[[str], None]) -> None:
    """Post the demo's comments on claims that have none yet (a second run adds nothing)."""
    discussed = set(
        Comment.objects.filter(claim__in=[claim.pk for claim in claims.values()]).values_list(
            "claim_id", flat=True
        )
    )
    posted = 0
    for key, author, body in COMMENTS:
        claim = claims[key]
        if claim.pk in discussed or claim.deleted_at is not None:
            continue
        comment_post(claim=claim, author=users[author], body=body)
        posted += 1
    log(f"{posted} comments posted.")
