"""An article's reading view (claims/views/reading.py): highlights and panel on the server, a
fixed query budget, role checks, and the claim actions of its panel."""

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimStatus, LinkKind
from claims.services import claim_delete
from tests.factories import ArticleFactory, ClaimFactory, ClaimLinkFactory, SourceFactory

pytestmark = pytest.mark.django_db

LONG_TEXT = "\n\n".join(
    f"Paragraph {n}: the convoy of {n * 7} trucks moved north." for n in range(200)
)


@pytest.fixture
def annotated_article(evidence):
    """`annotated_article(rows, author)`: a long article holding `rows` draft claims by `author`
    (overlapping, tagged, each linked to the next); returns the article and its claims."""

    def build(rows: int, author):
        article = ArticleFactory(
            text=f"Report with {rows} claims.\n\n{LONG_TEXT}", uploaded_by=author
        )
        claims = evidence(rows, authors=[author], status=ClaimStatus.DRAFT, article=article)
        return article, claims

    return build


def test_reading_view_query_budget_holds_from_5_to_500_claims(
    client, analyst, annotated_article, count_queries, django_assert_max_num_queries
):
    client.force_login(analyst)
    small, _ = annotated_article(5, analyst)
    large, _ = annotated_article(500, analyst)

    # 10: the page's 8, the navigation's count of the analyst's claims waiting for them, and
    # the article's suggested claims (the suggestions app's section).
    with django_assert_max_num_queries(10):
        small_count = count_queries(client, small.get_absolute_url())
    with django_assert_max_num_queries(10):
        large_count = count_queries(client, large.get_absolute_url())

    assert large_count == small_count
    assert count_queries.response.content.count(b'<li class="claim-card') == 500


def test_annotation_update_query_budget_holds_from_5_to_500_cards(
    client, analyst, annotated_article, count_queries, django_assert_max_num_queries
):
    client.force_login(analyst)
    small, small_claims = annotated_article(5, analyst)
    large, large_claims = annotated_article(500, analyst)

    def url(article, claims):
        ids = ",".join(str(claim.pk) for claim in claims)
        return f"{reverse('claims:annotations', args=[article.pk])}?claims={ids}"

    # 9: the update's 8 and the navigation's count of the analyst's claims waiting for them.
    with django_assert_max_num_queries(9):
        small_count = count_queries(client, url(small, small_claims))
    with django_assert_max_num_queries(9):
        large_count = count_queries(client, url(large, large_claims))

    assert large_count == small_count
    assert count_queries.response.json()["count"] == 500
    assert "99+" in count_queries.response.json()["nav_my_claims"]
    assert len(count_queries.response.json()["cards"]) == 500


def test_annotation_update_sends_text_and_requested_cards(client, annotated_article, analyst):
    article, claims = annotated_article(3, analyst)
    client.force_login(analyst)

    answer = client.get(
        reverse("claims:annotations", args=[article.pk]), {"claims": str(claims[1].pk)}
    ).json()

    assert answer["count"] == 3
    assert f'data-claims="{claims[1].pk}"' in answer["text"]
    assert [card["id"] for card in answer["cards"]] == [claims[1].pk]
    assert answer["cards"][0]["data"]["quote"] == claims[1].quote
    assert f'id="claim-{claims[1].pk}"' in answer["cards"][0]["html"]


def test_a_full_card_lists_its_live_links_with_the_other_claim_and_its_tags_sorted(client, analyst):
    article = ArticleFactory(text=LONG_TEXT, uploaded_by=analyst)
    elsewhere = ArticleFactory(title="The ministry's own account", uploaded_by=analyst)
    card = ClaimFactory(article=article, created_by=analyst, tags=["trucks", "convoy"])
    neighbour = ClaimFactory(article=article, created_by=analyst, start=200, end=230)
    far = ClaimFactory(
        article=elsewhere, created_by=analyst, source=SourceFactory(name="Border police")
    )
    gone = ClaimFactory(article=elsewhere, created_by=analyst)
    ClaimLinkFactory(claim_a=card, claim_b=far, kind=LinkKind.CONTRADICTS)
    ClaimLinkFactory(claim_a=card, claim_b=neighbour, kind=LinkKind.CORROBORATES)
    ClaimLinkFactory(claim_a=card, claim_b=gone, kind=LinkKind.CORROBORATES)
    claim_delete(claim=gone, user=analyst)
    client.force_login(analyst)

    answer = client.get(
        reverse("claims:annotations", args=[article.pk]),
        {"claims": f"{card.pk},{neighbour.pk}", "around": ""},
    ).json()

    cards = {shown["id"]: shown for shown in answer["cards"]}
    assert cards[card.pk]["data"]["tags"] == ["convoy", "trucks"]
    links = {link["other"]["id"]: link for link in cards[card.pk]["data"]["links"]}
    assert set(links) == {far.pk, neighbour.pk}  # not the deleted claim's
    assert links[far.pk] == {
        "id": links[far.pk]["id"],
        "kind": "contradicts",
        "other": {"id": far.pk, "article": elsewhere.pk},
    }
    html = cards[card.pk]["html"]
    assert far.quote[:60] in html and "Border police" in html
    assert "The ministry&#x27;s own account" in html  # the other article's title, escaped
    assert neighbour.source.name in html
    # The link between two cards asked for at once shows on both.
    assert [link["other"]["id"] for link in cards[neighbour.pk]["data"]["links"]] == [card.pk]


