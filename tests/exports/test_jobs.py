"""Imports above `CLAIM_IMPORT_JOB_BYTES` and exports to a file run as jobs: the API answers
202 with the job, the job (run at once by the tests' immediate backend) restores or writes the
set, is cancellable between batches (nothing kept), and a retry duplicates nothing."""

import hashlib
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from claims.models import Claim, ClaimLink
from exports import restore
from exports.jobs import IMPORT, claim_set_import_start
from exports.models import ExportRecord
from jobs import runner
from jobs.models import Job, JobStatus
from jobs.services import job_retry
from tests.exports.claim_set_files import broken, nothing_stored, post_import
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_job(settings, media):
    """Every import is large enough to be a job."""
    settings.CLAIM_IMPORT_JOB_BYTES = 0


def _upload(document: dict) -> io.BytesIO:
    upload = io.BytesIO(json.dumps(document).encode())
    upload.name = "claims.json"
    upload.size = len(upload.getvalue())
    return upload


def test_a_large_import_answers_202_with_the_job_that_restored_it(
    document, api_client, staff_user, as_job
):
    response = post_import(api_client(staff_user), json.dumps(document))

    assert response.status_code == 202
    body = response.json()
    assert response["Location"] == f"/api/jobs/{body['id']}/"
    assert body["kind"] == IMPORT
    assert body["status"] == "succeeded"
    assert body["result"]["created"]["claims"] == len(document["claims"])
    assert body["done"] == body["total"] == len(document["claims"]) + len(document["links"])
    assert Claim.all_objects.count() == len(document["claims"])
    assert not default_storage.listdir("imports")[1]  # the upload is deleted once restored


def test_a_small_import_stays_in_the_request(document, api_client, staff_user, settings):
    settings.CLAIM_IMPORT_JOB_BYTES = 10**9

    response = post_import(api_client(staff_user), json.dumps(document))

    assert response.status_code == 201
    assert not Job.objects.exists()


def test_a_refused_file_fails_its_job_with_the_problems(document, api_client, staff_user, as_job):
    def change(spoiled):
        spoiled["links"][0]["claim_b"] = 999999

    response = post_import(api_client(staff_user), broken(document, change))

    body = response.json()
    assert body["status"] == "failed"
    assert body["message"] == "links[0]: the claim 999999 (claim_b) is not in the file."
    assert body["result"]["problems"] == [body["message"]]
    assert nothing_stored()


def test_a_retried_import_matches_what_the_first_run_wrote(document, staff_user, as_job):
    job = claim_set_import_start(upload=_upload(document), user=staff_user)
    assert job.status == JobStatus.SUCCEEDED
    # As if the worker had died after the restore committed, before the job was marked done.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED)
    upload = _upload(document)
    default_storage.save(job.parameters["upload"], upload)

    job = job_retry(job=job, user=staff_user)

    assert job.status == JobStatus.SUCCEEDED
    assert job.result["created"]["claims"] == 0
    assert job.result["matched"]["claims"] == len(document["claims"])
    assert Claim.all_objects.count() == len(document["claims"])
    assert ClaimLink.objects.count() == len(document["links"])


def test_a_cancelled_import_keeps_nothing(document, staff_user, as_job, monkeypatch):
    monkeypatch.setattr(runner, "PROGRESS_EVERY_SECONDS", 0)
    monkeypatch.setattr(restore._Restore, "BATCH", 5)
    asked = []

    def cancel_after_the_first_batch(self, done):
        real_progress(self, done)
        if not asked:
            asked.append(True)
            Job.objects.filter(kind=IMPORT).update(cancel_requested=True)

    real_progress = restore._Restore.progress
    monkeypatch.setattr(restore._Restore, "progress", cancel_after_the_first_batch)

    job = claim_set_import_start(upload=_upload(document), user=staff_user)

    assert job.status == JobStatus.CANCELLED
    assert 0 < job.done < len(document["claims"])
    assert nothing_stored()


