"""The article list: search (full-text on PostgreSQL, icontains on SQLite) with highlighted
snippets, filters, sorting, pagination, claim counts and a query budget."""

import datetime

import pytest
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.urls import reverse

from articles import selectors
from articles.models import Article
from articles.services import article_update
from articles.views import snippet_parts
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("articles:list")
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)


def _titles(response) -> list[str]:
    return [article.title for article in response.context["article_list"]]


@pytest.fixture
def logged_in(client, analyst):
    client.force_login(analyst)
    return client


# --- Search ------------------------------------------------------------------------------------


def test_search_finds_words_in_the_text(logged_in):
    ArticleFactory(title="River report", text="Forty convoys crossed the river at night.")
    ArticleFactory(title="Harbour report", text="The harbour was quiet all week.")
    assert _titles(logged_in.get(LIST, {"q": "convoys"})) == ["River report"]


def test_search_finds_words_in_the_title(logged_in):
    ArticleFactory(title="Convoys at dawn", text="Nothing else to say here.")
    ArticleFactory(title="Other", text="Unrelated words.")
    assert _titles(logged_in.get(LIST, {"q": "convoys"})) == ["Convoys at dawn"]


def test_search_needs_every_word(logged_in):
    ArticleFactory(title="Both", text="Convoys crossed the bridge.")
    ArticleFactory(title="One", text="Convoys crossed the river.")
    assert _titles(logged_in.get(LIST, {"q": "convoys bridge"})) == ["Both"]


def test_title_matches_rank_before_text_matches(logged_in):
    ArticleFactory(title="A quiet week", text="Later, the convoys moved north.")
    ArticleFactory(title="Convoys move north", text="Trucks moved north at night.")
    ArticleFactory(title="Newest, unrelated", text="Nothing about trucks.")
    assert _titles(logged_in.get(LIST, {"q": "convoys"})) == ["Convoys move north", "A quiet week"]


def test_snippet_marks_the_hits(logged_in):
    ArticleFactory(title="Report", text="At dawn forty convoys crossed the river, witnesses said.")
    response = logged_in.get(LIST, {"q": "convoys"})
    body = response.content.decode()
    assert '<p class="snippet">' in body
    assert "<mark>convoys</mark>" in body


def test_snippet_escapes_the_article_text(logged_in):
    ArticleFactory(title="Hostile", text='The convoys <script>alert("x")</script> arrived.')
    body = logged_in.get(LIST, {"q": "convoys"}).content.decode()
    assert "<script>alert" not in body
    assert "alert(&quot;x&quot;)" in body


def test_a_search_can_be_sorted_by_another_column(logged_in):
    ArticleFactory(title="B convoys", text="Convoys B.")
    ArticleFactory(title="A convoys", text="Convoys A.")
    assert _titles(logged_in.get(LIST, {"q": "convoys", "sort": "title"})) == [
        "A convoys",
        "B convoys",
    ]


def test_relevance_without_a_search_falls_back_to_newest_first(logged_in):
    older, newer = ArticleFactory(), ArticleFactory()
    assert _titles(logged_in.get(LIST, {"sort": "-relevance"}))[:2] == [newer.title, older.title]


def test_blank_search_lists_everything(logged_in):
    ArticleFactory.create_batch(3)
    assert len(_titles(logged_in.get(LIST, {"q": "   "}))) == 3


def test_search_with_only_punctuation_does_not_fail(logged_in):
    ArticleFactory()
    assert logged_in.get(LIST, {"q": '" - '}).status_code == 200


def test_search_results_are_paginated_and_keep_the_query(logged_in):
    for n in range(55):
        ArticleFactory(title=f"Convoy report {n}", text=f"Convoys, entry {n}.")
    response = logged_in.get(LIST, {"q": "convoy"})
    assert len(response.context["article_list"]) == 50
    assert "q=convoy&amp;page=2" in response.content.decode()
    assert len(logged_in.get(LIST, {"q": "convoy", "page": 2}).context["article_list"]) == 5


def test_api_search_ranks_best_matches_first(analyst_client):
    ArticleFactory(title="Quiet week", text="Later the convoys moved.")
    best = ArticleFactory(title="Convoys move", text="Trucks moved.")
    results = analyst_client.get("/api/articles/", {"q": "convoys"}).json()["results"]
    assert [row["id"] for row in results] == [best.pk, results[1]["id"]]


# --- Filters, counts, sorting ------------------------------------------------------------------