@pytest.mark.parametrize(
    "claims, reason",
    [
        ("1,x", "Give claim ids as numbers"),
        ("99999999999999999999999", "Give claim ids as numbers"),  # SQLite failed: a 500
        ("0", "Give claim ids as numbers"),
        (",".join(str(n) for n in range(1, 1002)), "at most 1000 claims"),
    ],
)
def test_annotation_update_refuses_malformed_ids(
    client, annotated_article, analyst, claims, reason
):
    article, _ = annotated_article(1, analyst)
    client.force_login(analyst)

    response = client.get(
        reverse("claims:annotations", args=[article.pk]), {"claims": claims, "around": ""}
    )

    assert response.status_code == 400
    assert reason in response.json()["claims"][0]


def test_reading_view_renders_highlights_and_text_without_script(
    client, annotated_article, analyst
):
    article, (claim,) = annotated_article(1, analyst)
    client.force_login(analyst)

    body = client.get(article.get_absolute_url()).content.decode()

    assert (
        f'data-claims="{claim.pk}" aria-description="claim {claim.pk}, {claim.status}">'
        f"{claim.quote}</mark>"
    ) in body
    assert f'id="claim-{claim.pk}"' in body
    assert "Paragraph 199: the convoy of 1393 trucks moved north." in body


def test_author_sees_edit_actions_and_others_do_not(client, annotated_article, analyst, analyst2):
    article, (claim,) = annotated_article(1, analyst)
    full_card = reverse("claims:annotations", args=[article.pk]) + f"?claims={claim.pk}"

    client.force_login(analyst2)
    assert 'data-action="edit"' not in client.get(full_card).json()["cards"][0]["html"]
    assert 'data-action="delete"' not in client.get(full_card).json()["cards"][0]["html"]
    client.force_login(analyst)
    assert 'data-action="edit"' in client.get(full_card).json()["cards"][0]["html"]
    assert 'data-action="delete"' in client.get(full_card).json()["cards"][0]["html"]


def test_compact_cards_carry_submit_and_delete_for_the_page_without_script(
    client, annotated_article, analyst, analyst2
):
    article, claims = annotated_article(2, analyst)
    Claim.objects.filter(pk=claims[1].pk).update(status=ClaimStatus.SUBMITTED)
    submit = reverse("claims:claim-submit", args=[article.pk, claims[0].pk])
    delete = reverse("claims:claim-delete", args=[article.pk, claims[0].pk])

    client.force_login(analyst)
    page = client.get(article.get_absolute_url()).content.decode()
    card = page[page.index(f'id="claim-{claims[0].pk}"') :].split("</li>")[0]
    assert f'form="claim-actions" formaction="{submit}"' in card
    assert f'form="claim-actions" formaction="{delete}"' in card
    assert "<noscript>" in card  # the scripted page opens the full card instead
    # A submitted claim is no longer its author's to change from here.
    submitted = page[page.index(f'id="claim-{claims[1].pk}"') :].split("</li>")[0]
    assert "formaction" not in submitted

    client.force_login(analyst2)
    assert "formaction" not in client.get(article.get_absolute_url()).content.decode()


def test_the_page_lists_compact_cards_and_the_full_card_comes_on_demand(
    client, annotated_article, analyst
):
    article, (claim,) = annotated_article(1, analyst)
    claim.statement = "A paraphrase only the full card shows"
    claim.save()
    client.force_login(analyst)

    page = client.get(article.get_absolute_url()).content.decode()
    answer = client.get(
        reverse("claims:annotations", args=[article.pk]), {"claims": claim.pk}
    ).json()

    assert f'data-start="{claim.start}" data-end="{claim.end}"' in page
    assert f'href="{claim.get_absolute_url()}"' in page
    assert claim.statement not in page
    assert claim.statement in answer["cards"][0]["html"]


def test_annotation_update_sends_only_the_paragraphs_around_a_change(
    client, annotated_article, analyst
):
    article, (claim,) = annotated_article(1, analyst)
    client.force_login(analyst)
    last = article.text.rindex("Paragraph 199")

    answer = client.get(
        reverse("claims:annotations", args=[article.pk]),
        {"around": f"{claim.start}-{claim.end},{last}-{last + 5}"},
    ).json()

    assert "text" not in answer
    assert [paragraph["index"] for paragraph in answer["paragraphs"]][-1] == 200
    assert all(
        p["html"].startswith(f'<p data-paragraph="{p["index"]}"') for p in answer["paragraphs"]
    )
    assert len(answer["paragraphs"]) < 5
    assert any(f'data-claims="{claim.pk}"' in p["html"] for p in answer["paragraphs"])


