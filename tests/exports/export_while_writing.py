"""An export read while a colleague writes: the export has written its articles when another
connection stores a new article, a claim on it and a link to the export's claim; then the export
goes on. Used by `test_export_snapshot.py` on the suite's PostgreSQL database, and run as a
script on an SQLite file of its own (the suite's SQLite is one shared in-memory connection, where
two connections never meet): `python export_while_writing.py FILE` prints the outcome as JSON."""

import json
import os
import sys
import threading
import time

import django


def export_while_writing() -> dict:
    """Returns what the export held, whether the restore's own check refused it, and how the
    write went (its error, if any, and how long it took)."""
    from django.db import connection, transaction
    from django.http import QueryDict

    from exports.claim_set_file import ClaimSetRefused
    from exports.export import claim_set_export
    from exports.selectors import export_filter
    from exports.validation import read_claim_set
    from tests.factories import ArticleFactory, ClaimFactory, ClaimLinkFactory, UserFactory

    analyst = UserFactory(groups=["analyst"])
    first = ClaimFactory(created_by=analyst)
    claims = export_filter(QueryDict("status=all")).qs
    export = claim_set_export(claims=claims, format="json", filters={}, user=analyst, via="api")
    stream = iter(export)
    written = []
    for piece in stream:
        written.append(piece)
        if piece.startswith(b'"sources": ['):  # the articles are in the file
            break

    outcome = {"write_error": None}

    def write() -> None:
        started = time.perf_counter()
        try:
            with transaction.atomic():
                claim = ClaimFactory(article=ArticleFactory(), source=first.source)
                ClaimLinkFactory(claim_a=first, claim_b=claim)
        except Exception as error:
            outcome["write_error"] = f"{type(error).__name__}: {error}"
        finally:
            outcome["write_seconds"] = time.perf_counter() - started
            connection.close()

    writer = threading.Thread(target=write)
    writer.start()
    writer.join()
    content = b"".join(written) + b"".join(stream)
    document = json.loads(content)
    try:
        read_claim_set(content)
        outcome["refused"] = None
    except ClaimSetRefused as refused:
        outcome["refused"] = refused.problems
    outcome.update(
        articles=len(document["articles"]),
        claims=[claim["id"] for claim in document["claims"]],
        links=len(document["links"]),
        first=first.pk,
        recorded=export.record is not None,
    )
    return outcome


def main(database: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings.local")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(json.dumps(export_while_writing()))


if __name__ == "__main__":
    main(sys.argv[1])
