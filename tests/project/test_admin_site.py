"""The admin's list pages (project/admin_site.py): a filter from the query string that the
database cannot run — a year out of range, a regular expression it cannot compile, a JSON lookup
SQLite lacks — shows the whole list with a message, on every list page of every registered
admin, ours and the libraries'; never a server error (a number past 64 bits gets the site's 400
page for it)."""

import pytest
from django.contrib import admin
from django.db import models
from django.test import Client

from claims.models import Tag
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def _bad_filters(model) -> list[str]:
    """One lookup the database cannot run for each field of `model` that can carry one."""
    lookups = []
    for field in model._meta.concrete_fields:
        if isinstance(field, (models.DateField, models.DateTimeField)):
            lookups += [f"{field.name}__year=99999", f"{field.name}__iso_year=0"]
        elif isinstance(field, (models.CharField, models.TextField)) and not field.choices:
            lookups.append(f"{field.name}__regex=(")
        elif isinstance(field, models.JSONField):
            lookups.append(f"{field.name}__contains=x")
        elif isinstance(field, (models.IntegerField, models.ForeignKey)):
            lookups.append(f"{field.attname}={2**70}")
    return lookups


def _changelists() -> list[tuple[str, str]]:
    pages = []
    for model in admin.site._registry:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        pages += [(url, lookup) for lookup in _bad_filters(model)]
    return pages


@pytest.fixture
def staff_client(staff_user):
    ClaimFactory(tags=["casualties"])  # rows for the filters to be tried on
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    return client


def test_every_list_page_of_every_admin_survives_filters_the_database_cannot_run(staff_client):
    broken = [
        f"{url}?{lookup} → {response.status_code}"
        for url, lookup in _changelists()
        if (response := staff_client.get(f"{url}?{lookup}")).status_code >= 500
    ]

    assert broken == []


@pytest.mark.parametrize(
    "url",
    [
        "/admin/sources/source/?created_at__year=99999",
        "/admin/claims/tag/?name__regex=(",
        "/admin/auth/user/?date_joined__year=0",
    ],
)
def test_the_list_comes_back_whole_with_the_reason(staff_client, url):
    Tag.objects.create(name="displacement")

    response = staff_client.get(url, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith("?e=1")
    shown = [str(message) for message in response.context["messages"]]
    assert any("cannot be filtered that way" in message for message in shown), shown
    assert response.context["cl"].result_count >= 1


def test_a_list_that_fails_unfiltered_still_fails(staff_client, monkeypatch):
    """A database that is down is not a bad filter: no redirect in a loop, a server error."""
    from django.contrib.admin.views.main import ChangeList

    def down(*args, **kwargs):
        raise ValueError("the database is down")

    monkeypatch.setattr(ChangeList, "get_results", down)

    assert staff_client.get("/admin/claims/tag/?e=1").status_code == 500
    assert staff_client.get("/admin/claims/tag/").status_code == 500
