"""An admin page's save, delete or inline edit that the database refuses for a conflict with
another transaction (deadlock detected, serialization failure) is run again as a whole and
writes once: Django wraps the page's work in one transaction, inside which the services' own
retry (ADR 0012) cannot run. Real transactions, as in production."""

import pytest
from django.urls import reverse

from sources.models import Source
from tests.claims.test_write_retry import refused_once
from tests.factories import SourceFactory, TagFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff(client, staff_user):
    client.force_login(staff_user)
    return client


def test_a_source_saved_in_the_admin_and_refused_once_is_saved_once(staff, monkeypatch):
    source = SourceFactory(name="Ministry", kind="government", reliability="B")
    calls = refused_once(monkeypatch, Source, "save")

    response = staff.post(
        reverse("admin:sources_source_change", args=[source.pk]),
        {"name": "Ministry of Defence", "kind": "government", "reliability": "C"},
    )

    assert response.status_code == 302, response.content[:2000]
    assert len(calls) == 2
    source.refresh_from_db()
    assert (source.name, source.reliability) == ("Ministry of Defence", "C")
    assert source.history.filter(name="Ministry of Defence").count() == 1


def test_a_tag_deleted_in_the_admin_and_refused_once_is_deleted(staff, monkeypatch):
    tag = TagFactory(name="casualties")
    calls = refused_once(monkeypatch, type(tag), "delete")

    response = staff.post(reverse("admin:claims_tag_delete", args=[tag.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert len(calls) == 2
    assert not type(tag).objects.filter(pk=tag.pk).exists()
