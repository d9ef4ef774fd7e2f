"""Every rule the claim and link services keep."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Claim, ClaimLink, ClaimStatus, Tag
from claims.services import (
    claim_approve,
    claim_create,
    claim_delete,
    claim_reject,
    claim_restore,
    claim_submit,
    claim_update,
    link_create,
    link_delete,
    link_set_status,
    tags_from_names,
)
from project.errors import Conflict
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    ClaimLinkFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

EMOJI_TEXT = (
    "Before the border 🚀 launch, officials said the test had failed twice. "
    "Later reports said it had succeeded on the third attempt."
)


@pytest.fixture
def source():
    return SourceFactory(reliability="B")


def _create(article, user, source, start, end, **extra) -> Claim:
    return claim_create(
        article=article,
        start=start,
        end=end,
        quote=article.text[start:end],
        source=source,
        created_by=user,
        **extra,
    )


@pytest.fixture
def draft(article, analyst, source):
    return _create(article, analyst, source, 10, 40, credibility=2)


@pytest.fixture
def submitted(draft, analyst):
    return claim_submit(claim=draft, user=analyst)


# --- claim_create ------------------------------------------------------------------------------


def test_create_records_a_draft_at_version_1(draft, analyst):
    assert (draft.status, draft.version, draft.created_by) == (ClaimStatus.DRAFT, 1, analyst)


def test_create_refuses_quote_that_differs_from_text(article, analyst, source):
    with pytest.raises(ValidationError) as error:
        claim_create(
            article=article, start=0, end=5, quote="XXXXX", source=source, created_by=analyst
        )
    assert "quote" in error.value.message_dict
    assert not Claim.all_objects.exists()


def test_create_refuses_end_past_the_text(article, analyst, source):
    length = len(article.text)
    with pytest.raises(ValidationError) as error:
        claim_create(
            article=article,
            start=length - 3,
            end=length + 2,
            quote=article.text[length - 3 :] + "xx",
            source=source,
            created_by=analyst,
        )
    assert "end" in error.value.message_dict
    assert not Claim.all_objects.exists()


def test_create_refuses_empty_span(article, analyst, source):
    with pytest.raises(ValidationError) as error:
        claim_create(article=article, start=5, end=5, quote="", source=source, created_by=analyst)
    assert "end" in error.value.message_dict
    assert not Claim.all_objects.exists()


def test_create_refuses_negative_start(article, analyst, source):
    with pytest.raises(ValidationError) as error:
        claim_create(
            article=article, start=-2, end=3, quote="abcde", source=source, created_by=analyst
        )
    assert "start" in error.value.message_dict
    assert not Claim.all_objects.exists()


def test_create_counts_offsets_in_code_points_after_an_emoji(analyst, source):
    article = ArticleFactory(text=EMOJI_TEXT)
    start = EMOJI_TEXT.index("launch")
    claim = claim_create(
        article=article,
        start=start,
        end=start + 6,
        quote="launch",
        source=source,
        created_by=analyst,
    )
    assert claim.quote == "launch"


def test_create_accepts_a_quote_that_is_the_emoji(analyst, source):
    article = ArticleFactory(text=EMOJI_TEXT)
    start = EMOJI_TEXT.index("🚀")
    claim = claim_create(
        article=article,
        start=start,
        end=start + 1,
        quote="🚀",
        source=source,
        created_by=analyst,
    )
    assert (claim.start, claim.end) == (start, start + 1)


def test_create_refuses_utf16_offsets_shifted_by_the_emoji(analyst, source):
    article = ArticleFactory(text=EMOJI_TEXT)
    utf16_start = EMOJI_TEXT.index("launch") + 1  # the emoji is two UTF-16 code units
    with pytest.raises(ValidationError) as error:
        claim_create(
            article=article,
            start=utf16_start,
            end=utf16_start + 6,
            quote="launch",
            source=source,
            created_by=analyst,
        )
    assert "quote" in error.value.message_dict


def test_create_sets_prefix_and_suffix_of_32_code_points(article, analyst, source):
    claim = _create(article, analyst, source, 50, 70)
    assert claim.prefix == article.text[18:50]
    assert claim.suffix == article.text[70:102]


def test_prefix_is_short_at_the_start_of_the_text(article, analyst, source):
    claim = _create(article, analyst, source, 0, 10)
    assert claim.prefix == ""


def test_suffix_is_short_at_the_end_of_the_text(article, analyst, source):
    length = len(article.text)
    claim = _create(article, analyst, source, length - 10, length - 5)
    assert claim.suffix == article.text[length - 5 :]


def test_prefix_counts_the_emoji_as_one_code_point(analyst, source):
    article = ArticleFactory(text=EMOJI_TEXT)
    start = EMOJI_TEXT.index("launch")
    claim = _create(article, analyst, source, start, start + 6)
    assert claim.prefix == "Before the border 🚀 "
    assert len(claim.prefix) == start == 20


def test_create_slugifies_tag_names(article, analyst, source):
    claim = _create(article, analyst, source, 0, 10, tags=["Troop numbers", "Convoys"])
    assert sorted(claim.tags.values_list("name", flat=True)) == ["convoys", "troop-numbers"]


def test_create_reuses_existing_tags(article, analyst, source):
    Tag.objects.create(name="convoys")
    _create(article, analyst, source, 0, 10, tags=["Convoys"])
    assert Tag.objects.filter(name="convoys").count() == 1


def test_create_collapses_tags_with_the_same_slug(article, analyst, source):
    claim = _create(article, analyst, source, 0, 10, tags=["Air defence", "air-defence"])
    assert list(claim.tags.values_list("name", flat=True)) == ["air-defence"]


def test_create_refuses_a_tag_without_letters_or_digits(article, analyst, source):
    with pytest.raises(ValidationError) as error:
        _create(article, analyst, source, 0, 10, tags=["!!!"])
    assert "tags" in error.value.message_dict
    assert not Claim.all_objects.exists()


def test_create_puts_statement_on_one_line(article, analyst, source):
    claim = _create(article, analyst, source, 0, 10, statement="  Convoys\n crossed   river ")
    assert claim.statement == "Convoys crossed river"


def test_reviewer_without_analyst_role_cannot_create_claims(article, reviewer, source):
    with pytest.raises(PermissionDenied):
        _create(article, reviewer, source, 0, 10)
    assert not Claim.all_objects.exists()


def test_user_without_role_cannot_create_claims(article, no_role_user, source):
    with pytest.raises(PermissionDenied):
        _create(article, no_role_user, source, 0, 10)
    assert not Claim.all_objects.exists()


def test_staff_can_create_claims(article, staff_user, source):
    assert _create(article, staff_user, source, 0, 10).pk


def test_grade_combines_source_reliability_and_credibility(draft):
    assert draft.grade == "B2"


# --- claim_update ------------------------------------------------------------------------------


def test_update_bumps_version(draft, analyst):
    updated = claim_update(claim=draft, user=analyst, version=1, statement="Revised")
    assert (updated.version, updated.statement) == (2, "Revised")
    assert Claim.objects.get(pk=draft.pk).version == 2


def test_update_with_stale_version_raises_conflict_with_current_values(draft, analyst):
    claim_update(claim=draft, user=analyst, version=1, statement="First edit", credibility=3)
    with pytest.raises(Conflict) as error:
        claim_update(claim=draft, user=analyst, version=1, statement="Second edit")
    current = error.value.current
    assert (current["version"], current["statement"], current["credibility"]) == (
        2,
        "First edit",
        3,
    )


def test_update_with_stale_version_changes_nothing(draft, analyst):
    claim_update(claim=draft, user=analyst, version=1, statement="First edit")
    with pytest.raises(Conflict):
        claim_update(claim=draft, user=analyst, version=1, statement="Second edit", tags=["x"])
    stored = Claim.objects.get(pk=draft.pk)
    assert (stored.statement, stored.version, stored.tags.count()) == ("First edit", 2, 0)


def test_update_without_version_is_refused(draft, analyst):
    with pytest.raises(ValidationError) as error:
        claim_update(claim=draft, user=analyst, version=None, statement="No version")
    assert "version" in error.value.message_dict
    assert Claim.objects.get(pk=draft.pk).statement == ""


def test_update_moves_the_span_and_recomputes_context(draft, analyst, article):
    moved = claim_update(
        claim=draft, user=analyst, version=1, start=60, end=90, quote=article.text[60:90]
    )
    assert (moved.start, moved.end, moved.prefix, moved.suffix) == (
        60,
        90,
        article.text[28:60],
        article.text[90:122],
    )


@pytest.mark.parametrize(
    "partial", [{"start": 11}, {"end": 41}, {"quote": "x"}, {"start": 11, "end": 41}]
)
def test_update_of_part_of_the_span_is_refused(draft, analyst, partial):
    with pytest.raises(ValidationError) as error:
        claim_update(claim=draft, user=analyst, version=1, **partial)
    assert "quote" in error.value.message_dict
    stored = Claim.objects.get(pk=draft.pk)
    assert (stored.start, stored.end, stored.version) == (10, 40, 1)


def test_update_moving_span_to_mismatched_quote_is_refused(draft, analyst):
    with pytest.raises(ValidationError):
        claim_update(claim=draft, user=analyst, version=1, start=0, end=5, quote="wrong")
    assert Claim.objects.get(pk=draft.pk).start == 10


def test_update_replaces_tags(article, analyst, source):
    claim = _create(article, analyst, source, 0, 10, tags=["old"])
    claim_update(claim=claim, user=analyst, version=1, tags=["New one"])
    assert list(claim.tags.values_list("name", flat=True)) == ["new-one"]


def test_update_refuses_fields_that_are_not_editable(draft, analyst):
    with pytest.raises(ValidationError):
        claim_update(claim=draft, user=analyst, version=1, status="approved")
    assert Claim.objects.get(pk=draft.pk).status == ClaimStatus.DRAFT


def test_author_cannot_edit_after_submitting(submitted, analyst):
    with pytest.raises(PermissionDenied):
        claim_update(claim=submitted, user=analyst, version=submitted.version, statement="Late")
    assert Claim.objects.get(pk=submitted.pk).statement == ""


def test_another_analyst_cannot_edit_a_draft(draft, analyst2):
    with pytest.raises(PermissionDenied):
        claim_update(claim=draft, user=analyst2, version=1, statement="Not mine")
    assert Claim.objects.get(pk=draft.pk).statement == ""


def test_staff_can_edit_a_submitted_claim(submitted, staff_user):
    claim_update(claim=submitted, user=staff_user, version=submitted.version, statement="Fixed")
    assert Claim.objects.get(pk=submitted.pk).statement == "Fixed"


# --- Review workflow ---------------------------------------------------------------------------


def test_submit_moves_draft_to_submitted_and_bumps_version(submitted):
    assert (submitted.status, submitted.version) == (ClaimStatus.SUBMITTED, 2)


def test_only_the_author_can_submit(draft, analyst2):
    with pytest.raises(PermissionDenied):
        claim_submit(claim=draft, user=analyst2)
    assert Claim.objects.get(pk=draft.pk).status == ClaimStatus.DRAFT


def test_submitting_twice_is_refused(submitted, analyst):
    with pytest.raises((ValidationError, PermissionDenied)):
        claim_submit(claim=submitted, user=analyst)
    assert Claim.objects.get(pk=submitted.pk).version == 2


def test_reviewer_approves_a_submitted_claim(submitted, reviewer):
    approved = claim_approve(claim=submitted, reviewer=reviewer, note="Checked")
    assert (approved.status, approved.reviewed_by, approved.review_note) == (
        ClaimStatus.APPROVED,
        reviewer,
        "Checked",
    )
    assert approved.reviewed_at is not None


def test_reviewer_cannot_approve_own_claim(reviewer):
    claim = ClaimFactory(created_by=reviewer, status=ClaimStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        claim_approve(claim=claim, reviewer=reviewer)
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.SUBMITTED


def test_reviewer_cannot_reject_own_claim(reviewer):
    claim = ClaimFactory(created_by=reviewer, status=ClaimStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        claim_reject(claim=claim, reviewer=reviewer, note="Not good")
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.SUBMITTED


def test_staff_cannot_approve_own_claim(staff_user):
    claim = ClaimFactory(created_by=staff_user, status=ClaimStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        claim_approve(claim=claim, reviewer=staff_user)


def test_analyst_cannot_approve(submitted, analyst2):
    with pytest.raises(PermissionDenied):
        claim_approve(claim=submitted, reviewer=analyst2)
    assert Claim.objects.get(pk=submitted.pk).status == ClaimStatus.SUBMITTED


def test_approve_only_from_submitted(draft, reviewer):
    with pytest.raises(ValidationError) as error:
        claim_approve(claim=draft, reviewer=reviewer)
    assert "status" in error.value.message_dict
    assert Claim.objects.get(pk=draft.pk).status == ClaimStatus.DRAFT


def test_approving_an_approved_claim_is_refused(submitted, reviewer):
    claim_approve(claim=submitted, reviewer=reviewer)
    with pytest.raises(ValidationError):
        claim_approve(claim=submitted, reviewer=reviewer)


def test_reject_requires_a_note(submitted, reviewer):
    with pytest.raises(ValidationError) as error:
        claim_reject(claim=submitted, reviewer=reviewer, note="   ")
    assert "note" in error.value.message_dict
    assert Claim.objects.get(pk=submitted.pk).status == ClaimStatus.SUBMITTED


def test_reject_with_a_note_records_it(submitted, reviewer):
    rejected = claim_reject(claim=submitted, reviewer=reviewer, note=" Wrong source ")
    assert (rejected.status, rejected.review_note, rejected.reviewed_by) == (
        ClaimStatus.REJECTED,
        "Wrong source",
        reviewer,
    )


def test_rejected_claim_can_be_edited_and_resubmitted_by_author(submitted, reviewer, analyst):
    rejected = claim_reject(claim=submitted, reviewer=reviewer, note="Wrong source")
    edited = claim_update(claim=rejected, user=analyst, version=rejected.version, statement="Fix")
    resubmitted = claim_submit(claim=edited, user=analyst)
    assert (resubmitted.status, resubmitted.reviewed_by) == (ClaimStatus.SUBMITTED, None)


# --- Soft delete -------------------------------------------------------------------------------


def test_delete_hides_claim_from_default_manager(draft, analyst):
    claim_delete(claim=draft, user=analyst)
    assert not Claim.objects.filter(pk=draft.pk).exists()


def test_delete_keeps_the_row(draft, analyst):
    claim_delete(claim=draft, user=analyst)
    stored = Claim.all_objects.get(pk=draft.pk)
    assert (stored.deleted_by, stored.is_deleted) == (analyst, True)


def test_restore_brings_a_deleted_claim_back(draft, analyst):
    claim_delete(claim=draft, user=analyst)
    claim_restore(claim=draft, user=analyst)
    assert Claim.objects.filter(pk=draft.pk).exists()


def test_only_the_deleter_or_staff_can_restore(draft, analyst, analyst2):
    claim_delete(claim=draft, user=analyst)
    with pytest.raises(PermissionDenied):
        claim_restore(claim=draft, user=analyst2)
    assert not Claim.objects.filter(pk=draft.pk).exists()


def test_another_analyst_cannot_delete(draft, analyst2):
    with pytest.raises(PermissionDenied):
        claim_delete(claim=draft, user=analyst2)
    assert Claim.objects.filter(pk=draft.pk).exists()


def test_deleted_claim_cannot_be_edited(draft, analyst):
    deleted = claim_delete(claim=draft, user=analyst)
    with pytest.raises(PermissionDenied):
        claim_update(claim=deleted, user=analyst, version=deleted.version, statement="Ghost")


def test_deleted_claim_cannot_be_approved(reviewer, analyst):
    claim = ClaimFactory(created_by=analyst, status=ClaimStatus.SUBMITTED)
    Claim.all_objects.filter(pk=claim.pk).update(deleted_at="2024-01-01T00:00:00Z")
    with pytest.raises(ValidationError):
        claim_approve(claim=claim, reviewer=reviewer)


def test_delete_is_recorded_in_history(draft, analyst):
    claim_delete(claim=draft, user=analyst)
    assert draft.history.first().deleted_at is not None


# --- Links -------------------------------------------------------------------------------------


@pytest.fixture
def pair(analyst):
    first = ClaimFactory(created_by=analyst)
    second = ClaimFactory(created_by=analyst)
    return first, second


def test_link_create_refuses_a_self_link(pair, analyst):
    claim, _ = pair
    with pytest.raises(ValidationError) as error:
        link_create(kind="contradicts", claim_a=claim, claim_b=claim, user=analyst)
    assert "claim_b" in error.value.message_dict
    assert not ClaimLink.objects.exists()


def test_link_create_stores_lower_id_first(pair, analyst):
    low, high = pair
    link = link_create(kind="contradicts", claim_a=high, claim_b=low, user=analyst, note="Why")
    assert (link.claim_a_id, link.claim_b_id, link.status) == (low.pk, high.pk, "proposed")


def test_link_create_refuses_a_duplicate(pair, analyst):
    low, high = pair
    link_create(kind="contradicts", claim_a=low, claim_b=high, user=analyst)
    with pytest.raises(ValidationError):
        link_create(kind="contradicts", claim_a=low, claim_b=high, user=analyst)
    assert ClaimLink.objects.count() == 1


def test_link_create_refuses_a_duplicate_given_in_reverse(pair, analyst):
    low, high = pair
    link_create(kind="contradicts", claim_a=low, claim_b=high, user=analyst)
    with pytest.raises(ValidationError):
        link_create(kind="contradicts", claim_a=high, claim_b=low, user=analyst)
    assert ClaimLink.objects.count() == 1


def test_link_of_the_other_kind_for_the_same_pair_is_allowed(pair, analyst):
    low, high = pair
    link_create(kind="contradicts", claim_a=low, claim_b=high, user=analyst)
    link_create(kind="corroborates", claim_a=high, claim_b=low, user=analyst)
    assert ClaimLink.objects.count() == 2


def test_link_create_refuses_unknown_kind(pair, analyst):
    low, high = pair
    with pytest.raises(ValidationError) as error:
        link_create(kind="refutes", claim_a=low, claim_b=high, user=analyst)
    assert "kind" in error.value.message_dict


def test_link_create_refuses_a_deleted_claim(pair, analyst):
    low, high = pair
    deleted = claim_delete(claim=high, user=analyst)
    with pytest.raises(ValidationError):
        link_create(kind="contradicts", claim_a=low, claim_b=deleted, user=analyst)
    assert not ClaimLink.objects.exists()


def test_user_without_role_cannot_link(pair, no_role_user):
    low, high = pair
    with pytest.raises(PermissionDenied):
        link_create(kind="contradicts", claim_a=low, claim_b=high, user=no_role_user)


def test_links_may_cross_articles(pair, analyst):
    low, high = pair
    assert low.article_id != high.article_id
    assert link_create(kind="corroborates", claim_a=low, claim_b=high, user=analyst).pk


def test_reviewer_confirms_a_link(reviewer):
    link = ClaimLinkFactory()
    link_set_status(link=link, status="confirmed", user=reviewer)
    link.refresh_from_db()
    assert (link.status, link.decided_by) == ("confirmed", reviewer)


def test_link_author_cannot_decide_own_link(reviewer):
    link = ClaimLinkFactory(created_by=reviewer)
    with pytest.raises(PermissionDenied):
        link_set_status(link=link, status="confirmed", user=reviewer)
    link.refresh_from_db()
    assert link.status == "proposed"


def test_analyst_cannot_decide_a_link(analyst2):
    link = ClaimLinkFactory()
    with pytest.raises(PermissionDenied):
        link_set_status(link=link, status="dismissed", user=analyst2)


def test_link_back_to_proposed_clears_decision(reviewer):
    link = ClaimLinkFactory()
    link_set_status(link=link, status="dismissed", user=reviewer)
    link_set_status(link=link, status="proposed", user=reviewer)
    link.refresh_from_db()
    assert (link.decided_by, link.decided_at) == (None, None)


def test_link_set_status_refuses_unknown_status(reviewer):
    link = ClaimLinkFactory()
    with pytest.raises(ValidationError):
        link_set_status(link=link, status="maybe", user=reviewer)


def test_author_can_delete_own_proposed_link(analyst):
    link = ClaimLinkFactory(created_by=analyst)
    link_delete(link=link, user=analyst)
    assert not ClaimLink.objects.exists()


def test_author_cannot_delete_a_confirmed_link(analyst, reviewer):
    link = ClaimLinkFactory(created_by=analyst)
    link_set_status(link=link, status="confirmed", user=reviewer)
    with pytest.raises(PermissionDenied):
        link_delete(link=link, user=analyst)
    assert ClaimLink.objects.exists()


# --- Tags --------------------------------------------------------------------------------------


def test_tags_from_names_keeps_order_and_creates_missing():
    tags = tags_from_names(["Zeta", "alpha"])
    assert [tag.name for tag in tags] == ["zeta", "alpha"]
    assert Tag.objects.count() == 2


def test_tags_from_names_refuses_a_too_long_name():
    with pytest.raises(ValidationError):
        tags_from_names(["x" * 51])


def test_prefix_of_32_code_points_counts_an_emoji_as_one(analyst, source):
    text = "Synthetic opening words here. 🚀 Then the claim itself follows."
    article = ArticleFactory(text=text)
    start = text.index("claim")
    claim = _create(article, analyst, source, start, start + 5)
    assert len(claim.prefix) == 32
    assert claim.prefix == text[start - 32 : start]
    assert "🚀" in claim.prefix
