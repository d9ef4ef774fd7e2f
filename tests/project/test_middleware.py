"""Login required everywhere: a page's script whose session ended is told so."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_page_script_whose_session_ended_is_told_so_with_a_401(client):
    url = reverse("claims:review-action", args=[1])

    asked_for_json = client.post(
        url, {"decision": "approve"}, headers={"Accept": "application/json"}
    )
    plain_form = client.post(url, {"decision": "approve"})

    assert asked_for_json.status_code == 401
    assert "Your session has ended" in asked_for_json.json()["detail"]
    assert plain_form.status_code == 302 and "/accounts/login/" in plain_form["Location"]


def test_a_post_with_a_stale_security_token_says_to_reload(analyst):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)
    url = reverse("claims:review-action", args=[1])

    as_json = client.post(url, {"decision": "approve"}, headers={"Accept": "application/json"})
    as_page = client.post(url, {"decision": "approve"})

    assert as_json.status_code == 403 and "This page is out of date" in as_json.json()["message"]
    assert as_page.status_code == 403 and "Reload the page" in as_page.content.decode()


@pytest.mark.parametrize(
    ("sent", "back_to"),
    [
        ({"data": {"next": "/review/?status=submitted"}}, "/review/%3Fstatus%3Dsubmitted"),
        ({"headers": {"Referer": "http://testserver/sources/3/"}}, "/sources/3/"),
        ({"headers": {"Referer": "https://elsewhere.example/sources/3/"}}, "/"),
        ({}, "/"),
    ],
)
def test_a_form_posted_after_the_session_ended_returns_to_its_page_after_the_login(
    client, sent, back_to
):
    response = client.post(reverse("claims:review-bulk-approve"), **sent)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={back_to}"


def test_a_write_from_a_page_drawn_for_someone_else_is_refused(client, analyst, analyst2):
    client.force_login(analyst2)  # logged in as another person in another tab
    url = reverse("claims:review-action", args=[1])

    drawn_for_analyst = client.post(
        url, {"decision": "approve"}, headers={"X-Corroborate-User": str(analyst.pk)}
    )

    assert drawn_for_analyst.status_code == 409
    assert f"You are now logged in as {analyst2.username}" in drawn_for_analyst.json()["detail"]
    assert (
        client.get(reverse("claims:list"), headers={"X-Corroborate-User": "0"}).status_code == 200
    )
