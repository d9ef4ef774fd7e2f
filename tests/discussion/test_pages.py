"""The discussion on a claim's page, its forms, and the team's latest comments."""

import pytest
from django.urls import reverse

from claims import services as claim_services
from discussion.models import Comment
from discussion.services import comment_post, comment_withdraw
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_a_comment_posted_from_the_claims_page_shows_there(client, analyst, analyst2):
    claim = ClaimFactory(created_by=analyst)
    client.force_login(analyst2)

    response = client.post(
        reverse("discussion:post", args=[claim.pk]), {"body": "Same day as the ministry's, @alice?"}
    )

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{claim.get_absolute_url()}#comment-{comment.pk}"
    page = client.get(claim.get_absolute_url()).content.decode()
    assert 'Discussion <span class="count">1</span>' in page
    assert 'Same day as the ministry&#x27;s, <strong class="mention">@alice</strong>?' in page


def test_a_refused_comment_keeps_the_words_typed_and_says_why(client, analyst):
    claim = ClaimFactory(created_by=analyst)
    client.force_login(analyst)
    typed = "x" * 4001

    response = client.post(reverse("discussion:post", args=[claim.pk]), {"body": typed})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Your comment was not posted" in page
    assert "at most 4000 characters" in page
    assert typed in page
    assert not Comment.objects.exists()


def test_a_deleted_claim_refuses_a_comment_with_the_reason(client, analyst):
    claim = ClaimFactory(created_by=analyst)
    claim_services.claim_delete(claim=claim, user=analyst)
    client.force_login(analyst)

    response = client.post(reverse("discussion:post", args=[claim.pk]), {"body": "Hello?"})

    assert response.status_code == 400
    assert "restore it to discuss it" in response.content.decode()


def test_comment_text_is_escaped_and_its_lines_kept(client, analyst):
    claim = ClaimFactory(created_by=analyst)
    comment_post(claim=claim, author=analyst, body='<script>alert("x")</script>\nSecond line')
    client.force_login(analyst)

    page = client.get(claim.get_absolute_url()).content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>Second line" in page


def test_a_withdrawn_comment_shows_who_withdrew_it_and_not_its_words(client, analyst, analyst2):
    claim = ClaimFactory(created_by=analyst)
    comment = comment_post(claim=claim, author=analyst2, body="Posted in the wrong place.")
    client.force_login(analyst2)
    page = client.get(claim.get_absolute_url()).content.decode()
    assert reverse("discussion:withdraw", args=[comment.pk]) in page

    response = client.post(reverse("discussion:withdraw", args=[comment.pk]))

    assert response["Location"].endswith(f"#comment-{comment.pk}")
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "Withdrawn by bob" in page
    assert "Posted in the wrong place." not in page
    assert reverse("discussion:withdraw", args=[comment.pk]) not in page


def test_only_the_author_sees_a_withdraw_button_and_others_are_refused(client, analyst, analyst2):
    claim = ClaimFactory(created_by=analyst)
    comment = comment_post(claim=claim, author=analyst2, body="Bob's.")
    client.force_login(analyst)

    page = client.get(claim.get_absolute_url()).content.decode()
    response = client.post(reverse("discussion:withdraw", args=[comment.pk]))

    assert reverse("discussion:withdraw", args=[comment.pk]) not in page
    assert response.status_code == 403
    assert Comment.objects.get().withdrawn_at is None


def test_a_person_without_a_role_reads_the_discussion_without_a_form(client, analyst, no_role_user):
    claim = ClaimFactory(created_by=analyst)
    comment_post(claim=claim, author=analyst, body="Visible to all.")
    client.force_login(no_role_user)

    page = client.get(claim.get_absolute_url()).content.decode()

    assert "Visible to all." in page
    assert reverse("discussion:post", args=[claim.pk]) not in page
    assert "needs the analyst or reviewer role" in page


def test_the_discussion_page_lists_the_latest_first_and_for_me_what_concerns_me(
    client, analyst, analyst2, reviewer
):
    mine, theirs, gone = (ClaimFactory(created_by=who) for who in (analyst, analyst2, analyst2))
    comment_post(claim=theirs, author=reviewer, body="Not for alice.")
    comment_post(claim=mine, author=analyst, body="Alice on her own claim.")
    comment_post(claim=theirs, author=reviewer, body="Over to @alice.")
    comment_post(claim=mine, author=reviewer, body="On alice's claim.")
    withdrawn = comment_post(claim=theirs, author=reviewer, body="Taken back, @alice.")
    comment_withdraw(comment=withdrawn, user=reviewer)
    comment_post(claim=gone, author=reviewer, body="On a claim since deleted, @alice.")
    claim_services.claim_delete(claim=gone, user=analyst2)
    client.force_login(analyst)

    everyone = client.get(reverse("discussion:list"))
    for_me = client.get(reverse("discussion:list"), {"for": "me"})

    def bodies(response):
        return [comment.body for comment in response.context["comments"]]

    assert bodies(everyone) == [
        "On alice's claim.",
        "Over to @alice.",
        "Alice on her own claim.",
        "Not for alice.",
    ]
    assert bodies(for_me) == ["On alice's claim.", "Over to @alice."]


