"""The admin pages as the project shows them: a level-one heading on every page (the log-in page
included), breadcrumbs told apart by more than colour, names for Django's unnamed widget parts
(what those do in a browser is checked by tests/browser/test_accessibility.py), labelled search
boxes, and dates of a user's account shown, not edited."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from articles.models import Article
from tests.factories import OutletFactory

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


# A relation sent as something that cannot be an id: refused by the form, never a server error
# (the autocomplete box looked up `abc` to show it as chosen; SQLite fails on a number past 64
# bits rather than finding nothing).
TOO_BIG = str(2**80)


@pytest.mark.parametrize("outlet", ["abc", TOO_BIG, "-3"])
def test_an_article_form_with_an_outlet_that_cannot_be_an_id_is_refused(client, staff_user, outlet):
    client.force_login(staff_user)
    response = client.post(
        reverse("admin:articles_article_add"),
        {"title": "Troop figures", "outlet": outlet, "language": "en", "text": "Some words."},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["outlet"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert not Article.objects.exists()


def test_a_refused_article_form_still_shows_the_outlet_chosen(client, staff_user):
    source = OutletFactory(name="Daily Ledger")
    client.force_login(staff_user)
    response = client.post(
        reverse("admin:articles_article_add"),
        {"title": "", "outlet": str(source.pk), "language": "en", "text": "Some words."},
    )
    assert response.status_code == 200
    assert "title" in response.context["adminform"].form.errors
    html = response.content.decode()
    assert re.search(
        rf'<option value="{source.pk}" selected>{re.escape(source.name)}</option>', html
    )


def test_a_user_or_group_form_with_a_number_past_64_bits_is_refused(client, staff_user, analyst):
    client.force_login(staff_user)
    user_form = client.post(
        reverse("admin:auth_user_change", args=[analyst.pk]),
        {"username": analyst.username, "groups": TOO_BIG, "user_permissions": TOO_BIG},
    )
    group_form = client.post(
        reverse("admin:auth_group_add"), {"name": "Editors", "permissions": TOO_BIG}
    )
    assert user_form.status_code == group_form.status_code == 200
    errors = user_form.context["adminform"].form.errors
    assert errors["groups"] == errors["user_permissions"] == [f"“{TOO_BIG}” is not a valid value."]
    assert group_form.context["adminform"].form.errors["permissions"] == [
        f"“{TOO_BIG}” is not a valid value."
    ]
    assert list(analyst.groups.values_list("name", flat=True)) == ["analyst"]
    assert not Group.objects.filter(name="Editors").exists()


def test_a_list_lookup_past_64_bits_is_refused_not_a_server_error(client, staff_user):
    """The admin's own lists (users, groups, tokens) take lookups the project does not write."""
    client.force_login(staff_user)
    response = client.get(reverse("admin:auth_user_changelist"), {"claims": TOO_BIG})
    if connection.vendor == "sqlite":  # PostgreSQL finds no such row
        assert response.status_code == 400
        page = response.content.decode()
        assert "A number in the request is too large" in page
        assert "send less" not in page  # advice for a request over the size limit
    else:
        assert response.status_code in (200, 302)
