"""An article's outlet stays a media outlet whatever happens to the source (articles/receivers.py):
a merge into a source of another kind, or a change of the outlet's kind, is refused while it
publishes articles, on every door (the service, the API, the admin), and nothing changes. Before,
both went through: every later edit of those articles was refused over an outlet nobody touched,
and the JSON export of them was refused on import ("… is not a media outlet here")."""

import json

import pytest
from django.core.exceptions import ValidationError

from articles.models import Article
from articles.services import article_update
from sources.models import Source, SourceKind
from sources.services import source_merge, source_update
from tests.factories import ArticleFactory, OutletFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def outlet_in_use(analyst):
    outlet = OutletFactory(name="Velka Herald")
    ArticleFactory(uploaded_by=analyst, outlet=outlet)
    ArticleFactory(uploaded_by=analyst, outlet=outlet)
    return outlet


def test_merging_an_outlet_into_a_ministry_is_refused_and_nothing_moves(outlet_in_use, reviewer):
    ministry = SourceFactory(name="Velka Ministry", kind=SourceKind.GOVERNMENT)

    with pytest.raises(ValidationError) as refused:
        source_merge(target=ministry, duplicates=[outlet_in_use], user=reviewer)

    assert refused.value.messages == [
        "“Velka Ministry” is not a media outlet, and the sources merged into it publish "
        "2 articles: merge them into a media outlet instead, or first choose another outlet "
        "for those articles."
    ]
    assert Source.objects.filter(pk=outlet_in_use.pk).exists()
    assert set(Article.objects.values_list("outlet_id", flat=True)) == {outlet_in_use.pk}


def test_merging_outlets_into_an_outlet_moves_their_articles(outlet_in_use, reviewer):
    kept = OutletFactory(name="Herald of Velka")

    source_merge(target=kept, duplicates=[outlet_in_use], user=reviewer)

    assert set(Article.objects.values_list("outlet_id", flat=True)) == {kept.pk}


def test_a_ministry_merged_into_another_is_not_asked_about_articles(reviewer):
    kept = SourceFactory(kind=SourceKind.GOVERNMENT)
    source_merge(target=kept, duplicates=[SourceFactory(kind=SourceKind.MILITARY)], user=reviewer)


def test_an_outlet_that_publishes_articles_keeps_its_kind(outlet_in_use, reviewer):
    with pytest.raises(ValidationError) as refused:
        source_update(source=outlet_in_use, user=reviewer, kind=SourceKind.GOVERNMENT)

    assert refused.value.message_dict == {
        "kind": [
            "“Velka Herald” publishes 2 articles: it stays a media outlet while they name it. "
            "Choose another outlet for them first, or merge it into the source it should be."
        ]
    }
    outlet_in_use.refresh_from_db()
    assert outlet_in_use.kind == SourceKind.MEDIA_OUTLET


def test_an_outlet_no_article_names_may_change_kind(reviewer):
    outlet = OutletFactory()

    source_update(source=outlet, user=reviewer, kind=SourceKind.GOVERNMENT)

    outlet.refresh_from_db()
    assert outlet.kind == SourceKind.GOVERNMENT


def test_the_api_refuses_the_kind_with_a_400(outlet_in_use, reviewer, api_client):
    response = api_client(reviewer).patch(
        f"/api/sources/{outlet_in_use.pk}/", {"kind": SourceKind.MILITARY}, format="json"
    )

    assert response.status_code == 400
    assert "stays a media outlet" in json.dumps(response.json(), ensure_ascii=False)


def test_the_admin_shows_the_refusal_and_keeps_the_kind(outlet_in_use, staff_user, client):
    client.force_login(staff_user)
    form = {
        "name": outlet_in_use.name,
        "kind": SourceKind.GOVERNMENT,
        "reliability": outlet_in_use.reliability,
        "description": "",
    }

    response = client.post(f"/admin/sources/source/{outlet_in_use.pk}/change/", form, follow=True)

    assert "stays a media outlet" in response.content.decode()
    outlet_in_use.refresh_from_db()
    assert outlet_in_use.kind == SourceKind.MEDIA_OUTLET


def test_an_article_whose_outlet_became_another_kind_can_still_be_retitled(outlet_in_use, analyst):
    """Rows written before the rule held (or by hand in the database): the title is not refused
    over the outlet the edit leaves alone."""
    Source.objects.filter(pk=outlet_in_use.pk).update(kind=SourceKind.GOVERNMENT)
    article = Article.objects.filter(outlet=outlet_in_use).first()

    article_update(article=article, user=analyst, title="A new title")

    article.refresh_from_db()
    assert article.title == "A new title"