def test_filters_by_outlet_uploader_date_range_claims_and_language(logged_in):
    outlet = OutletFactory()
    uploader = UserFactory(groups=["analyst"])
    wanted = ArticleFactory(
        outlet=outlet,
        uploaded_by=uploader,
        published_on=datetime.date(2024, 3, 10),
        language="fr",
    )
    ClaimFactory(article=wanted)
    ArticleFactory(outlet=outlet, uploaded_by=uploader, published_on=datetime.date(2024, 5, 1))
    ArticleFactory(published_on=datetime.date(2024, 3, 11), language="fr")
    response = logged_in.get(
        LIST,
        {
            "outlet": outlet.pk,
            "uploaded_by": uploader.pk,
            "published_after": "2024-03-01",
            "published_before": "2024-03-31",
            "has_claims": "true",
            "language": "FR",
        },
    )
    assert _titles(response) == [wanted.title]


def test_has_claims_no_lists_articles_without_live_claims(logged_in):
    with_claim, without = ArticleFactory(), ArticleFactory()
    ClaimFactory(article=with_claim)
    assert _titles(logged_in.get(LIST, {"has_claims": "false"})) == [without.title]


def test_has_claims_offers_any_yes_or_no_and_shows_the_choice(logged_in):
    def options(response) -> list[tuple[str, bool]]:
        select = response.content.decode().split('name="has_claims"', 1)[1].split("</select>")[0]
        return [
            (option.split(">", 1)[1].split("<")[0], "selected" in option.split(">", 1)[0])
            for option in select.split("<option")[1:]
        ]

    assert options(logged_in.get(LIST)) == [("Any", True), ("Yes", False), ("No", False)]
    assert options(logged_in.get(LIST, {"has_claims": "false"})) == [
        ("Any", False),
        ("Yes", False),
        ("No", True),
    ]


def test_the_list_names_each_article_language(logged_in):
    ArticleFactory(title="Dépêche", language="fr")
    ArticleFactory(title="Undetected", language="")
    rows = logged_in.get(LIST).content.decode().split("<tbody>", 1)[1].split("<tr>")[1:]
    languages = {
        row.split("</a>", 1)[0].rsplit(">", 1)[1]: row.split('data-label="Language">', 1)[1].split(
            "</td>"
        )[0]
        for row in rows
    }
    assert languages == {"Dépêche": "French", "Undetected": "—"}


@pytest.mark.parametrize("asked", ["French", "french", "Français", "fr", "FR", "fr-CA"])
def test_the_language_filter_takes_a_name_or_a_code(logged_in, asked):
    ArticleFactory(title="Dépêche", language="fr")
    ArticleFactory(title="Report", language="en")
    assert _titles(logged_in.get(LIST, {"language": asked})) == ["Dépêche"]


def test_the_language_filter_offers_the_names_and_refuses_an_unknown_one(logged_in):
    ArticleFactory(title="Dépêche", language="fr")

    page = logged_in.get(LIST).content.decode()
    datalist = page.split('<datalist id="id_language-names">', 1)[1].split("</datalist>")[0]
    assert '<option value="French">' in datalist and '<option value="Ukrainian">' in datalist
    assert 'list="id_language-names"' in page

    refused = logged_in.get(LIST, {"language": "Klingon"})
    assert (
        "<li>Language: No language is called “Klingon”: give its name (French) or code (fr).</li>"
        in refused.content.decode()
    )
    assert _titles(refused) == []


def test_the_api_refuses_an_unknown_language_with_the_reason(analyst_client):
    ArticleFactory(title="Dépêche", language="fr")

    assert [
        row["title"]
        for row in analyst_client.get("/api/articles/", {"language": "French"}).json()["results"]
    ] == ["Dépêche"]
    response = analyst_client.get("/api/articles/", {"language": "Klingon"})
    assert response.status_code == 400
    assert "Klingon" in response.json()["language"][0]


def test_claim_counts_are_shown(logged_in):
    article = ArticleFactory()
    ClaimFactory(article=article)
    ClaimFactory(article=article)
    response = logged_in.get(LIST)
    assert [a.claim_count for a in response.context["article_list"]] == [2]


def test_list_sorts_by_claims(logged_in):
    few, many = ArticleFactory(title="Few"), ArticleFactory(title="Many")
    ClaimFactory(article=few)
    ClaimFactory.create_batch(3, article=many)
    assert _titles(logged_in.get(LIST, {"sort": "-claims"})) == ["Many", "Few"]


