"""The reading view: highlights and panel on the server, a fixed query budget, role checks."""

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimStatus
from tests.factories import ArticleFactory, ClaimFactory, ClaimLinkFactory, SourceFactory

pytestmark = pytest.mark.django_db

LONG_TEXT = "\n\n".join(
    f"Paragraph {n}: the convoy of {n * 7} trucks moved north." for n in range(200)
)


def _annotated_article(rows: int, author):
    article = ArticleFactory(text=f"Report with {rows} claims.\n\n{LONG_TEXT}", uploaded_by=author)
    other_article = ArticleFactory(uploaded_by=author)
    claims = []
    for n in range(rows):
        start = (n * 37) % (len(article.text) - 60)
        claims.append(
            ClaimFactory(
                article=article,
                start=start,
                end=start + 20 + n % 30,
                created_by=author,
                source=SourceFactory(),
                tags=[f"tag-{n % 4}"],
            )
        )
        ClaimLinkFactory(
            claim_a=claims[-1], claim_b=ClaimFactory(article=other_article), created_by=author
        )
    return article, claims


def _queries(client, url, django_assert_max_num_queries, budget):
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response


def test_reading_view_query_budget_holds_from_5_to_500_claims(
    client, analyst, django_assert_max_num_queries
):
    client.force_login(analyst)
    small, _ = _annotated_article(5, analyst)
    large, _ = _annotated_article(500, analyst)

    small_count, _ = _queries(client, small.get_absolute_url(), django_assert_max_num_queries, 8)
    large_count, response = _queries(
        client, large.get_absolute_url(), django_assert_max_num_queries, 8
    )

    assert large_count == small_count
    assert response.content.count(b'<li class="claim-card') == 500


def test_annotation_update_query_budget_holds_from_5_to_500_cards(
    client, analyst, django_assert_max_num_queries
):
    client.force_login(analyst)
    small, small_claims = _annotated_article(5, analyst)
    large, large_claims = _annotated_article(500, analyst)

    def url(article, claims):
        ids = ",".join(str(claim.pk) for claim in claims)
        return f"{reverse('claims:annotations', args=[article.pk])}?claims={ids}"

    small_count, _ = _queries(client, url(small, small_claims), django_assert_max_num_queries, 8)
    large_count, response = _queries(
        client, url(large, large_claims), django_assert_max_num_queries, 8
    )

    assert large_count == small_count
    assert response.json()["count"] == 500
    assert len(response.json()["cards"]) == 500


def test_annotation_update_sends_text_and_requested_cards(client, analyst):
    article, claims = _annotated_article(3, analyst)
    client.force_login(analyst)

    answer = client.get(
        reverse("claims:annotations", args=[article.pk]), {"claims": str(claims[1].pk)}
    ).json()

    assert answer["count"] == 3
    assert f'data-claims="{claims[1].pk}"' in answer["text"]
    assert [card["id"] for card in answer["cards"]] == [claims[1].pk]
    assert answer["cards"][0]["data"]["quote"] == claims[1].quote
    assert f'id="claim-{claims[1].pk}"' in answer["cards"][0]["html"]


def test_annotation_update_refuses_malformed_ids(client, analyst):
    article, _ = _annotated_article(1, analyst)
    client.force_login(analyst)

    response = client.get(reverse("claims:annotations", args=[article.pk]), {"claims": "1,x"})

    assert response.status_code == 400
    assert "claims" in response.json()


def test_reading_view_renders_highlights_and_text_without_script(client, analyst):
    article, (claim,) = _annotated_article(1, analyst)
    client.force_login(analyst)

    body = client.get(article.get_absolute_url()).content.decode()

    assert f'data-claims="{claim.pk}">{claim.quote}</mark>' in body
    assert f'id="claim-{claim.pk}"' in body
    assert "Paragraph 199: the convoy of 1393 trucks moved north." in body


def test_author_sees_edit_actions_and_others_do_not(client, analyst, analyst2):
    article, _ = _annotated_article(1, analyst)

    client.force_login(analyst2)
    assert b'data-action="edit"' not in client.get(article.get_absolute_url()).content
    client.force_login(analyst)
    assert b'data-action="edit"' in client.get(article.get_absolute_url()).content


def test_submit_form_behind_the_button_submits_the_claim(client, analyst):
    article, (claim,) = _annotated_article(1, analyst)
    client.force_login(analyst)
    url = reverse("claims:claim-submit", args=[article.pk, claim.pk])
    assert f'formaction="{url}"' in client.get(article.get_absolute_url()).content.decode()

    response = client.post(url)

    assert response["Location"] == f"{article.get_absolute_url()}#claim-{claim.pk}"
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_another_analyst_cannot_delete_the_claim(client, analyst, analyst2):
    article, (claim,) = _annotated_article(1, analyst)
    client.force_login(analyst2)

    response = client.post(reverse("claims:claim-delete", args=[article.pk, claim.pk]))

    assert response.status_code == 403
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_delete_and_restore_from_the_panel(client, analyst):
    article, (claim,) = _annotated_article(1, analyst)
    client.force_login(analyst)

    client.post(reverse("claims:claim-delete", args=[article.pk, claim.pk]))
    assert not Claim.objects.filter(pk=claim.pk).exists()
    client.post(reverse("claims:claim-restore", args=[article.pk, claim.pk]))
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_claim_of_another_article_is_not_found(client, analyst):
    _, (claim,) = _annotated_article(1, analyst)
    elsewhere = ArticleFactory(uploaded_by=analyst)
    client.force_login(analyst)

    response = client.post(reverse("claims:claim-submit", args=[elsewhere.pk, claim.pk]))

    assert response.status_code == 404


def test_uploader_sees_the_edit_details_link_and_others_do_not(client, analyst, analyst2):
    article, _ = _annotated_article(1, analyst)
    edit_url = reverse("articles:edit", args=[article.pk]).encode()

    client.force_login(analyst)
    assert edit_url in client.get(article.get_absolute_url()).content
    client.force_login(analyst2)
    assert edit_url not in client.get(article.get_absolute_url()).content
