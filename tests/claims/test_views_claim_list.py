"""The claim list: every filter of the shared FilterSet returns exactly the expected claims,
the filter lives in the URL, columns sort (an unknown sort falls back to newest first), and the
export buttons appear only when they exist."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from claims import services
from claims.models import Claim, ClaimStatus, LinkKind
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    ClaimLinkFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(analyst, analyst2, reviewer):
    """Six claims that differ in one way each, named for how they differ."""
    ministry = SourceFactory(name="Ministry of Defence", kind="government", reliability="D")
    monitors = SourceFactory(
        name="Monitoring Mission", kind="international_organisation", reliability="B"
    )
    first, second = ArticleFactory(title="Bridge destroyed"), ArticleFactory(title="Troops cross")
    claims = {
        "ministry_d4": ClaimFactory(
            article=first, source=ministry, credibility=4, created_by=analyst, tags=["bridge"]
        ),
        "monitors_b2": ClaimFactory(
            article=first, source=monitors, credibility=2, created_by=analyst2, tags=["bridge"]
        ),
        "monitors_b1_submitted": ClaimFactory(
            article=second,
            source=monitors,
            credibility=1,
            created_by=analyst,
            status=ClaimStatus.SUBMITTED,
            tags=["troops"],
        ),
        "ministry_d5_approved": ClaimFactory(
            article=second,
            source=ministry,
            credibility=5,
            created_by=analyst2,
            status=ClaimStatus.APPROVED,
            reviewed_by=reviewer,
            statement="Convoy of forty trucks",
        ),
        "old": ClaimFactory(article=second, source=monitors, credibility=3, created_by=analyst),
        "deleted": ClaimFactory(
            article=first, source=ministry, created_by=analyst, deleted_at=timezone.now()
        ),
    }
    Claim.all_objects.filter(pk=claims["old"].pk).update(
        created_at=timezone.now() - datetime.timedelta(days=40)
    )
    ClaimLinkFactory(
        kind=LinkKind.CONTRADICTS,
        claim_a=claims["ministry_d4"],
        claim_b=claims["monitors_b2"],
        created_by=analyst,
    )
    ClaimLinkFactory(
        kind=LinkKind.CORROBORATES,
        claim_a=claims["monitors_b1_submitted"],
        claim_b=claims["old"],
        created_by=analyst,
    )
    return claims


def _listed(client, **params) -> set[int]:
    response = client.get(reverse("claims:list"), params)
    assert response.status_code == 200
    return {claim.pk for claim in response.context["object_list"]}


def _ids(corpus, *names) -> set[int]:
    return {corpus[name].pk for name in names}


LIVE = ["ministry_d4", "monitors_b2", "monitors_b1_submitted", "ministry_d5_approved", "old"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, LIVE),
        ({"status": "submitted"}, ["monitors_b1_submitted"]),
        ({"status": "draft"}, ["ministry_d4", "monitors_b2", "old"]),
        ({"reliability": "D"}, ["ministry_d4", "ministry_d5_approved"]),
        ({"credibility": "2"}, ["monitors_b2"]),
        ({"grade": "B1"}, ["monitors_b1_submitted"]),
        ({"grade": "d4"}, ["ministry_d4"]),
        ({"grade": "A6"}, []),
        ({"source_kind": "government"}, ["ministry_d4", "ministry_d5_approved"]),
        ({"tag": "bridge"}, ["ministry_d4", "monitors_b2"]),
        ({"tag": " Bridge"}, ["ministry_d4", "monitors_b2"]),  # as typed, not as stored
        ({"in_contradiction": "true"}, ["ministry_d4", "monitors_b2"]),
        (
            {"in_contradiction": "false"},
            ["monitors_b1_submitted", "ministry_d5_approved", "old"],
        ),
        ({"q": "forty trucks"}, ["ministry_d5_approved"]),
        ({"q": "monitoring mission"}, ["monitors_b2", "monitors_b1_submitted", "old"]),
        ({"source_kind": "international_organisation", "tag": "troops"}, ["monitors_b1_submitted"]),
    ],
)
def test_claim_list_filter_returns_exactly_the_expected_claims(
    client, analyst, corpus, params, expected
):
    client.force_login(analyst)

    assert _listed(client, **params) == _ids(corpus, *expected)


@pytest.mark.parametrize(
    "partner", ["deleted", "dismissed"], ids=["to-a-deleted-claim", "dismissed-by-a-reviewer"]
)
def test_a_contradiction_that_no_longer_holds_marks_no_claim(
    client, analyst, reviewer, corpus, partner
):
    """A claim is "⚡ contradicted" (and found by the filter) only through a contradiction not
    dismissed, to a claim not deleted: as the claim page's links and the dashboard count it."""
    monitors_b1 = corpus["monitors_b1_submitted"]
    if partner == "deleted":
        ClaimLinkFactory(kind=LinkKind.CONTRADICTS, claim_a=monitors_b1, claim_b=corpus["deleted"])
    else:
        ClaimLinkFactory(
            kind=LinkKind.CONTRADICTS,
            claim_a=monitors_b1,
            claim_b=corpus["ministry_d5_approved"],
            status="dismissed",
            decided_by=reviewer,
        )
    client.force_login(analyst)

    assert _listed(client, in_contradiction="true") == _ids(corpus, "ministry_d4", "monitors_b2")
    assert monitors_b1.pk in _listed(client, in_contradiction="false")
    response = client.get(reverse("claims:list"))
    marked = {claim.pk for claim in response.context["object_list"] if claim.in_contradiction}
    assert marked == _ids(corpus, "ministry_d4", "monitors_b2")
    reading = client.get(reverse("claims:reading", args=[monitors_b1.article_id]))
    assert "⚡" not in reading.content.decode()


