"""The jobs pages: whose jobs a person sees, the job page that follows a running job, its
cancel and retry buttons, and the download of the file a job made."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from jobs.models import JobStatus

pytestmark = pytest.mark.django_db


def test_the_list_shows_ones_own_jobs_only(client, analyst, analyst2, make_job):
    mine = make_job(analyst)
    make_job(analyst2, kind="refuse")
    client.force_login(analyst)

    response = client.get(reverse("jobs:list"))

    assert [job.pk for job in response.context["jobs"]] == [mine.pk]


def test_an_admin_sees_every_job(client, analyst, analyst2, staff_user, make_job):
    make_job(analyst)
    make_job(analyst2)
    client.force_login(staff_user)

    response = client.get(reverse("jobs:list"))

    assert len(response.context["jobs"]) == 2
    assert b"Every background job on this instance" in response.content


def test_the_list_of_50_jobs_takes_a_fixed_number_of_queries(
    client, analyst, make_job, django_assert_max_num_queries
):
    for _ in range(50):
        make_job(analyst)
    client.force_login(analyst)

    # session, user, groups (navigation), the stale-job check (one UPDATE), count, page, and the
    # navigation's count of the comments new to the reader
    with django_assert_max_num_queries(8):
        response = client.get(reverse("jobs:list"))
    assert len(response.context["jobs"]) == 50


def test_another_persons_job_page_is_not_found(client, analyst, analyst2, make_job):
    job = make_job(analyst)
    client.force_login(analyst2)

    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.post(reverse("jobs:cancel", args=[job.pk])).status_code == 404


def test_a_running_job_page_is_followed_by_its_script(client, analyst, make_job):
    job = make_job(analyst, status=JobStatus.RUNNING, done=5, total=20)
    client.force_login(analyst)

    response = client.get(job.get_absolute_url())

    content = response.content.decode()
    assert f'data-job-url="/api/jobs/{job.pk}/"' in content
    assert 'data-finished="false"' in content
    assert "js/job.js" in content
    assert "5 / 20" in content
    assert "Cancel the job" in content


def test_cancel_button_cancels_a_queued_job(client, analyst, make_job):
    job = make_job(analyst)
    client.force_login(analyst)

    response = client.post(reverse("jobs:cancel", args=[job.pk]))

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED


def test_cancelling_a_finished_job_says_why_on_its_page(client, analyst, make_job):
    job = make_job(analyst, status=JobStatus.SUCCEEDED)
    client.force_login(analyst)

    response = client.post(reverse("jobs:cancel", args=[job.pk]), follow=True)

    assert "already finished" in response.content.decode()


def test_retry_button_runs_a_failed_job_again(client, analyst, make_job):
    job = make_job(analyst, status=JobStatus.FAILED)
    client.force_login(analyst)

    client.post(reverse("jobs:retry", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED


def test_the_file_a_job_made_is_downloaded_by_its_owner_only(
    client, analyst, analyst2, make_job, media
):
    job = make_job(analyst, status=JobStatus.SUCCEEDED)
    job.result_file.save("claims.csv", ContentFile(b"id,quote\n"), save=True)
    client.force_login(analyst)

    response = client.get(reverse("jobs:download", args=[job.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"id,quote\n"
    assert "attachment" in response["Content-Disposition"]
    client.force_login(analyst2)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_a_job_without_a_file_has_nothing_to_download(client, analyst, make_job):
    job = make_job(analyst, status=JobStatus.SUCCEEDED)
    client.force_login(analyst)

    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