@pytest.mark.parametrize("around", ["1", "5-2", "x-3", "-1-4", "1-2-3"])
def test_annotation_update_refuses_malformed_ranges(client, annotated_article, analyst, around):
    article, _ = annotated_article(1, analyst)
    client.force_login(analyst)

    response = client.get(reverse("claims:annotations", args=[article.pk]), {"around": around})

    assert response.status_code == 400
    assert "around" in response.json()


def test_submit_form_behind_the_button_submits_the_claim(client, annotated_article, analyst):
    article, (claim,) = annotated_article(1, analyst)
    client.force_login(analyst)
    url = reverse("claims:claim-submit", args=[article.pk, claim.pk])
    full_card = client.get(reverse("claims:annotations", args=[article.pk]), {"claims": claim.pk})
    assert f'formaction="{url}"' in full_card.json()["cards"][0]["html"]

    response = client.post(url)

    assert response["Location"] == f"{article.get_absolute_url()}#claim-{claim.pk}"
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_another_analyst_cannot_delete_the_claim(client, annotated_article, analyst, analyst2):
    article, (claim,) = annotated_article(1, analyst)
    client.force_login(analyst2)

    response = client.post(reverse("claims:claim-delete", args=[article.pk, claim.pk]))

    assert response.status_code == 403
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_delete_and_restore_from_the_panel(client, annotated_article, analyst):
    article, (claim,) = annotated_article(1, analyst)
    client.force_login(analyst)

    client.post(reverse("claims:claim-delete", args=[article.pk, claim.pk]))
    assert not Claim.objects.filter(pk=claim.pk).exists()
    client.post(reverse("claims:claim-restore", args=[article.pk, claim.pk]))
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_claim_of_another_article_is_not_found(client, annotated_article, analyst):
    _, (claim,) = annotated_article(1, analyst)
    elsewhere = ArticleFactory(uploaded_by=analyst)
    client.force_login(analyst)

    response = client.post(reverse("claims:claim-submit", args=[elsewhere.pk, claim.pk]))

    assert response.status_code == 404


def test_uploader_sees_the_edit_details_link_and_others_do_not(
    client, annotated_article, analyst, analyst2
):
    article, _ = annotated_article(1, analyst)
    edit_url = reverse("articles:edit", args=[article.pk]).encode()

    client.force_login(analyst)
    assert edit_url in client.get(article.get_absolute_url()).content
    client.force_login(analyst2)
    assert edit_url not in client.get(article.get_absolute_url()).content


@pytest.mark.parametrize(
    ("code", "shown"), [("fr", "French"), ("uk", "Ukrainian"), ("sw", "Swahili"), ("xq", "xq")]
)
def test_the_reading_view_names_the_articles_language(client, analyst, code, shown):
    """Told or detected, the language is named in the article's details; a code Django does
    not name is shown as it is."""
    article = ArticleFactory(language=code, uploaded_by=analyst)
    client.force_login(analyst)

    page = client.get(reverse("claims:reading", args=[article.pk])).content.decode()

    assert f"<div><dt>Language</dt><dd>{shown}</dd></div>" in page


def test_an_article_of_unknown_language_shows_none(client, analyst):
    article = ArticleFactory(language="", uploaded_by=analyst)
    client.force_login(analyst)

    page = client.get(reverse("claims:reading", args=[article.pk])).content.decode()

    assert "<dt>Language</dt>" not in page


def test_a_compact_card_s_lightning_sign_is_hidden_from_screen_readers(client, analyst):
    """Read aloud, "⚡ contradicted" is "high voltage contradicted"."""
    claim = ClaimFactory(created_by=analyst)
    ClaimLinkFactory(kind=LinkKind.CONTRADICTS, claim_a=claim, claim_b=ClaimFactory())
    client.force_login(analyst)

    body = client.get(reverse("claims:reading", args=[claim.article_id])).content.decode()

    assert '<span aria-hidden="true">⚡</span> contradicted' in body
    assert ">⚡ contradicted" not in body


def test_a_source_name_written_right_to_left_cannot_reorder_a_card(client, analyst):
    # A name holding a right-to-left override turned the rest of the card's line around:
    # "detcidartnoc" for "contradicted", the status badge moved. Names are isolated.
    name = "Source \u202eq"
    claim = ClaimFactory(created_by=analyst, source=SourceFactory(name=name))
    client.force_login(analyst)

    compact = client.get(reverse("claims:reading", args=[claim.article_id])).content.decode()
    full = client.get(
        reverse("claims:annotations", args=[claim.article_id]), {"claims": claim.pk}
    ).json()["cards"][0]["html"]

    assert f"<bdi>{name}</bdi>" in compact
    assert f"<bdi>{name}</bdi>" in full