def test_claim_list_filters_by_article_source_and_author(client, analyst, analyst2, corpus):
    client.force_login(analyst)
    first_article = corpus["ministry_d4"].article_id
    ministry = corpus["ministry_d4"].source_id

    assert _listed(client, article=first_article) == _ids(corpus, "ministry_d4", "monitors_b2")
    assert _listed(client, source=ministry) == _ids(corpus, "ministry_d4", "ministry_d5_approved")
    assert _listed(client, created_by=analyst2.pk) == _ids(
        corpus, "monitors_b2", "ministry_d5_approved"
    )


def test_claim_list_filters_by_date_range(client, analyst, corpus):
    client.force_login(analyst)
    today = timezone.localdate()
    month_ago = today - datetime.timedelta(days=30)

    assert _listed(client, created_before=month_ago.isoformat()) == _ids(corpus, "old")
    assert _listed(client, created_after=month_ago.isoformat()) == _ids(
        corpus, *[name for name in LIVE if name != "old"]
    )
    assert _listed(
        client, created_after=(today - datetime.timedelta(days=50)).isoformat(), status="draft"
    ) == _ids(corpus, "ministry_d4", "monitors_b2", "old")


def test_claim_list_with_an_unreadable_filter_says_so_and_lists_nothing(client, analyst, corpus):
    client.force_login(analyst)

    response = client.get(reverse("claims:list"), {"grade": "Z9", "created_after": "yesterday"})

    body = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    assert "Write a grade as a letter A–F and a digit 1–6, e.g. B2." in body
    assert "Enter a date as YYYY-MM-DD, e.g. 2024-03-01." in body


def test_claim_list_shows_each_filter_in_use_with_a_link_that_removes_it(client, analyst, corpus):
    client.force_login(analyst)

    response = client.get(reverse("claims:list"), {"status": "submitted", "tag": "troops"})

    chips = response.context["active_filters"]
    assert [(label, value) for label, value, _ in chips] == [
        ("Status", "Submitted"),
        ("Tag", "troops"),
    ]
    assert chips[0][2] == "?tag=troops"


def test_claim_list_form_keeps_the_current_filter_in_its_fields(client, analyst, corpus):
    client.force_login(analyst)
    source = corpus["ministry_d4"].source_id

    body = client.get(reverse("claims:list"), {"source": source, "credibility": "4"}).content
    body = body.decode()

    assert f'<option value="{source}" selected>Ministry of Defence</option>' in body
    assert '<option value="4" selected>4 – Doubtful</option>' in body


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("credibility", ["monitors_b1_submitted", "monitors_b2", "old", "ministry_d4"]),
        ("-reliability", ["ministry_d5_approved", "ministry_d4"]),
    ],
)
def test_claim_list_sorts_by_the_chosen_column(client, analyst, corpus, sort, expected):
    client.force_login(analyst)

    response = client.get(reverse("claims:list"), {"sort": sort})

    listed = [claim.pk for claim in response.context["object_list"]]
    assert listed[: len(expected)] == [corpus[name].pk for name in expected]


def test_sort_links_keep_the_filter(client, analyst, corpus):
    client.force_login(analyst)

    body = client.get(reverse("claims:list"), {"status": "draft"}).content.decode()

    assert "?status=draft&amp;sort=source" in body


def test_claim_list_offers_to_export_exactly_the_listed_claims(client, analyst):
    client.force_login(analyst)

    body = client.get(reverse("claims:list"), {"status": "approved"}).content.decode()

    download = reverse("exports:download")
    assert f'href="{download}?status=approved&amp;format=csv"' in body
    assert f'href="{download}?status=approved&amp;format=jsonld"' in body


