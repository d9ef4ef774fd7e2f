"""Posting and withdrawing comments: who may, what is kept, who is mentioned."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from claims import services as claim_services
from claims.models import Claim
from discussion.models import BODY_MAX_LENGTH, Comment
from discussion.services import comment_post, comment_withdraw, mentioned_names
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_comment_is_posted_trimmed_and_leaves_the_claim_as_it_was(analyst, analyst2):
    claim = ClaimFactory(created_by=analyst)
    version, updated = claim.version, claim.updated_at

    comment = comment_post(claim=claim, author=analyst2, body="\r\n  Which week?\r\nThe 4th.  \n")

    assert comment.body == "Which week?\nThe 4th."
    assert (comment.claim, comment.author) == (claim, analyst2)
    claim = Claim.objects.get(pk=claim.pk)
    assert (claim.version, claim.updated_at) == (version, updated)
    assert claim.history.count() == 1  # a comment is not a change to the claim


@pytest.mark.parametrize("body", ["", "   \n\t ", "x" * (BODY_MAX_LENGTH + 1), "a\x00b"])
def test_an_empty_an_overlong_or_a_nul_comment_is_refused(analyst, body):
    claim = ClaimFactory(created_by=analyst)

    with pytest.raises(ValidationError) as refused:
        comment_post(claim=claim, author=analyst, body=body)

    assert "body" in refused.value.message_dict
    assert not Comment.objects.exists()


def test_the_longest_comment_is_taken(analyst):
    claim = ClaimFactory(created_by=analyst)

    assert len(comment_post(claim=claim, author=analyst, body="y" * BODY_MAX_LENGTH).body) == 4000


def test_every_role_comments_and_a_person_without_one_does_not(
    analyst, analyst2, reviewer, staff_user, no_role_user
):
    claim = ClaimFactory(created_by=analyst)
    for person in (analyst, analyst2, reviewer, staff_user):
        comment_post(claim=claim, author=person, body=f"From {person.username}")

    with pytest.raises(PermissionDenied):
        comment_post(claim=claim, author=no_role_user, body="From nobody")
    assert claim.comments.count() == 4


def test_a_deleted_claim_is_not_discussed_until_restored(analyst):
    claim = ClaimFactory(created_by=analyst)
    claim_services.claim_delete(claim=claim, user=analyst)
    claim = Claim.all_objects.get(pk=claim.pk)

    with pytest.raises(ValidationError, match="restore it"):
        comment_post(claim=claim, author=analyst, body="Still here?")
    assert not Comment.objects.exists()


def test_mentions_are_the_active_people_named_not_the_author_nor_an_address(analyst, analyst2):
    claim = ClaimFactory(created_by=analyst)
    UserFactory(username="gone", groups=["analyst"], is_active=False)
    UserFactory(username="ana.b", groups=["analyst"])

    comment = comment_post(
        claim=claim,
        author=analyst,
        body="@bob, see this. Ask @ana.b. and @gone; mail x@bob.org; me: @alice; @nobody.",
    )

    assert sorted(comment.mentions.values_list("username", flat=True)) == ["ana.b", "bob"]


def test_names_end_where_their_sentence_does():
    assert mentioned_names("Ask @ana. Then @bob-") == {"ana.", "ana", "bob-", "bob"}
    assert mentioned_names("mail x@bob.org, or (@carl)") == {"carl"}


def test_the_author_or_staff_withdraws_and_no_one_else(analyst, analyst2, reviewer, staff_user):
    claim = ClaimFactory(created_by=analyst)
    mine = comment_post(claim=claim, author=analyst2, body="Mine.")
    for other in (analyst, reviewer):
        with pytest.raises(PermissionDenied):
            comment_withdraw(comment=mine, user=other)

    comment_withdraw(comment=mine, user=analyst2)
    mine.refresh_from_db()
    assert (mine.withdrawn_by, mine.body) == (analyst2, "Mine.")  # the words stay, for admins

    theirs = comment_post(claim=claim, author=analyst, body="Theirs.")
    comment_withdraw(comment=theirs, user=staff_user)
    assert Comment.objects.get(pk=theirs.pk).withdrawn_by == staff_user


def test_withdrawing_twice_keeps_the_first_withdrawal(analyst, staff_user):
    comment = comment_post(claim=ClaimFactory(created_by=analyst), author=analyst, body="Once.")
    comment_withdraw(comment=comment, user=analyst)
    first = Comment.objects.get(pk=comment.pk).withdrawn_at

    stale = Comment.objects.get(pk=comment.pk)
    stale.withdrawn_at = stale.withdrawn_by = None  # as read before the first withdrawal
    comment_withdraw(comment=stale, user=staff_user)

    kept = Comment.objects.get(pk=comment.pk)
    assert (kept.withdrawn_at, kept.withdrawn_by) == (first, analyst)


def test_the_database_refuses_an_empty_comment_and_a_withdrawal_without_its_author(analyst):
    claim = ClaimFactory(created_by=analyst)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(claim=claim, author=analyst, body="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(claim=claim, author=analyst, body="x", withdrawn_by=analyst)


def test_a_comment_is_for_its_claims_author_and_the_people_it_names_once_each(
    analyst, analyst2, reviewer
):
    claim = ClaimFactory(created_by=analyst)

    both = comment_post(claim=claim, author=analyst2, body="@alice and @rita, and @alice again")
    own = comment_post(claim=claim, author=analyst, body="My own claim; cc @alice")

    assert sorted(both.addressees.values_list("user__username", flat=True)) == ["alice", "rita"]
    assert not own.addressees.exists()
