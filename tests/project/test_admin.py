"""The admin pages as the project shows them: a level-one heading on every page (the log-in page
included), breadcrumbs told apart by more than colour, names for Django's unnamed widget parts
(what those do in a browser is checked by tests/browser/test_accessibility.py), labelled search
boxes, and dates of a user's account shown, not edited."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _h1s(response) -> list[str]:
    return re.findall(r"<h1\b[^>]*>(.*?)</h1>", response.content.decode(), re.DOTALL)


def test_the_admin_log_in_page_has_a_heading(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert _h1s(response) == ["Log in"]


def test_every_admin_changelist_and_add_page_has_one_heading(client, staff_user):
    client.force_login(staff_user)
    pages = [reverse("admin:index"), reverse("admin:password_change")]
    for model in admin.site._registry:
        meta = model._meta
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(_h1s(response)) == 1, url


def test_admin_pages_load_the_accessibility_fixes(client, staff_user):
    client.force_login(staff_user)
    html = client.get(reverse("admin:index")).content.decode()
    assert "css/admin" in html
    assert "js/admin-a11y" in html


def test_a_search_with_help_text_shows_it_as_the_search_box_label(client, staff_user):
    client.force_login(staff_user)
    html = client.get(reverse("admin:authtoken_tokenproxy_changelist")).content.decode()
    label = re.search(r'<label for="searchbar">(.*?)</label>', html, re.DOTALL).group(1)
    assert "Username" in label
    assert "aria-describedby" not in html.split('id="searchbar"')[0].rsplit("<input", 1)[1]


def test_a_users_dates_are_shown_not_edited(client, staff_user, analyst):
    client.force_login(staff_user)
    html = client.get(reverse("admin:auth_user_change", args=[analyst.pk])).content.decode()
    assert 'name="date_joined_0"' not in html
    assert 'name="last_login_0"' not in html
    assert "Date joined" in html
