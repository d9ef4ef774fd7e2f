"""One person may have `EXPORT_JOBS_PER_USER` exports to files waiting or running at once: a
script that starts them in a loop, or a hand that will not stop pressing, cannot fill the
workers' hours and the storage for everyone."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exports.jobs import EXPORT
from jobs.models import Job, JobStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("api:export-job")


@pytest.fixture
def three_waiting(settings, analyst, media):
    settings.EXPORT_JOBS_PER_USER = 3
    return [Job.objects.create(kind=EXPORT, created_by=analyst) for _ in range(3)]


def test_a_fourth_export_while_three_wait_is_refused_with_429(three_waiting, api_client, analyst):
    response = api_client(analyst).post(f"{URL}?format=csv")

    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "too_many_jobs"
    assert "You have 3 exports to files waiting or running" in body["detail"]
    assert Job.objects.count() == 3


def test_finished_jobs_and_other_peoples_do_not_count(three_waiting, api_client, analyst):
    three_waiting[0].status = JobStatus.SUCCEEDED
    three_waiting[0].save()
    for _ in range(3):
        Job.objects.create(kind=EXPORT, created_by=UserFactory(groups=["analyst"]))

    response = api_client(analyst).post(f"{URL}?format=csv")

    assert response.status_code == 202


def test_a_job_whose_worker_died_does_not_count(three_waiting, api_client, analyst, settings):
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.JOB_STALE_SECONDS + 60)
    Job.objects.filter(pk=three_waiting[0].pk).update(
        status=JobStatus.RUNNING, started_at=long_ago, heartbeat_at=long_ago
    )

    response = api_client(analyst).post(f"{URL}?format=csv")

    assert response.status_code == 202
    three_waiting[0].refresh_from_db()
    assert three_waiting[0].status == JobStatus.FAILED


def test_the_page_says_why_and_opens_the_jobs(three_waiting, client, analyst):
    client.force_login(analyst)

    response = client.post(reverse("exports:job-start"), {"format": "json"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("jobs:list")
    assert "You have 3 exports to files waiting or running" in response.content.decode()
    assert Job.objects.count() == 3
