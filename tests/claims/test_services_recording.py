"""Recording and editing claims through the services: spans in code points, context, tags,
the edit lock."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Claim, ClaimStatus, Tag
from claims.services import (
    claim_create,
    claim_update,
    tags_from_names,
)
from project.errors import Conflict
from tests.claims.conftest import record
from tests.factories import (
    ArticleFactory,
)

pytestmark = pytest.mark.django_db

EMOJI_TEXT = (
    "Before the border 🚀 launch, officials said the test had failed twice. "
    "Later reports said it had succeeded on the third attempt."
)


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
    claim = record(article, analyst, source, 50, 70)
    assert claim.prefix == article.text[18:50]
    assert claim.suffix == article.text[70:102]


def test_prefix_is_short_at_the_start_of_the_text(article, analyst, source):
    claim = record(article, analyst, source, 0, 10)
    assert claim.prefix == ""


def test_suffix_is_short_at_the_end_of_the_text(article, analyst, source):
    length = len(article.text)
    claim = record(article, analyst, source, length - 10, length - 5)
    assert claim.suffix == article.text[length - 5 :]


def test_prefix_counts_the_emoji_as_one_code_point(analyst, source):
    article = ArticleFactory(text=EMOJI_TEXT)
    start = EMOJI_TEXT.index("launch")
    claim = record(article, analyst, source, start, start + 6)
    assert claim.prefix == "Before the border 🚀 "
    assert len(claim.prefix) == start == 20


def test_create_slugifies_tag_names(article, analyst, source):
    claim = record(article, analyst, source, 0, 10, tags=["Troop numbers", "Convoys"])
    assert sorted(claim.tags.values_list("name", flat=True)) == ["convoys", "troop-numbers"]


def test_create_reuses_existing_tags(article, analyst, source):
    Tag.objects.create(name="convoys")
    record(article, analyst, source, 0, 10, tags=["Convoys"])
    assert Tag.objects.filter(name="convoys").count() == 1


def test_create_collapses_tags_with_the_same_slug(article, analyst, source):
    claim = record(article, analyst, source, 0, 10, tags=["Air defence", "air-defence"])
    assert list(claim.tags.values_list("name", flat=True)) == ["air-defence"]


def test_create_refuses_a_tag_without_letters_or_digits(article, analyst, source):
    with pytest.raises(ValidationError) as error:
        record(article, analyst, source, 0, 10, tags=["!!!"])
    assert "tags" in error.value.message_dict
    assert not Claim.all_objects.exists()


def test_create_puts_statement_on_one_line(article, analyst, source):
    claim = record(article, analyst, source, 0, 10, statement="  Convoys\n crossed   river ")
    assert claim.statement == "Convoys crossed river"


def test_reviewer_without_analyst_role_cannot_create_claims(article, reviewer, source):
    with pytest.raises(PermissionDenied):
        record(article, reviewer, source, 0, 10)
    assert not Claim.all_objects.exists()


def test_user_without_role_cannot_create_claims(article, no_role_user, source):
    with pytest.raises(PermissionDenied):
        record(article, no_role_user, source, 0, 10)
    assert not Claim.all_objects.exists()


def test_staff_can_create_claims(article, staff_user, source):
    assert record(article, staff_user, source, 0, 10).pk


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
    claim = record(article, analyst, source, 0, 10, tags=["old"])
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
    claim = record(article, analyst, source, start, start + 5)
    assert len(claim.prefix) == 32
    assert claim.prefix == text[start - 32 : start]
    assert "🚀" in claim.prefix


def test_more_tags_than_a_claim_may_carry_are_refused_and_none_created(article, analyst, source):
    with pytest.raises(ValidationError) as error:
        record(article, analyst, source, 10, 40, tags=[f"topic-{n}" for n in range(21)])

    assert "at most 20 tags; this one had 21" in error.value.message_dict["tags"][0]
    assert not Tag.objects.exists()
    assert not Claim.all_objects.exists()


def test_twenty_tags_are_accepted(article, analyst, source):
    claim = record(article, analyst, source, 10, 40, tags=[f"topic-{n}" for n in range(20)])
    assert claim.tags.count() == 20
