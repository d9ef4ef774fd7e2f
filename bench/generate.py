"""A realistic evidence base at any size, written with PostgreSQL's COPY:
`DATABASE_URL=postgres://…/big python -m bench generate --articles 100000 --claims 1000000`.

Unlike the other benchmarks it fills the database DATABASE_URL names (migrated first, and
refused unless it holds no article yet), so the production stack and the load test
(bench/locustfile.py) can run on it afterwards. `bench/scale.py` calls the same `generate()`
inside a throwaway database.

What it writes: 50 analysts and 5 reviewers (password `bench-password-1`), sources on a long
tail (one per 500 claims), 100 tags, articles of numbered sentences about an invented border
story (one claim per sentence), claims in every status over two years with 1–3 tags each,
contradicting (a quarter of the claims) and corroborating (a tenth) links, and one history row
("+", created) per article, claim and link, and the claim tallies (ADR 0012), recounted once
after the COPY with their trigger off. Rows are streamed to COPY in batches, never held
all at once; ids are given, then the sequences are set past them; VACUUM ANALYZE at the end.
"""

import argparse
import datetime
import itertools
import os
import random
import sys
import time
import uuid
from collections.abc import Iterable, Iterator

PASSWORD = "bench-password-1"
ANALYSTS = 50
REVIEWERS = 5
TAGS = 100
CLAIMS_PER_SOURCE = 500

_PLACES = ["Halvern", "Dravik", "the northern valley", "the border crossing", "Lindau", "Orsk"]
_ACTORS = ["The ministry", "A regional governor", "The monitoring mission", "Local officials"]
_VERBS = ["said", "reported", "denied", "confirmed", "estimated"]
_COUNTED = ["people", "troops", "refugees", "vehicles", "casualties"]


def _sentence(rng: random.Random, article: int, n: int) -> str:
    return (
        f"{rng.choice(_ACTORS)} {rng.choice(_VERBS)} that {rng.randint(2, 60000):,} "
        f"{rng.choice(_COUNTED)} had crossed near {rng.choice(_PLACES)} on day {n + 1} "
        f"of dispatch {article}."
    )


def _article(rng: random.Random, number: int, sentences: int) -> tuple[str, list[tuple[int, int]]]:
    """Text of two-sentence paragraphs, and the span of every sentence (code points)."""
    text, spans = "", []
    for n in range(sentences):
        if n:
            text += "\n\n" if n % 2 == 0 else " "
        sentence = _sentence(rng, number, n)
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence
    return text, spans


def _copy(model, rows: Iterable[dict]) -> int:
    """COPY `rows` (dicts by field attname) into `model`'s table; fields a row leaves out take
    their model default (a callable one drawn for each row: a uuid is every row's own), so a
    new column with a default needs no change here."""
    from django.db import connection

    fields = model._meta.concrete_fields
    defaults = {field.attname: field.get_default() for field in fields}
    drawn = {field.attname for field in fields if callable(field.default)}
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    written = 0
    with connection.cursor() as cursor:
        sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(
                    [
                        row[name]
                        if name in row
                        else (model._meta.get_field(name).get_default() if name in drawn else value)
                        for name, value in defaults.items()
                    ]
                )
                written += 1
    return written


def _uuid(kind: int, number: int, seed: int) -> uuid.UUID:
    """A claim's (kind 0) or link's (kind 1) uuid, the same for its row and its history."""
    return uuid.UUID(int=(seed << 80) | (kind << 64) | number, version=4)


def _history(row: dict, *, history_id: int, when, user_id: int | None) -> dict:
    return {
        **row,
        "history_id": history_id,
        "history_date": when,
        "history_change_reason": None,
        "history_type": "+",
        "history_user_id": user_id,
    }


