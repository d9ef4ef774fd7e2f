"""Two people correcting one article's details: each save keeps what the other saved meanwhile
to another field, on the details page and in the admin (where a text edited meanwhile is not
put back either)."""

import pytest
from django.urls import reverse

from articles.models import Article
from articles.services import article_update
from tests.factories import ArticleFactory
from tests.html_forms import post_forms

pytestmark = pytest.mark.django_db


def _form_as_shown(client, url: str) -> dict:
    (form,) = [
        form for form in post_forms(client.get(url).content.decode()) if "title" in form["fields"]
    ]
    return {name: value for name, value in form["fields"].items() if value is not None}


def test_the_details_page_saves_only_what_was_changed_on_it(client, analyst, staff_user):
    article = ArticleFactory(uploaded_by=analyst, author="Tomas Reiter", title="First title")
    client.force_login(analyst)
    url = reverse("articles:edit", args=[article.pk])
    shown = _form_as_shown(client, url)
    # Meanwhile an admin corrects the author.
    article_update(
        article=Article.objects.get(pk=article.pk), user=staff_user, author="T. Reiter-Novak"
    )

    response = client.post(url, {**shown, "title": "Corrected title"})

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.author) == ("Corrected title", "T. Reiter-Novak")


def test_the_admin_saves_only_what_was_changed_and_keeps_a_text_edited_meanwhile(
    client, analyst, staff_user
):
    article = ArticleFactory(uploaded_by=analyst, author="", text="The first version has a typo.")
    client.force_login(staff_user)
    url = reverse("admin:articles_article_change", args=[article.pk])
    shown = _form_as_shown(client, url)
    assert shown["text_read"] == article.content_sha256
    # Meanwhile its uploader corrects the text and the author.
    article_update(
        article=Article.objects.get(pk=article.pk),
        user=analyst,
        text="The first version had no typo.",
        author="A. Reporter",
    )

    response = client.post(url, {**shown, "title": "Retitled by the admin"})

    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert (article.title, article.author, article.text) == (
        "Retitled by the admin",
        "A. Reporter",
        "The first version had no typo.",
    )


def test_the_admin_refuses_an_edit_of_a_text_someone_else_edited_meanwhile(
    client, analyst, staff_user
):
    article = ArticleFactory(uploaded_by=analyst, text="The first version has a typo.")
    client.force_login(staff_user)
    url = reverse("admin:articles_article_change", args=[article.pk])
    shown = _form_as_shown(client, url)
    article_update(
        article=Article.objects.get(pk=article.pk), user=analyst, text="Corrected by the uploader."
    )

    response = client.post(url, {**shown, "text": "Rewritten by the admin."}, follow=True)

    assert "Someone else changed this article" in response.content.decode(), response.redirect_chain
    assert Article.objects.get(pk=article.pk).text == "Corrected by the uploader."