def test_an_import_job_is_rechecked_against_its_starter_role(document, staff_user, as_job):
    job = claim_set_import_start(upload=_upload(document), user=staff_user)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED)
    default_storage.save(job.parameters["upload"], _upload(document))
    staff_user.is_staff = staff_user.is_superuser = False
    staff_user.save()

    job = job_retry(job=job, user=staff_user)

    assert job.status == JobStatus.FAILED
    assert job.message == "Only admins can import claim sets."


def test_the_import_page_hands_the_file_to_a_job(document, client, staff_user, as_job):
    client.force_login(staff_user)

    response = client.post(reverse("exports:import"), {"file": _upload(document)})

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert job.status == JobStatus.SUCCEEDED
    assert Claim.all_objects.count() == len(document["claims"])


def test_the_import_page_asks_for_a_file(client, staff_user):
    client.force_login(staff_user)

    response = client.post(reverse("exports:import"), {})

    assert response.status_code == 400
    assert "Choose the JSON file to import." in response.content.decode()


def test_an_export_to_a_file_is_downloaded_when_ready(demo, client, api_client, analyst, media):
    response = api_client(analyst).post(
        reverse("api:export-job"), {"format": "csv", "status": ""}, format="json"
    )

    assert response.status_code == 202
    job = Job.objects.get(pk=response.json()["id"])
    assert job.status == JobStatus.SUCCEEDED
    assert job.done == job.total == Claim.objects.count()
    record = ExportRecord.objects.get(pk=job.result["export_id"])
    assert record.via == "api"
    # The script that asked for it fetches it with its token, as the rest of the API.
    download_url = response.json()["download_url"]
    assert download_url == f"/api/jobs/{job.pk}/download/"
    download = api_client(analyst).get(download_url)
    content = b"".join(download.streaming_content)
    assert hashlib.sha256(content).hexdigest() == record.sha256
    # A browser downloads it from the job page as before; nobody else sees it.
    client.force_login(analyst)
    on_the_page = client.get(reverse("jobs:download", args=[job.pk]))
    assert b"".join(on_the_page.streaming_content) == content
    assert api_client(UserFactory(groups=["analyst"])).get(download_url).status_code == 404


def test_an_export_job_with_a_bad_format_is_refused_at_once(api_client, analyst):
    response = api_client(analyst).post(reverse("api:export-job"), {"format": "xls"})

    assert response.status_code == 400
    assert "format" in response.json()
    assert not Job.objects.exists()


def test_the_exports_page_starts_an_export_to_a_file(demo, client, analyst, media):
    client.force_login(analyst)

    response = client.post(reverse("exports:job-start"), {"format": "json"})

    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.result_file.name.endswith(".json")
    assert json.loads(job.result_file.read())["format"] == "corroborate-claim-set"


def test_an_export_job_takes_its_format_in_the_query_string(api_client, analyst, media):
    # `format` is the export's, not DRF's choice of renderer (which would answer 404).
    response = api_client(analyst).post(reverse("api:export-job") + "?format=csv&status=")

    assert response.status_code == 202
    assert response.json()["status"] == "succeeded"


@pytest.mark.parametrize("export_format", ["csv", "json", "jsonl", "jsonld"])
def test_an_export_file_is_downloaded_with_the_type_the_direct_export_sends(
    demo, client, api_client, analyst, media, export_format
):
    # The file's type was guessed from its name: JSON Lines came as octet-stream, CSV without
    # its charset, JSON-LD without the Web Annotation profile.
    direct = api_client(analyst).get(reverse("api:export"), {"format": export_format, "status": ""})
    job_id = (
        api_client(analyst)
        .post(reverse("api:export-job"), {"format": export_format, "status": ""}, format="json")
        .json()["id"]
    )
    client.force_login(analyst)

    by_api = api_client(analyst).get(f"/api/jobs/{job_id}/download/")
    on_the_page = client.get(reverse("jobs:download", args=[job_id]))

    assert by_api["Content-Type"] == on_the_page["Content-Type"] == direct["Content-Type"]
