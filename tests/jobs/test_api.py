"""`/api/jobs/`: a person's jobs (an admin's: all), one job's status and progress, cancel and
retry; another person's job is 404."""

import pytest
from django.urls import reverse

from jobs.models import JobStatus

pytestmark = pytest.mark.django_db


def test_the_list_holds_ones_own_jobs(analyst_client, analyst, analyst2, make_job):
    mine = make_job(analyst, status=JobStatus.RUNNING, done=3, total=4)
    make_job(analyst2)

    response = analyst_client.get(reverse("api:job-list"))

    [job] = response.json()["results"]
    assert job["id"] == mine.pk
    assert job["status"] == "running"
    assert (job["done"], job["total"], job["percent"]) == (3, 4, 75)
    assert job["created_by"] == "alice"
    assert job["page_url"] == f"/jobs/{mine.pk}/"


def test_a_page_of_50_jobs_takes_a_fixed_number_of_queries(
    analyst_client, analyst, make_job, django_assert_max_num_queries
):
    for _ in range(50):
        make_job(analyst)

    # the stale-job check (one UPDATE), count, page (with the owners joined)
    with django_assert_max_num_queries(3):
        response = analyst_client.get(reverse("api:job-list"), {"page_size": 50})
    assert len(response.json()["results"]) == 50


def test_another_persons_job_is_not_found(api_client, analyst, analyst2, make_job):
    job = make_job(analyst)
    client = api_client(analyst2)

    assert client.get(reverse("api:job-detail", args=[job.pk])).status_code == 404
    assert client.post(reverse("api:job-cancel", args=[job.pk])).status_code == 404
    assert client.post(reverse("api:job-retry", args=[job.pk])).status_code == 404


def test_an_admin_reads_and_cancels_anyones_job(api_client, analyst, staff_user, make_job):
    job = make_job(analyst)

    response = api_client(staff_user).post(reverse("api:job-cancel", args=[job.pk]))

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"


def test_cancelling_a_finished_job_is_a_conflict(analyst_client, analyst, make_job):
    job = make_job(analyst, status=JobStatus.SUCCEEDED)

    response = analyst_client.post(reverse("api:job-cancel", args=[job.pk]))

    assert response.status_code == 409
    assert response.json()["current"] == {"status": "succeeded"}


def test_retrying_a_failed_job_answers_it_run_again(analyst_client, analyst, make_job):
    job = make_job(analyst, status=JobStatus.FAILED, message="It broke.")

    response = analyst_client.post(reverse("api:job-retry", args=[job.pk]))

    assert response.status_code == 200
    assert response.json()["status"] == "succeeded"
    assert response.json()["message"] == "Counted to three."