def generate(*, articles: int, claims: int, seed: int = 16, log=print) -> dict[str, int]:
    """Write the evidence base; the number of rows of each kind."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone

    from articles.ingest.normalize import content_sha256
    from articles.models import Article
    from claims import link_tallies, tallies
    from claims.aggregates import evidence_changed
    from claims.models import Claim, ClaimLink, ClaimStatus, LinkKind, LinkStatus, Tag
    from sources.models import Reliability, Source, SourceKind

    if connection.vendor != "postgresql":
        raise SystemExit("bench generate writes with COPY: point DATABASE_URL at PostgreSQL.")
    rng = random.Random(seed)
    now = timezone.now()
    counts: dict[str, int] = {}
    sentences = max(1, -(-claims // articles))  # one claim per sentence

    with transaction.atomic():
        User = get_user_model()
        password = make_password(PASSWORD)
        groups = {
            name: Group.objects.get_or_create(name=name)[0] for name in ("analyst", "reviewer")
        }
        analysts = User.objects.bulk_create(
            User(username=f"analyst{n}", password=password) for n in range(ANALYSTS)
        )
        reviewers = User.objects.bulk_create(
            User(username=f"reviewer{n}", password=password) for n in range(REVIEWERS)
        )
        Membership = User.groups.through
        Membership.objects.bulk_create(
            [Membership(user_id=user.pk, group_id=groups["analyst"].pk) for user in analysts]
            + [Membership(user_id=user.pk, group_id=groups["reviewer"].pk) for user in reviewers]
        )
        analyst_ids = [user.pk for user in analysts]
        reviewer_ids = [user.pk for user in reviewers]
        tags = Tag.objects.bulk_create(Tag(name=f"topic-{n}") for n in range(TAGS))
        tag_ids = [tag.pk for tag in tags]
        sources = Source.objects.bulk_create(
            Source(
                name=f"Source {n}",
                kind=SourceKind.values[n % len(SourceKind.values)],
                reliability=rng.choice(Reliability.values),
            )
            for n in range(max(10, claims // CLAIMS_PER_SOURCE))
        )
        source_ids = [source.pk for source in sources]
        reliability_of = {source.pk: source.reliability for source in sources}
        # A long tail: a few sources carry many claims, most carry a few.
        source_weights = list(itertools.accumulate(1 / (rank + 10) for rank in range(len(sources))))

        started = time.perf_counter()
        spans: list[list[tuple[int, int]]] = []
        texts: list[str] = []

        def article_rows() -> Iterator[dict]:
            for number in range(1, articles + 1):
                text, article_spans = _article(rng, number, sentences)
                spans.append(article_spans)
                texts.append(text)
                yield {
                    "id": number,
                    "title": f"Dispatch {number} from the border",
                    "text": text,
                    "published_on": datetime.date(2025, 1, 1)
                    + datetime.timedelta(days=number % 700),
                    "content_sha256": content_sha256(text),
                    "uploaded_by_id": analyst_ids[number % ANALYSTS],
                    "created_at": now - datetime.timedelta(minutes=number),
                }

        counts["articles"] = _copy(Article, article_rows())
        _copy(
            Article.history.model,
            (
                _history(
                    {
                        "id": number,
                        "title": f"Dispatch {number} from the border",
                        "content_sha256": content_sha256(texts[number - 1]),
                        "uploaded_by_id": analyst_ids[number % ANALYSTS],
                        "created_at": now - datetime.timedelta(minutes=number),
                    },
                    history_id=number,
                    when=now - datetime.timedelta(minutes=number),
                    user_id=analyst_ids[number % ANALYSTS],
                )
                for number in range(1, articles + 1)
            ),
        )
        log(f"articles: {counts['articles']:,} in {time.perf_counter() - started:.0f} s")

        statuses = [ClaimStatus.DRAFT] * 25 + [ClaimStatus.SUBMITTED] * 15
        statuses += [ClaimStatus.APPROVED] * 45 + [ClaimStatus.REJECTED] * 15

        def claim_row(number: int) -> dict:
            article = (number - 1) % articles
            start, end = spans[article][((number - 1) // articles) % sentences]
            text = texts[article]
            status = statuses[number % len(statuses)]
            reviewed = status in (ClaimStatus.APPROVED, ClaimStatus.REJECTED)
            created = now - datetime.timedelta(minutes=(number * 7919) % (730 * 24 * 60))
            return {
                "id": number,
                "article_id": article + 1,
                "start": start,
                "end": end,
                "quote": text[start:end],
                "prefix": text[max(0, start - 32) : start],
                "suffix": text[end : end + 32],
                "statement": f"Paraphrase {number}",
                "source_id": (
                    source_id := claim_rng.choices(source_ids, cum_weights=source_weights)[0]
                ),
                "credibility": 1 + number % 6,
                "status": status,
                # A reviewed claim records the reliability it was judged with (ADR 0008).
                "evaluated_reliability": reliability_of[source_id] if reviewed else "",
                "created_by_id": analyst_ids[number % ANALYSTS],
                "reviewed_by_id": reviewer_ids[number % REVIEWERS] if reviewed else None,
                "reviewed_at": created + datetime.timedelta(days=1) if reviewed else None,
                "review_note": "",
                "created_at": created,
                "updated_at": created,
                "version": 1,
                "uuid": _uuid(0, number, seed),
            }

        started = time.perf_counter()
        claim_rng = random.Random(seed)
        # The tallies' trigger would run once per row: off for the COPY, recounted after it.
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE claims_claim DISABLE TRIGGER claims_claim_tally")
        counts["claims"] = _copy(Claim, (claim_row(n) for n in range(1, claims + 1)))
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending events: ALTER may run
            cursor.execute("ALTER TABLE claims_claim ENABLE TRIGGER claims_claim_tally")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        tallies.rebuild()
        claim_rng.seed(seed)  # the history repeats the claims exactly
        _copy(
            Claim.history.model,
            (
                _history(
                    row, history_id=row["id"], when=row["created_at"], user_id=row["created_by_id"]
                )
                for row in (claim_row(n) for n in range(1, claims + 1))
            ),
        )
        log(f"claims: {counts['claims']:,} (with history) in {time.perf_counter() - started:.0f} s")

        def tag_rows() -> Iterator[dict]:
            row_id = itertools.count(1)
            for claim in range(1, claims + 1):
                for tag in rng.sample(tag_ids, 1 + claim % 3):
                    yield {"id": next(row_id), "claim_id": claim, "tag_id": tag}

        # The links' mark triggers too: one refresh per tag row and per link, each planned
        # without statistics inside this transaction, marked about 150 rows a second (hours
        # for a million claims). Off for these COPYs, the marks rebuilt once after them.
        marked = ("claims_claim_tags", "claims_claimlink")
        with connection.cursor() as cursor:
            for table in marked:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER claims_link_marks")
        counts["tag rows"] = _copy(Claim.tags.through, tag_rows())

        pairs: set[tuple[int, int]] = set()
        wanted = [(LinkKind.CONTRADICTS, claims // 4), (LinkKind.CORROBORATES, claims // 10)]
        links: list[tuple[int, int, str]] = []
        for kind, count in wanted:
            while count:
                low, high = sorted(rng.sample(range(1, claims + 1), 2))
                if (low, high) not in pairs:
                    pairs.add((low, high))
                    links.append((low, high, kind))
                    count -= 1

        def link_row(number: int, low: int, high: int, kind: str) -> dict:
            status = LinkStatus.values[number % len(LinkStatus.values)]
            decided = status != LinkStatus.PROPOSED
            return {
                "id": number,
                "kind": kind,
                "claim_a_id": low,
                "claim_b_id": high,
                "note": "They disagree." if kind == LinkKind.CONTRADICTS else "They agree.",
                "status": status,
                "created_by_id": analyst_ids[low % ANALYSTS],
                "created_at": now,
                "decided_by_id": reviewer_ids[high % REVIEWERS] if decided else None,
                "decided_at": now if decided else None,
                "version": 1,
                "uuid": _uuid(1, number, seed),
            }

        link_rows = [link_row(n, *link) for n, link in enumerate(links, start=1)]
        counts["links"] = _copy(ClaimLink, link_rows)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending events: ALTER may run
            for table in marked:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER claims_link_marks")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute("ANALYZE claims_claim, claims_claim_tags, claims_claimlink")
            link_tallies.rebuild(cursor)
        _copy(
            ClaimLink.history.model,
            (
                _history(row, history_id=row["id"], when=now, user_id=row["created_by_id"])
                for row in link_rows
            ),
        )
        with connection.cursor() as cursor:
            for model in (
                Article,
                Article.history.model,
                Claim,
                Claim.history.model,
                Claim.tags.through,
                ClaimLink,
                ClaimLink.history.model,
            ):
                pk = model._meta.pk.column
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, %s), "
                    f"(SELECT COALESCE(MAX({pk}), 1) FROM {table}))",
                    [table, pk],
                )
        evidence_changed()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    log(f"VACUUM ANALYZE in {time.perf_counter() - started:.0f} s")
    return counts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench generate", description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    if args.articles < 1 or args.claims < 1:
        parser.error("--articles and --claims must be at least 1")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings.local")
    import django

    django.setup()
    from django.core.management import call_command

    from articles.models import Article

    call_command("migrate", verbosity=0)
    if Article.objects.exists():
        print("The database already holds articles: give generate an empty one.", file=sys.stderr)
        return 1
    started = time.perf_counter()
    counts = generate(articles=args.articles, claims=args.claims, seed=args.seed)
    summary = ", ".join(f"{count:,} {name}" for name, count in counts.items())
    print(f"Generated {summary} in {time.perf_counter() - started:.0f} s.")
    print(f"Users analyst0…analyst{ANALYSTS - 1}, reviewer0…reviewer{REVIEWERS - 1}: {PASSWORD}")
    return 0
