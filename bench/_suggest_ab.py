"""One new 5,000-word dispatch suggested against a database already filled with indexed claims,
rolled back after each run, so that two checkouts can be timed in turn on the very same data
and their suggestions compared (`bench.suggest_scale` builds the data and times one checkout).

    createdb -h 127.0.0.1 -U postgres scale && export DATABASE_URL=postgres://…/scale
    python manage.py migrate && python -m bench._suggest_ab --fill 100000
    for i in 1 2 3; do (cd /tmp/base && python -m bench._suggest_ab)
                       python -m bench._suggest_ab; done

Each run prints one line: the checkout, the stored claims, per article (the median of --runs)
wall and CPU milliseconds of `find_passages` alone and of the whole `suggest_for_article` (CPU:
this process's, and the PostgreSQL backend's when it runs on the same machine; on a busy
machine their sum is the steadier figure, what the wall time would be without waiting), the
queries it made, and a digest of the suggestions it made (equal digests: equal suggestions),
with the load average.
"""

import argparse
import hashlib
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class _Rollback(Exception):
    pass


def _made(article_id: int) -> list:
    from suggestions.models import Suggestion

    rows = Suggestion.objects.filter(a_article=article_id) | Suggestion.objects.filter(
        b_article=article_id
    )
    return sorted(
        json.dumps(
            [
                row.kind,
                row.a_start,
                row.a_end,
                row.a_quote,
                row.b_start,
                row.b_end,
                row.b_quote,
                row.statement,
                row.b_statement,
                row.measures,
                row.reason,
                row.score,
                row.a_claim_id is not None,
                row.b_claim_id is not None,
            ],
            sort_keys=True,
        )
        for row in rows
    )


def _server_cpu(pid: int) -> float:
    """CPU seconds the PostgreSQL backend `pid` has used (same machine: /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _one(number: int, user, candidates) -> tuple:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from bench.suggest_scale import _new_article
    from suggestions import analysis, services

    result = None
    try:
        with transaction.atomic():
            article = _new_article(10_000_000 + number, user)
            wall, cpu = time.perf_counter(), time.process_time()
            analysis.find_passages(article.text, published=article.published_on)
            passages = (time.perf_counter() - wall, time.process_time() - cpu)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                backend = cursor.fetchone()[0]
            with CaptureQueriesContext(connection) as queries:
                wall, cpu, server = time.perf_counter(), time.process_time(), _server_cpu(backend)
                services.suggest_for_article(article, candidates=candidates)
                whole = (
                    time.perf_counter() - wall,
                    time.process_time() - cpu,
                    _server_cpu(backend) - server,
                )
            digest = hashlib.sha256("\n".join(_made(article.pk)).encode()).hexdigest()[:12]
            result = (*passages, *whole, len(queries), digest)
            raise _Rollback
    except _Rollback:
        pass
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--fill", type=int, default=0, help="first add claims up to this many")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings.test")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from bench.suggest_scale import _add_claims
    from claims.models import Claim
    from sources.models import Source
    from suggestions import services

    user, _ = get_user_model().objects.get_or_create(username="bench-suggest")
    user.groups.add(Group.objects.get_or_create(name="analyst")[0])
    if args.fill:
        source, _ = Source.objects.get_or_create(
            name="Bench dispatches", kind="other", reliability="C"
        )
        print(f"indexed in {_add_claims(args.fill, user, source):.0f} s")
    candidates = services.source_candidates()
    runs = [_one(number, user, candidates) for number in range(args.runs)]
    columns = list(zip(*runs, strict=True))
    med = [statistics.median(column) * 1000 for column in columns[:5]]
    print(
        f"{ROOT.name:14} claims {Claim.objects.count():>7,} | find_passages wall {med[0]:5.0f} "
        f"cpu {med[1]:4.0f} | suggest_for_article wall {med[2]:5.0f} cpu {med[3]:4.0f} "
        f"+ PostgreSQL cpu {med[4]:4.0f} ms | {columns[5][0]} queries "
        f"| made {' '.join(columns[6])} "
        f"| load {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
