"""What is new to a reader: the comments for them that they have not seen, counted in the
navigation, marked new once where they are shown, and seen from then on."""

import re

import pytest
from django.urls import reverse

from claims import services as claim_services
from discussion.services import comment_post, comment_withdraw
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

NAV_ITEM = re.compile(r'<li id="nav-discussion">(.*?)</li>', re.S)


def nav_item(client) -> str:
    """The navigation's Discussion item as a page (the claim list) shows it."""
    return NAV_ITEM.search(client.get(reverse("claims:list")).content.decode()).group(1)


def new_marks(page) -> int:
    return page.content.decode().count('class="status status-new"')


def test_the_navigation_counts_the_comments_new_to_the_reader_and_links_to_them(
    client, analyst, analyst2, reviewer
):
    mine = ClaimFactory(created_by=analyst)
    comment_post(claim=mine, author=analyst2, body="Which week?")
    comment_post(claim=ClaimFactory(created_by=reviewer), author=analyst2, body="See @alice's.")
    comment_post(claim=ClaimFactory(created_by=analyst2), author=analyst2, body="Not for alice.")

    client.force_login(analyst)
    item = nav_item(client)
    assert f'href="{reverse("discussion:list")}?for=me"' in item
    assert re.search(
        r'<span class="count nav-count"[^>]*>2<span class="visually-hidden"> new', item
    )

    # Their author has nothing new: writing a comment is not receiving it.
    client.force_login(analyst2)
    assert "nav-count" not in nav_item(client)
    assert f'href="{reverse("discussion:list")}"' in nav_item(client)


def test_a_claims_page_shows_its_new_comments_as_new_once_then_they_are_seen(
    client, analyst, analyst2
):
    claim = ClaimFactory(created_by=analyst)
    other = ClaimFactory(created_by=analyst)
    comment_post(claim=claim, author=analyst2, body="One.")
    comment_post(claim=claim, author=analyst, body="My own.")
    comment_post(claim=claim, author=analyst2, body="Two.")
    comment_post(claim=other, author=analyst2, body="Elsewhere.")
    client.force_login(analyst)

    assert new_marks(client.get(claim.get_absolute_url())) == 2
    assert new_marks(client.get(claim.get_absolute_url())) == 0
    assert re.search(r">1<span class=\"visually-hidden\"> new", nav_item(client))
    # Someone else's visit sees nothing for them and marks nothing for the reader.
    client.force_login(analyst2)
    assert new_marks(client.get(other.get_absolute_url())) == 0
    client.force_login(analyst)
    assert new_marks(client.get(other.get_absolute_url())) == 1


def test_the_discussion_page_marks_what_it_shows_as_seen_but_not_later_pages(
    client, analyst, analyst2
):
    claim = ClaimFactory(created_by=analyst)
    for n in range(53):
        comment_post(claim=claim, author=analyst2, body=f"Point {n}.")
    client.force_login(analyst)

    # A HEAD (a link checker, a prefetch) shows nothing to anyone.
    client.head(reverse("discussion:list"), {"for": "me"})
    first = client.get(reverse("discussion:list"), {"for": "me"})

    assert new_marks(first) == 50
    assert "3 more new comments for you, not on this page." in first.content.decode()
    again = client.get(reverse("discussion:list"), {"for": "me"})
    assert new_marks(again) == 0
    assert new_marks(client.get(reverse("discussion:list"), {"for": "me", "page": 2})) == 3
    assert "nav-count" not in nav_item(client)


def test_only_new_comments_are_listed_on_asking(client, analyst, analyst2):
    claim = ClaimFactory(created_by=analyst)
    seen = comment_post(claim=claim, author=analyst2, body="Seen.")
    client.force_login(analyst)
    client.get(claim.get_absolute_url())
    unseen = comment_post(claim=claim, author=analyst2, body="Not yet.")

    response = client.get(reverse("discussion:list"), {"for": "me", "new": "true"})
    assert [comment.pk for comment in response.context["comments"]] == [unseen.pk]
    response = client.get(reverse("discussion:list"), {"new": "false"})
    assert {comment.pk for comment in response.context["comments"]} == {seen.pk, unseen.pk}


