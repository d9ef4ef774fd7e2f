"""The discussion's pages and API at two sizes in one run: a claim's page without comments and
with 50, the team's latest comments, "For you" for a busy reader and for one named once, and the
API's thread and "for me" lists; and the navigation's count of what is new to a reader, which
every page pays.

`DATABASE_URL=postgres://…/<db> python -m bench discussion` — sizes from
BENCH_DISCUSSION_SIZES (comments, comma separated; default 10000,100000) over 20,000 claims from
`bench/generate.py`; each comment by one of the analysts, one in ten naming another. The busy
reader (`analyst0`) wrote one claim in fifty (the report says how many); the quiet one
(`reviewer1`) is named once, in the oldest comment, which its "For you" must find among all.
"""

import os
import random

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from bench.generate import generate
from bench.harness import Report, timed
from bench.lists import Browser
from claims.models import Claim
from claims.selectors import WAITING_SHOWN, claims_needing_author
from discussion import selectors
from discussion.models import Addressee, Comment
from discussion.services import comment_post

SIZES = [int(s) for s in os.environ.get("BENCH_DISCUSSION_SIZES", "10000,100000").split(",")]
CLAIMS = int(os.environ.get("BENCH_DISCUSSION_CLAIMS", "20000"))
REPEAT = int(os.environ.get("BENCH_DISCUSSION_REPEAT", "20"))
BATCH = 5000


def _post(count: int, first: int, claim_ids: list[int], people: list, rng: random.Random) -> None:
    """`count` comments numbered from `first` (posted in that order), one in ten naming one of
    `people`, with their addressees as `discussion.services.comment_post` writes them."""
    Mention = Comment.mentions.through
    authors = dict(Claim.objects.filter(pk__in=set(claim_ids)).values_list("pk", "created_by_id"))
    for offset in range(0, count, BATCH):
        numbers = range(first + offset, first + min(count, offset + BATCH))
        comments = Comment.objects.bulk_create(
            Comment(
                claim_id=rng.choice(claim_ids),
                author=rng.choice(people),
                body=f"Comment {n}: which week is this figure from?",
            )
            for n in numbers
        )
        mentions = Mention.objects.bulk_create(
            Mention(comment_id=comment.pk, user_id=rng.choice(people).pk)
            for comment in comments[::10]
        )
        mentioned = {mention.comment_id: mention.user_id for mention in mentions}
        Addressee.objects.bulk_create(
            Addressee(comment_id=comment.pk, user_id=user_id)
            for comment in comments
            for user_id in {mentioned.get(comment.pk), authors[comment.claim_id]}
            - {None, comment.author_id}
        )


def run(report: Report) -> None:
    call_command("flush", interactive=False, verbosity=0)
    generate(articles=max(1, CLAIMS // 10), claims=CLAIMS, log=lambda _line: None)
    User = get_user_model()
    people = list(User.objects.filter(username__startswith="analyst"))
    busy, quiet = User.objects.get(username="analyst0"), User.objects.get(username="reviewer1")
    # A claim nobody discusses, the one the quiet reader is named on, the one with a long
    # thread, and the others, which the comments fall on at random.
    silent, named_once, discussed, *others = Claim.objects.values_list("pk", flat=True)
    rng = random.Random(23)
    report.line(f"{CLAIMS:,} claims; {len(people)} analysts; busy reader analyst0 wrote")
    report.line(f"{Claim.objects.filter(created_by=busy).count():,} of them.")
    report.line("")
    comment_post(claim=Claim.objects.get(pk=named_once), author=people[0], body="@reviewer1")
    posted = 1
    for size in SIZES:
        _post(size - posted - 50, posted, others, people, rng)
        _post(50, size - 50, [discussed], people, rng)
        posted = size
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        pages = [
            ("a claim's page, no comments", busy, f"/claims/{silent}/"),
            ("a claim's page, 50+ comments", busy, f"/claims/{discussed}/"),
            ("Discussion, everyone's", busy, "/discussion/"),
            ("Discussion, for the busy reader", busy, "/discussion/?for=me"),
            ("Discussion, for the quiet reader", quiet, "/discussion/?for=me"),
            ("API, a claim's thread", busy, f"/api/comments/?claim={discussed}"),
            ("API, for the quiet reader", quiet, "/api/comments/?for=me"),
        ]
        load = os.getloadavg()[0]
        report.line(f"### {Comment.objects.count():,} comments (load {load:.1f})")
        report.line("")
        report.latency_header()
        # What every page now pays for the navigation's count of what is new (before the pages
        # below mark any of it seen): the busy reader's stops at its cap.
        for label, reader in (("busy reader, 99+ new", busy), ("quiet reader", quiet)):
            count = selectors.new_count(reader, limit=selectors.NEW_SHOWN + 1)
            report.latency(
                f"the navigation's count of new comments, {label} ({count})",
                timed(
                    lambda r=reader: selectors.new_count(r, limit=selectors.NEW_SHOWN + 1), REPEAT
                ),
            )
        # Beside them, the navigation's other count, of the claims waiting for their author.
        report.latency(
            "beside it: the count of the busy reader's claims waiting for them",
            timed(lambda: claims_needing_author(busy, limit=WAITING_SHOWN + 1), REPEAT),
        )
        browsers = {busy: Browser(busy), quiet: Browser(quiet)}
        for label, reader, url in pages:
            for _ in range(3):
                assert browsers[reader].get(url) == 200, url
            report.latency(label, timed(lambda b=browsers[reader], u=url: b.get(u), REPEAT))
        report.line("")
