"""Recording a claim from the reading view in one round trip (claims/views/reading.py,
`article_claim_create`): the claim as the API answers it, with its card and paragraphs."""

import json

import pytest
from django.urls import reverse

from claims.models import Claim
from tests.factories import ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db

TEXT = "\n\n".join(f"Paragraph {n}: the convoy of {n * 7} trucks moved north." for n in range(50))


@pytest.fixture
def article(analyst):
    return ArticleFactory(text=TEXT, uploaded_by=analyst)


def _post(client, article, body):
    return client.post(
        reverse("claims:annotations-claim-create", args=[article.pk]),
        json.dumps(body),
        content_type="application/json",
    )


def _passage(article, paragraph=3):
    start = article.text.index(f"Paragraph {paragraph}:")
    end = start + len(f"Paragraph {paragraph}: the convoy")
    return {"start": start, "end": end, "quote": article.text[start:end]}


def test_a_claim_is_recorded_with_its_card_and_paragraph(client, analyst, article):
    source = SourceFactory(name="Valley Watch")
    client.force_login(analyst)

    response = _post(client, article, {**_passage(article), "source": source.pk, "credibility": 2})

    assert response.status_code == 201
    answer = response.json()
    claim = Claim.objects.get()
    assert (claim.article_id, claim.created_by, claim.credibility) == (article.pk, analyst, 2)
    assert answer["claim"]["id"] == claim.pk
    assert answer["claim"]["grade"] == claim.grade  # the API's representation
    assert answer["count"] == 1
    (card,) = answer["cards"]
    assert card["id"] == claim.pk and f'id="claim-{claim.pk}"' in card["html"]
    assert [paragraph["index"] for paragraph in answer["paragraphs"]] == [3]
    assert f'data-claims="{claim.pk}"' in answer["paragraphs"][0]["html"]


def test_the_card_is_the_one_the_annotations_update_renders(client, analyst, article):
    client.force_login(analyst)
    body = {**_passage(article), "source": SourceFactory().pk, "tags": ["convoy", "north"]}
    answer = _post(client, article, body).json()
    claim_id = answer["claim"]["id"]
    again = client.get(
        reverse("claims:annotations", args=[article.pk]),
        {"claims": claim_id, "around": f"{answer['claim']['start']}-{answer['claim']['end']}"},
    ).json()
    assert answer["cards"] == again["cards"]
    assert answer["paragraphs"] == again["paragraphs"]
    assert answer["cards"][0]["data"]["tags"] == ["convoy", "north"]


def test_the_article_comes_from_the_address_not_the_body(client, analyst, article):
    other = ArticleFactory(text=TEXT + " Another.", uploaded_by=analyst)
    client.force_login(analyst)
    body = {**_passage(article), "source": SourceFactory().pk, "article": other.pk}
    assert _post(client, article, body).status_code == 201
    assert Claim.objects.get().article_id == article.pk


def test_a_quote_that_is_not_in_the_text_is_a_field_error(client, analyst, article):
    client.force_login(analyst)
    body = {**_passage(article), "quote": "not there", "source": SourceFactory().pk}
    response = _post(client, article, body)
    assert response.status_code == 400
    assert "quote" in response.json()
    assert not Claim.objects.exists()


def test_a_list_is_refused_with_a_message(client, analyst, article):
    client.force_login(analyst)
    response = _post(client, article, [_passage(article)])
    assert response.status_code == 400
    assert response.json()["detail"]
    assert not Claim.objects.exists()


def test_a_reviewer_cannot_record_a_claim(client, reviewer, article):
    client.force_login(reviewer)
    response = _post(client, article, {**_passage(article), "source": SourceFactory().pk})
    assert response.status_code == 403
    assert not Claim.objects.exists()


def test_without_a_session_it_is_the_login_page(client, article):
    response = _post(client, article, _passage(article))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Claim.objects.exists()


def test_get_is_not_allowed(client, analyst, article):
    client.force_login(analyst)
    response = client.get(reverse("claims:annotations-claim-create", args=[article.pk]))
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"


def test_an_unknown_article_is_not_found(client, analyst):
    client.force_login(analyst)
    response = client.post(
        reverse("claims:annotations-claim-create", args=[999999]), "{}", "application/json"
    )
    assert response.status_code == 404


def test_the_answer_stays_within_its_query_budget(
    client, analyst, article, django_assert_max_num_queries
):
    source = SourceFactory()
    client.force_login(analyst)
    _post(client, article, {**_passage(article, 1), "source": source.pk})  # warm: the session
    # The API's POST (the claim suggestions it settles included) and the new claim's paragraph
    # and count (the card needs no query), and the navigation's count of the claims waiting
    # for the analyst, which the new draft moved.
    with django_assert_max_num_queries(15):
        assert _post(client, article, {**_passage(article), "source": source.pk}).status_code == 201
