"""A download streams at most `EXPORT_STREAM_MAX_CLAIMS` claims: a larger export would outlive
the request's time limit and be cut off mid-file, so it is refused up front with the way to
prepare it as a file in the background, which takes any size."""

import csv
import io
import json
import re
from html import unescape

import pytest
from django.urls import reverse

from exports.models import ExportRecord
from jobs.models import Job
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def four_claims(settings):
    """Four draft claims, two of them from one source; the limit set at three."""
    settings.EXPORT_STREAM_MAX_CLAIMS = 3
    source = SourceFactory()
    return ClaimFactory.create_batch(2, source=source) + ClaimFactory.create_batch(2)


def test_an_api_export_over_the_limit_is_refused_with_the_way_to_a_file(four_claims, export):
    response, content = export(four_claims[0].created_by, format="json", status="all")

    assert response.status_code == 400
    [message] = json.loads(content)["claims"]
    assert "more than 3 claims" in message
    assert "POST /api/export/job/" in message
    assert not ExportRecord.objects.exists()


def test_an_api_export_within_the_limit_streams(four_claims, export):
    source = four_claims[0].source_id
    response, content = export(
        four_claims[0].created_by, format="json", status="all", source=source
    )

    assert response.status_code == 200
    assert len(json.loads(content)["claims"]) == 2


def test_no_limit_when_it_is_set_to_zero(four_claims, export, settings):
    settings.EXPORT_STREAM_MAX_CLAIMS = 0

    response, content = export(four_claims[0].created_by, format="csv", status="all")

    assert response.status_code == 200
    assert len(list(csv.DictReader(io.StringIO(content.decode(), newline="")))) == 4


def test_a_page_download_over_the_limit_offers_the_file_in_the_background(four_claims, client):
    analyst = four_claims[0].created_by
    client.force_login(analyst)

    response = client.get(reverse("exports:download"), {"format": "csv", "status": "", "bom": "1"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "more than 3 claims" in page
    assert not ExportRecord.objects.exists()
    # The page's button posts the same format and filter to the export job.
    form = re.search(
        r'<form method="post" action="([^"]+)" class="export-to-file">(.*?)</form>', page, re.S
    )
    action = form[1]
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form[2]))
    hidden = {name: unescape(value) for name, value in hidden.items()}
    assert hidden.pop("csrfmiddlewaretoken")
    assert hidden == {"format": "csv", "status": "", "bom": "1"}

    started = client.post(action, hidden)

    job = Job.objects.get()
    assert started.status_code == 302
    assert started["Location"] == job.get_absolute_url()
    assert job.created_by == analyst
    assert "format=csv" in job.parameters["query"]