def test_unfiltered_claim_list_exports_every_status(client, analyst):
    client.force_login(analyst)

    body = client.get(reverse("claims:list")).content.decode()

    assert f'href="{reverse("exports:download")}?status=&amp;format=json"' in body
    assert f'href="{reverse("exports:download")}?status=&amp;format=csv&amp;bom=1"' in body


def test_author_choices_list_only_people_who_wrote_claims(client, analyst, corpus):
    UserFactory(username="never-wrote")
    client.force_login(analyst)

    response = client.get(reverse("claims:list"))

    assert [name for _, name in response.context["author_choices"]] == ["alice", "bob"]


def test_claim_list_pages_keep_the_sort_order_across_pages(client, analyst, evidence):
    claims = evidence(60, authors=[analyst], links=False)
    client.force_login(analyst)

    first = client.get(reverse("claims:list"), {"sort": "created"})
    second = client.get(reverse("claims:list"), {"sort": "created", "page": 2})

    listed = [c.pk for c in first.context["object_list"]] + [
        c.pk for c in second.context["object_list"]
    ]
    assert listed == sorted(c.pk for c in claims)
    assert first.context["paginator"].count == 60


def test_tag_filter_counts_each_claim_once_even_with_several_tags(client, analyst):
    ClaimFactory(created_by=analyst, tags=["bridge", "north"])
    client.force_login(analyst)

    response = client.get(reverse("claims:list"), {"tag": "bridge"})

    assert response.context["paginator"].count == 1
    assert len(response.context["object_list"]) == 1


def test_text_search_finds_words_of_the_quote_and_the_article_title_in_any_case(client, analyst):
    article = ArticleFactory(
        title="Crossing at Halvern", text="Officials counted 12,000 people at the bridge."
    )
    in_quote = ClaimFactory(article=article, start=18, end=31, created_by=analyst)
    elsewhere = ClaimFactory(created_by=analyst)
    deleted = ClaimFactory(article=article, start=0, end=9, deleted_at=timezone.now())
    client.force_login(analyst)

    assert in_quote.quote == "12,000 people"
    assert _listed(client, q="12,000 PEOPLE") == {in_quote.pk}
    assert _listed(client, q="halvern") == {in_quote.pk}
    assert elsewhere.pk not in _listed(client, q="crossing at")
    assert deleted.pk not in _listed(client, q="officials")


def test_text_search_by_title_matches_the_same_when_many_articles_match(
    client, analyst, monkeypatch
):
    from claims import filters

    claims = [ClaimFactory(article=ArticleFactory(title=f"Convoy report {n}")) for n in range(3)]
    ClaimFactory(article=ArticleFactory(title="Weather"))
    client.force_login(analyst)
    expected = {claim.pk for claim in claims}

    assert _listed(client, q="convoy report") == expected
    monkeypatch.setattr(filters, "MAX_LISTED_IDS", 2)  # more matching articles than listed
    assert _listed(client, q="convoy report") == expected


def test_claim_list_filters_by_status_and_tag(client, analyst):
    tagged = ClaimFactory(created_by=analyst, tags=["casualties"])
    ClaimFactory(created_by=analyst, tags=["timeline"])
    services.claim_submit(claim=tagged, user=analyst)
    client.force_login(analyst)

    response = client.get(reverse("claims:list"), {"status": "submitted", "tag": "casualties"})

    assert [claim.pk for claim in response.context["object_list"]] == [tagged.pk]


def test_claim_list_unknown_sort_falls_back_to_newest_first(client, analyst):
    older, newer = ClaimFactory(created_by=analyst), ClaimFactory(created_by=analyst)
    client.force_login(analyst)

    response = client.get(reverse("claims:list"), {"sort": "password"})

    assert list(response.context["object_list"])[:2] == [newer, older]


def test_status_all_means_every_status_on_the_list_and_the_api(client, api_client, analyst):
    ClaimFactory(created_by=analyst, status="draft")
    ClaimFactory(created_by=analyst, status="submitted")
    client.force_login(analyst)

    listed = client.get(reverse("claims:list"), {"status": "all"})
    api = api_client(analyst).get("/api/claims/", {"status": "all"})

    assert listed.context["paginator"].count == 2
    assert api.status_code == 200 and api.json()["count"] == 2


def test_a_list_whose_filter_was_refused_offers_no_export(client, analyst):
    client.force_login(analyst)

    body = client.get(reverse("claims:list"), {"status": "wrong"}).content.decode()

    assert reverse("exports:download") not in body