def test_the_discussion_page_refuses_a_filter_it_cannot_read(client, analyst):
    comment_post(claim=ClaimFactory(created_by=analyst), author=analyst, body="Here.")
    client.force_login(analyst)

    response = client.get(reverse("discussion:list"), {"for": "everyone", "claim": "x"})

    assert response.status_code == 200
    assert list(response.context["comments"]) == []
    assert "Claim: Enter a whole number." in response.content.decode()


def test_the_discussion_page_costs_the_same_queries_for_5_and_40_comments(
    client, analyst, analyst2, django_assert_num_queries
):
    claims = [ClaimFactory(created_by=analyst) for _ in range(5)]
    client.force_login(analyst)

    def post(count):
        for n in range(count):
            comment_post(claim=claims[n % 5], author=analyst2, body=f"{n} for @alice")

    post(5)
    # 9: the 7 of a list page, the page's new comments marked seen, and the navigation's count
    # of those still new.
    with django_assert_num_queries(9) as few:
        client.get(reverse("discussion:list"), {"for": "me"})
    post(35)
    with django_assert_num_queries(len(few)):
        response = client.get(reverse("discussion:list"), {"for": "me"})
    assert len(response.context["comments"]) == 40


def test_the_reading_view_names_the_articles_discussed_claims_latest_first(
    client, analyst, analyst2
):
    first = ClaimFactory(created_by=analyst)
    article = first.article
    second = ClaimFactory(created_by=analyst, article=article)
    quiet = ClaimFactory(created_by=analyst, article=article)
    elsewhere = ClaimFactory(created_by=analyst)
    comment_post(claim=first, author=analyst2, body="One.")
    comment_post(claim=second, author=analyst2, body="Two.")
    comment_post(claim=first, author=analyst, body="Three.")
    comment_post(claim=elsewhere, author=analyst, body="Not this article.")
    withdrawn = comment_post(claim=quiet, author=analyst, body="Taken back.")
    comment_withdraw(comment=withdrawn, user=analyst)
    client.force_login(analyst2)

    page = client.get(article.get_absolute_url()).content.decode()

    assert "3 comments on this article's claims" in page
    section = page[page.index('class="discussed-list"') :]
    assert section.index(f"Claim {first.pk}</a> · 2 comments") < section.index(
        f"Claim {second.pk}</a> · 1 comment "
    )
    assert f"Claim {quiet.pk}</a>" not in section
    assert f"Claim {elsewhere.pk}</a>" not in section


def test_the_reading_view_says_which_discussed_claims_hold_comments_new_to_the_reader(
    client, analyst, analyst2, reviewer
):
    first = ClaimFactory(created_by=analyst)
    article = first.article
    second = ClaimFactory(created_by=reviewer, article=article)
    comment_post(claim=first, author=analyst2, body="For the claim's author.")
    comment_post(claim=first, author=reviewer, body="Also for her, @alice and @bob.")
    comment_post(claim=second, author=analyst2, body="For rita, not alice.")
    client.force_login(analyst)

    page = client.get(article.get_absolute_url()).content.decode()

    assert "on this article's claims, the latest" in page
    assert '· <strong class="discussed-new">2 new for you</strong>' in page
    section = page[page.index('class="discussed-list"') :]
    assert f'Claim {first.pk}</a> · 2 comments, <strong class="discussed-new">2 new' in section
    assert f"Claim {second.pk}</a> · 1 comment · " in section
    # Counted, not shown: they stay new until their thread is opened.
    client.get(second.get_absolute_url())
    assert "2 new for you" in client.get(article.get_absolute_url()).content.decode()
    client.get(first.get_absolute_url())
    assert "new for you" not in client.get(article.get_absolute_url()).content.decode()


def test_the_reading_view_says_nothing_of_a_discussion_when_there_is_none(client, analyst):
    claim = ClaimFactory(created_by=analyst)
    client.force_login(analyst)

    assert "discussed-claims" not in client.get(claim.article.get_absolute_url()).content.decode()


def test_the_admin_reads_withdrawn_comments_and_changes_none(client, analyst, staff_user):
    claim = ClaimFactory(created_by=analyst)
    standing = comment_post(claim=claim, author=analyst, body="Standing remark.")
    withdrawn = comment_post(claim=claim, author=analyst, body="Withdrawn remark.")
    comment_withdraw(comment=withdrawn, user=analyst)
    client.force_login(staff_user)

    listed = client.get("/admin/discussion/comment/", {"withdrawn": "yes"})
    shown = client.get(f"/admin/discussion/comment/{withdrawn.pk}/change/")
    changed = client.post(f"/admin/discussion/comment/{standing.pk}/change/", {"body": "Rewritten"})

    assert [comment.pk for comment in listed.context["cl"].result_list] == [withdrawn.pk]
    assert "Withdrawn remark." in shown.content.decode()
    assert changed.status_code == 403
    assert Comment.objects.get(pk=standing.pk).body == "Standing remark."
