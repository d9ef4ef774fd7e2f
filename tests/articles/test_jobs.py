"""A PDF or Word file above `ARTICLE_EXTRACT_JOB_BYTES` is read by a job: the API answers 202
with it, the upload page links to it, and the job links to the new article; a retry after the
article was stored adds nothing."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from articles.jobs import EXTRACT, article_ingest_start
from articles.models import Article
from jobs.models import Job, JobStatus
from jobs.services import job_retry
from tests.articles.conftest import make_docx, make_pdf, upload

pytestmark = pytest.mark.django_db

PARAGRAPHS = ["Troops crossed the Velka at dawn.", "The bridge held until noon."]


@pytest.fixture
def heavy(settings, media):
    """Every PDF and Word file is heavy enough for a job."""
    settings.ARTICLE_EXTRACT_JOB_BYTES = 0


def test_a_heavy_upload_answers_202_with_the_job_that_read_it(analyst_client, heavy):
    response = analyst_client.post(
        reverse("api:article-list"),
        {"file": upload("report.docx", make_docx(PARAGRAPHS, title="Crossing"))},
        format="multipart",
    )

    assert response.status_code == 202
    body = response.json()
    assert body["kind"] == EXTRACT
    assert body["status"] == "succeeded"
    article = Article.objects.get()
    assert body["result_url"] == article.get_absolute_url()
    assert article.title == "Crossing"
    assert article.original_file
    assert not default_storage.listdir("ingest")[1]  # the kept upload is gone


def test_a_light_file_is_still_read_in_the_request(analyst_client, settings, media):
    settings.ARTICLE_EXTRACT_JOB_BYTES = 10**9

    response = analyst_client.post(
        reverse("api:article-list"),
        {"file": upload("report.pdf", make_pdf(PARAGRAPHS))},
        format="multipart",
    )

    assert response.status_code == 201
    assert not Job.objects.exists()


def test_text_files_are_never_jobs(analyst_client, heavy):
    response = analyst_client.post(
        reverse("api:article-list"),
        {"file": upload("notes.txt", "\n".join(PARAGRAPHS).encode())},
        format="multipart",
    )

    assert response.status_code == 201


def test_the_details_given_with_the_upload_win(analyst, heavy):
    job = article_ingest_start(
        file=upload("report.pdf", make_pdf(PARAGRAPHS, title="From the file")),
        filename="report.pdf",
        uploaded_by=analyst,
        title="Given",
        author="A. Writer",
    )

    article = Article.objects.get()
    assert job.status == JobStatus.SUCCEEDED
    assert (article.title, article.author) == ("Given", "A. Writer")


def test_an_unreadable_file_fails_its_job_saying_why(analyst, heavy):
    job = article_ingest_start(
        file=upload("broken.pdf", b"%PDF-1.4 not really"),
        filename="broken.pdf",
        uploaded_by=analyst,
    )

    assert job.status == JobStatus.FAILED
    assert job.message
    assert not Article.objects.exists()


def test_a_retry_after_the_article_was_stored_adds_nothing(analyst, heavy):
    content = make_docx(PARAGRAPHS)
    job = article_ingest_start(
        file=upload("report.docx", content), filename="report.docx", uploaded_by=analyst
    )
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED)
    default_storage.save(job.parameters["upload"], upload("report.docx", content))

    job = job_retry(job=job, user=analyst)

    assert job.status == JobStatus.SUCCEEDED
    assert "already stored" in job.message
    assert Article.objects.count() == 1
    assert job.result_url == Article.objects.get().get_absolute_url()


def test_the_upload_page_links_a_heavy_file_to_its_job(client, analyst, heavy):
    client.force_login(analyst)

    response = client.post(
        reverse("articles:upload"),
        {"files": [upload("a.docx", make_docx(PARAGRAPHS)), upload("b.txt", b"Other text.")]},
    )

    assert response.status_code == 200
    content = response.content.decode()
    job = Job.objects.get()
    assert job.result_url in content
    assert Article.objects.count() == 2