def test_mark_all_as_seen_leaves_nothing_new(client, analyst, analyst2):
    for _ in range(3):
        comment_post(claim=ClaimFactory(created_by=analyst), author=analyst2, body="Look.")
    client.force_login(analyst)

    response = client.post(reverse("discussion:all-seen"), follow=True)

    assert response.redirect_chain[-1][0] == f"{reverse('discussion:list')}?for=me"
    assert "3 comments marked as seen." in response.content.decode()
    assert new_marks(response) == 0
    assert "nav-count" not in nav_item(client)
    assert client.get(reverse("discussion:all-seen")).status_code == 405


def test_withdrawn_comments_and_deleted_claims_are_not_new(client, analyst, analyst2):
    claim = ClaimFactory(created_by=analyst)
    gone = ClaimFactory(created_by=analyst)
    withdrawn = comment_post(claim=claim, author=analyst2, body="Scratch that.")
    comment_withdraw(comment=withdrawn, user=analyst2)
    comment_post(claim=gone, author=analyst2, body="On a claim deleted later.")
    claim_services.claim_delete(claim=gone, user=analyst)
    client.force_login(analyst)

    assert "nav-count" not in nav_item(client)


def test_past_99_new_comments_the_navigation_says_99_plus(client, analyst, analyst2):
    claim = ClaimFactory(created_by=analyst)
    for n in range(100):
        comment_post(claim=claim, author=analyst2, body=f"{n}")
    client.force_login(analyst)

    assert re.search(r">99\+<span class=\"visually-hidden\"> new", nav_item(client))


def test_an_observer_named_in_a_comment_sees_it_as_new(client, analyst):
    observer = UserFactory(username="olga")
    claim = ClaimFactory(created_by=analyst)
    comment_post(claim=claim, author=analyst, body="@olga, from your desk?")
    client.force_login(observer)

    assert ">1<" in nav_item(client)
    assert new_marks(client.get(claim.get_absolute_url())) == 1
    assert "nav-count" not in nav_item(client)


def test_a_withdrawn_comment_is_not_shown_as_new(client, api_client, analyst, analyst2):
    claim = ClaimFactory(created_by=analyst)
    withdrawn = comment_post(claim=claim, author=analyst2, body="Scratch that.")
    comment_withdraw(comment=withdrawn, user=analyst2)
    client.force_login(analyst)

    assert new_marks(client.get(claim.get_absolute_url())) == 0
    assert api_client(analyst).get(f"/api/comments/{withdrawn.pk}/").json()["new"] is False


def test_mark_all_counts_what_was_new_and_a_restored_claims_comments_are_news_again(
    client, analyst, analyst2
):
    gone = ClaimFactory(created_by=analyst)
    comment_post(claim=gone, author=analyst2, body="On a claim deleted later.")
    claim_services.claim_delete(claim=gone, user=analyst)
    comment_post(claim=ClaimFactory(created_by=analyst), author=analyst2, body="Standing.")
    client.force_login(analyst)

    response = client.post(reverse("discussion:all-seen"), follow=True)
    assert "1 comment marked as seen." in response.content.decode()
    claim_services.claim_restore(claim=gone, user=analyst)
    assert ">1<" in nav_item(client)


def test_an_unreadable_new_filter_is_refused_and_marks_nothing_seen(
    client, api_client, analyst, analyst2
):
    comment = comment_post(claim=ClaimFactory(created_by=analyst), author=analyst2, body="Hm.")
    client.force_login(analyst)

    page = client.get(reverse("discussion:list"), {"for": "me", "new": "maybe"})
    response = api_client(analyst).get("/api/comments/", {"new": "maybe"})

    assert list(page.context["comments"]) == []
    assert "New to you:" in page.content.decode()
    assert response.status_code == 400
    assert "new" in response.json()
    assert api_client(analyst).get(f"/api/comments/{comment.pk}/").json()["new"] is True
