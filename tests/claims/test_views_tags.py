"""The tag pages: every tag with its claims and contradictions counted, a tag's page, and the
reviewer's rename and merge (two steps, as for sources) through `tag_curation`."""

import pytest
from django.urls import reverse

from claims import services
from claims.models import Claim, Tag
from tests.claims.conftest import record
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(article, analyst):
    """Claims tagged troops (2), army (1), both (1); the first two contradict each other."""
    source = SourceFactory()
    claims = [
        record(article, analyst, source, start, start + 8, tags=tags)
        for start, tags in (
            (0, ["troops"]),
            (10, ["troops"]),
            (20, ["army"]),
            (30, ["troops", "army"]),
        )
    ]
    services.link_create(
        claim_a=claims[0], claim_b=claims[2], kind="contradicts", note="", user=analyst
    )
    return claims


def test_the_list_counts_claims_and_contradictions_per_tag(client, analyst, tagged):
    client.force_login(analyst)

    page = client.get(reverse("claims:tag-list"))

    rows = [(tag.name, tag.claim_count, tag.contradiction_count) for tag in page.context["tags"]]
    assert rows == [("army", 2, 1), ("troops", 3, 1)]
    assert f'href="{reverse("claims:list")}?tag=army"' in page.content.decode()


def test_the_list_finds_and_sorts(client, analyst, tagged):
    client.force_login(analyst)

    found = client.get(reverse("claims:tag-list"), {"q": "TRO"})
    busiest = client.get(reverse("claims:tag-list"), {"sort": "-claims"})

    assert [tag.name for tag in found.context["tags"]] == ["troops"]
    assert [tag.name for tag in busiest.context["tags"]] == ["troops", "army"]


def test_the_list_reads_the_same_queries_for_few_or_many_tags(
    client, analyst, article, count_queries
):
    client.force_login(analyst)
    source = SourceFactory()
    record(article, analyst, source, 0, 5, tags=["one"])
    few = count_queries(client, reverse("claims:tag-list"))
    for n in range(20):
        record(article, analyst, source, n, n + 5, tags=[f"tag-{n}"])

    assert count_queries(client, reverse("claims:tag-list")) == few


def test_only_reviewers_see_the_forms_and_may_use_them(client, analyst, reviewer, tagged):
    army = Tag.objects.get(name="army")
    client.force_login(analyst)

    page = client.get(army.get_absolute_url())
    renamed = client.post(reverse("claims:tag-rename", args=[army.pk]), {"name": "forces"})

    assert 'name="name"' not in page.content.decode()
    assert renamed.status_code == 403
    client.force_login(reviewer)
    assert 'action="/tags/' in client.get(army.get_absolute_url()).content.decode()


def test_a_reviewer_renames_a_tag(client, reviewer, tagged):
    army = Tag.objects.get(name="army")
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:tag-rename", args=[army.pk]), {"name": "Armed forces"}, follow=True
    )

    assert "Renamed “army” to “armed-forces”." in response.content.decode()
    assert Claim.objects.get(pk=tagged[2].pk).history.first().history_change_reason == (
        "Tag “army” renamed “armed-forces”"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [("Troops", "merge “army” into it instead"), ("!!!", "is not a usable tag"), ("", "new name")],
)
def test_a_rename_refused_says_why_and_changes_nothing(client, reviewer, tagged, name, message):
    army = Tag.objects.get(name="army")
    client.force_login(reviewer)

    response = client.post(
        reverse("claims:tag-rename", args=[army.pk]), {"name": name}, follow=True
    )

    assert message in response.content.decode()
    assert Tag.objects.get(pk=army.pk).name == "army"


def test_a_merge_asks_first_then_merges(client, reviewer, tagged):
    troops, army = Tag.objects.get(name="troops"), Tag.objects.get(name="army")
    client.force_login(reviewer)
    url = reverse("claims:tag-merge", args=[troops.pk])

    asked = client.post(url, {"duplicates": [army.pk]})
    merged = client.post(url, {"duplicates": [army.pk], "confirmed": "on"}, follow=True)

    assert [tag.name for tag in asked.context["duplicates"]] == ["army"]
    assert "Merge 1 tag into" in asked.content.decode()
    assert "Merged “army” into “troops”." in merged.content.decode()
    assert not Tag.objects.filter(pk=army.pk).exists()
    assert merged.context["tag"].claim_count == 4


def test_a_merge_of_nothing_or_of_itself_is_refused_in_words(client, reviewer, tagged):
    troops = Tag.objects.get(name="troops")
    client.force_login(reviewer)
    url = reverse("claims:tag-merge", args=[troops.pk])

    empty = client.post(url, {}, follow=True)
    itself = client.post(url, {"duplicates": [troops.pk], "confirmed": "on"}, follow=True)

    assert "Tick the duplicate tags" in empty.content.decode()
    assert "no longer exists or is this tag itself" in itself.content.decode()
    assert Tag.objects.count() == 2


def test_the_merge_candidates_leave_out_the_tag_itself(client, reviewer, tagged):
    troops = Tag.objects.get(name="troops")
    client.force_login(reviewer)

    page = client.get(troops.get_absolute_url(), {"merge_q": "r"})

    assert [tag.name for tag in page.context["merge_candidates"]] == ["army"]