def test_search_page_query_budget_does_not_grow_with_rows(
    logged_in, count_queries, django_assert_max_num_queries
):
    def add(first: int, count: int) -> None:
        outlet = OutletFactory()
        for n in range(first, first + count):
            article = ArticleFactory(
                title=f"Convoy dispatch {n}", text=f"Convoys crossed, entry {n}.", outlet=outlet
            )
            ClaimFactory(article=article)

    params = {"q": "convoys", "has_claims": "true"}
    add(0, 5)
    small = count_queries(logged_in, LIST, params)
    add(5, 45)
    # 11: the page's 9 (its ids sorted, then the shown articles: ADR 0014), and the
    # navigation's two counts: the analyst's claims waiting for them, the comments new to them.
    with django_assert_max_num_queries(11):
        response = logged_in.get(LIST, params)
    assert len(response.context["article_list"]) == 50
    assert count_queries(logged_in, LIST, params) == small


# --- PostgreSQL full-text search ---------------------------------------------------------------


@on_postgresql
def test_search_matches_other_forms_of_a_word(logged_in):
    ArticleFactory(title="Report", text="A convoy crossed the river.")
    assert _titles(logged_in.get(LIST, {"q": "convoys crossing"})) == ["Report"]


@on_postgresql
def test_search_understands_quoted_phrases_and_exclusions(logged_in):
    ArticleFactory(title="Phrase", text="The river crossing was closed.")
    ArticleFactory(title="Apart", text="The crossing of the wide river.")
    assert _titles(logged_in.get(LIST, {"q": '"river crossing"'})) == ["Phrase"]
    assert _titles(logged_in.get(LIST, {"q": "crossing -closed"})) == ["Apart"]


@on_postgresql
def test_search_uses_the_gin_index():
    ArticleFactory.create_batch(3)
    queryset = selectors.article_search(selectors.article_list(), "convoys").order_by("-rank")
    with connection.cursor() as cursor:
        # Leave the planner no other way than a bitmap scan of an index matching the search
        # expression (it would fall back to a penalised sequential scan if none matched).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = queryset.explain()
    assert "Bitmap Index Scan on article_search_gin" in plan


@on_postgresql
def test_stored_search_document_is_the_weighted_vector_of_title_and_text():
    ArticleFactory(title="Convoys at dawn", text="Trucks crossed the bridges.")
    expected = SearchVector("title", weight="A", config=selectors.SEARCH_CONFIG) + SearchVector(
        "text", weight="B", config=selectors.SEARCH_CONFIG
    )
    stored, computed = (
        Article.objects.annotate(stored=selectors.StoredSearchDocument(), computed=expected)
        .values_list("stored", "computed")
        .get()
    )
    assert stored == computed
    assert "'convoy':1A" in stored


@on_postgresql
def test_search_follows_a_corrected_title(logged_in, analyst):
    article = ArticleFactory(title="Untitled", text="Plain words.", uploaded_by=analyst)
    article_update(article=article, user=analyst, title="Flotilla sighted")
    assert _titles(logged_in.get(LIST, {"q": "flotilla"})) == ["Flotilla sighted"]


def test_search_on_sqlite_has_no_gin_index():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    assert Article.objects.count() == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'article_search_gin'")
        assert cursor.fetchone() is None


# --- Snippets ----------------------------------------------------------------------------------


def test_snippet_parts_read_the_hits_postgresql_marked():
    marked = f"Forty {selectors.HIT_START}convoys{selectors.HIT_END} crossed"
    assert snippet_parts(marked, ["convoy"]) == [
        ("Forty ", False),
        ("convoys", True),
        (" crossed", False),
    ]


def test_snippet_parts_mark_every_word_ignoring_case_in_a_plain_window():
    assert snippet_parts("Convoys met a convoy.", ["convoy"]) == [
        ("Convoy", True),
        ("s met a ", False),
        ("convoy", True),
        (".", False),
    ]


def test_snippet_parts_drop_half_words_where_the_window_was_cut():
    parts = snippet_parts("… rtial words around the convoy here and ther …", ["convoy"])
    assert "".join(piece for piece, _ in parts) == "… words around the convoy here and …"


def test_search_with_an_invalid_filter_shows_the_error_instead_of_failing(logged_in):
    ArticleFactory(title="Convoys", text="Convoys crossed.")
    response = logged_in.get(LIST, {"q": "convoys", "published_after": "yesterday"})
    assert response.status_code == 200
    assert "Enter a date as YYYY-MM-DD, e.g. 2024-03-01." in response.content.decode()
    assert _titles(response) == []
