"""An export sees the database as it was when it began, however long it takes
(`project.snapshot.read_snapshot`): a colleague's claim written after the articles were read is
not half in the file (the claim without its article, which the restore refuses); and the
export never holds up the colleague's write."""

import json
import threading
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from claims.models import Claim
from exports.export import claim_set_export
from exports.models import ExportRecord
from tests.exports.export_while_writing import export_while_writing
from tests.factories import ClaimFactory
from tests.sqlite_file import run_on_sqlite_file

SCRIPT = Path(__file__).with_name("export_while_writing.py")


def _assert_one_moment(outcome: dict) -> None:
    assert outcome["write_error"] is None
    assert outcome["write_seconds"] < 5  # not held up by the export (SQLite's lock waits 20 s)
    assert outcome["refused"] is None
    assert outcome["claims"] == [outcome["first"]]
    assert (outcome["articles"], outcome["links"]) == (1, 0)
    assert outcome["recorded"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the suite's SQLite is one shared in-memory connection: the SQLite case runs on a "
    "file of its own below",
)
def test_an_export_on_postgresql_holds_the_claims_of_the_moment_it_began():
    outcome = export_while_writing()

    _assert_one_moment(outcome)
    assert Claim.objects.count() == 2  # the write went through, for the next export


def test_an_export_on_sqlite_holds_the_claims_of_the_moment_it_began(tmp_path):
    output = run_on_sqlite_file(SCRIPT, tmp_path / "export.sqlite3")

    _assert_one_moment(json.loads(output.splitlines()[-1]))


@pytest.mark.django_db(transaction=True)
def test_an_export_left_part_way_ends_its_read_and_records_nothing(api_client, analyst):
    ClaimFactory.create_batch(3)
    response = api_client(analyst).get(reverse("api:export"), {"format": "json", "status": "all"})
    stream = iter(response.streaming_content)
    next(stream), next(stream), next(stream)  # the head and the first articles
    assert connection.in_atomic_block  # the export's read is under way

    response.close()  # the client went away

    assert not connection.in_atomic_block
    assert ExportRecord.objects.count() == 0
    ClaimFactory()  # and the connection writes again


@pytest.mark.django_db(transaction=True)
def test_an_export_is_the_first_thing_a_new_thread_asks_of_the_database(analyst):
    """A job worker's or a thread's first query may be the export's own: its snapshot must not
    depend on a connection some earlier query opened (SQLite's transaction mode is only known
    once the connection is open)."""
    claim = ClaimFactory()
    outcome = {}

    def export_in_a_new_thread():
        try:
            export = claim_set_export(
                claims=Claim.objects.all(), format="json", filters={}, user=None, via="command"
            )
            outcome["file"] = json.loads(b"".join(export))
        except Exception as error:  # reported below, in the test's own thread
            outcome["error"] = error
        finally:
            connection.close()

    worker = threading.Thread(target=export_in_a_new_thread)
    worker.start()
    worker.join()

    assert "error" not in outcome, repr(outcome.get("error"))
    assert [record["id"] for record in outcome["file"]["claims"]] == [claim.pk]
