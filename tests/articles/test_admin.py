"""The article admin: curation goes through the article service, which keeps the text of an
article with claims as it is."""

import pytest
from django.urls import reverse

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_article_text_with_claims_cannot_be_changed_in_the_admin(client, staff_user):
    claim = ClaimFactory()
    article = claim.article
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        {
            "title": article.title,
            "text": article.text + " More.",
            "author": "",
            "url": "",
            "language": "",
        },
    )

    assert "The text of this article cannot change" in response.content.decode()
    article.refresh_from_db()
    assert not article.text.endswith("More.")
