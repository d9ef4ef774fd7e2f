"""The exports page, the download behind the Export buttons, the buttons partial, the admin and
the export command."""

import csv
import hashlib
import io
import json
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from exports.models import ExportChannel, ExportFormat, ExportRecord

pytestmark = pytest.mark.django_db


def _records(count: int, *, user) -> None:
    ExportRecord.objects.bulk_create(
        ExportRecord(
            id=uuid.uuid4(),
            exported_by=user,
            via=ExportChannel.PAGE,
            format=ExportFormat.CSV,
            filters={"status": "approved", "tag": f"topic-{n}"},
            claim_count=n,
            size=n * 100,
            sha256="a" * 64,
            exported_at=timezone.now(),
        )
        for n in range(count)
    )


def test_exports_page_has_a_fixed_query_budget(
    client, staff_user, analyst, reviewer, django_assert_max_num_queries, count_queries
):
    client.force_login(staff_user)
    _records(5, user=analyst)
    small = count_queries(client, reverse("exports:list"))
    _records(25, user=analyst)
    _records(20, user=reviewer)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("exports:list"))

    assert len(response.context["records"]) == 50
    assert count_queries(client, reverse("exports:list")) == small


def test_staff_see_every_export_and_others_only_their_own(client, staff_user, analyst, reviewer):
    _records(2, user=analyst)
    _records(3, user=reviewer)

    client.force_login(analyst)
    own = client.get(reverse("exports:list")).context["records"]
    client.force_login(staff_user)
    everyone = client.get(reverse("exports:list")).context["records"]

    assert {record.exported_by for record in own} == {analyst}
    assert len(everyone) == 5


def test_exports_page_shows_who_exported_what(client, analyst):
    _records(1, user=analyst)
    client.force_login(analyst)

    page = client.get(reverse("exports:list")).content.decode()

    assert "status: approved · tag: topic-0" in page
    assert "a" * 64 in page
    assert 'href="/exports/download/?format=csv&amp;bom=1"' in page


def test_download_from_the_page_streams_and_records_it(demo, client, django_user_model):
    analyst = django_user_model.objects.get(username="analyst")
    client.force_login(analyst)

    response = client.get(reverse("exports:download"), {"format": "csv", "status": ""})

    content = b"".join(response.streaming_content)
    record = ExportRecord.objects.get()
    assert record.via == ExportChannel.PAGE
    assert record.exported_by == analyst
    assert record.filters == {}
    assert record.sha256 == hashlib.sha256(content).hexdigest()
    rows = list(csv.DictReader(io.StringIO(content.decode(), newline="")))
    assert {row["status"] for row in rows} == {"draft", "submitted", "approved", "rejected"}


def test_download_with_a_bad_filter_explains_and_exports_nothing(client, analyst):
    client.force_login(analyst)

    response = client.get(reverse("exports:download"), {"format": "csv", "credibility": "9"})

    assert response.status_code == 400
    assert "Nothing was exported" in response.content.decode()
    assert not ExportRecord.objects.exists()


def test_download_needs_a_role(client, no_role_user):
    client.force_login(no_role_user)

    response = client.get(reverse("exports:download"), {"format": "csv"})

    assert response.status_code == 403


def _buttons(user, query: str) -> str:
    request = RequestFactory().get(f"/claims/?{query}")
    request.user = user
    return render_to_string(
        "exports/_export_buttons.html",
        {"request": request, "is_analyst": True, "is_reviewer": False},
    )


def test_export_buttons_carry_the_claim_list_filter(analyst):
    html = _buttons(analyst, "status=submitted&tag=troop-numbers&page=2")

    assert (
        'href="/exports/download/?status=submitted&amp;tag=troop-numbers&amp;page=2&amp;format=csv"'
        in html
    )
    for label in ("CSV", "JSON", "JSON Lines", "JSON-LD"):
        assert f">{label}</a>" in html


def test_export_buttons_on_an_unfiltered_list_export_every_status_as_listed(analyst):
    html = _buttons(analyst, "")

    assert 'href="/exports/download/?status=&amp;format=jsonld"' in html


def test_export_buttons_escape_the_query_string(analyst):
    html = _buttons(analyst, "q=%22%3E%3Cscript%3E")

    assert "<script>" not in html
    assert "q=%22%3E%3Cscript%3E" in html


def test_export_records_are_read_only_in_the_admin(client, staff_user, analyst):
    _records(1, user=analyst)
    record = ExportRecord.objects.get()
    client.force_login(staff_user)

    listing = client.get(reverse("admin:exports_exportrecord_changelist"))
    detail = client.get(reverse("admin:exports_exportrecord_change", args=[record.pk]))

    assert listing.status_code == 200
    assert "topic-0" in listing.content.decode()
    assert detail.status_code == 200
    assert (
        client.post(reverse("admin:exports_exportrecord_delete", args=[record.pk])).status_code
        == 403
    )


def test_export_command_writes_the_file_and_records_it(demo, tmp_path, capsys):
    path = tmp_path / "claims.jsonld"

    call_command("export_claims", "--format", "jsonld", "--tag", "troop-numbers", "-o", str(path))

    collection = json.loads(path.read_text())
    record = ExportRecord.objects.get()
    assert record.via == ExportChannel.COMMAND
    assert record.exported_by is None
    assert record.filters == {"status": "approved", "tag": "troop-numbers"}
    assert record.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert collection["filters"] == record.filters
    assert str(record.pk) in capsys.readouterr().out


def test_export_command_any_status_and_bom(demo, tmp_path):
    path = tmp_path / "claims.csv"

    call_command("export_claims", "--format", "csv", "--status", "any", "--bom", "-o", str(path))

    content = path.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    assert ExportRecord.objects.get().filters == {}


def test_export_command_refuses_an_unknown_status(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("export_claims", "--format", "csv", "--status", "nope", "-o", "x")


@pytest.mark.parametrize("where", ["no-such-folder/claims.json", "a-folder"])
def test_export_command_that_cannot_write_says_so_and_leaves_no_file(demo, tmp_path, where):
    """Audit J3: a traceback (and, on a full disk, a cut-off file under the name asked for)."""
    (tmp_path / "a-folder").mkdir()
    path = str(tmp_path / where)

    with pytest.raises(CommandError, match=f"Cannot write {path}: "):
        call_command("export_claims", "--format", "json", "-o", path)

    assert not ExportRecord.objects.exists()
    assert [path.name for path in tmp_path.iterdir()] == ["a-folder"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_export_command_onto_a_full_device_says_so(demo):
    with pytest.raises(CommandError, match="Cannot write /dev/full: No space left on device"):
        call_command("export_claims", "--format", "json", "-o", "/dev/full")

    assert Path("/dev/full").is_char_device()


def test_export_command_leaves_only_the_finished_file(demo, tmp_path):
    call_command("export_claims", "--format", "json", "-o", str(tmp_path / "claims.json"))

    assert [path.name for path in tmp_path.iterdir()] == ["claims.json"]
