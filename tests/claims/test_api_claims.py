"""/api/claims/: create, filter, and edit with versions (the review actions and delete are in
`test_api_claims_review.py`)."""

import pytest
from django.utils import timezone

from claims.models import Claim, ClaimStatus, Tag
from tests.claims.conftest import CLAIMS_URL, claim_url, field_messages
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


EMOJI_TEXT = "Officials 😀 said 300 vehicles crossed the bridge overnight, witnesses said."


@pytest.fixture
def source():
    return SourceFactory(reliability="B")


def _payload(article, source, start=10, end=40, **extra) -> dict:
    payload = {
        "article": article.pk,
        "start": start,
        "end": end,
        "quote": article.text[start:end],
        "source": source.pk,
        "credibility": 2,
        "statement": "Convoys crossed the river.",
        "tags": ["Troop movements", "river"],
    }
    payload.update(extra)
    return payload


@pytest.fixture
def draft(analyst, article, source):
    return ClaimFactory(article=article, source=source, created_by=analyst, start=10, end=40)


@pytest.fixture
def submitted(analyst, article, source):
    return ClaimFactory(
        article=article, source=source, created_by=analyst, status=ClaimStatus.SUBMITTED
    )


# --- Create ------------------------------------------------------------------------------------


def test_create_returns_201_with_computed_fields(analyst_client, article, source):
    response = analyst_client.post(CLAIMS_URL, _payload(article, source), format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["id"] == Claim.objects.get().pk
    assert (body["grade"], body["status"], body["version"], body["created_by"]) == (
        "B2",
        "draft",
        1,
        "alice",
    )


def test_create_returns_prefix_and_suffix(analyst_client, article, source):
    body = analyst_client.post(CLAIMS_URL, _payload(article, source, 40, 60), format="json").json()
    assert (body["prefix"], body["suffix"]) == (article.text[8:40], article.text[60:92])


def test_create_returns_slugified_tags(analyst_client, article, source):
    body = analyst_client.post(CLAIMS_URL, _payload(article, source), format="json").json()
    assert sorted(body["tags"]) == ["river", "troop-movements"]


def test_create_with_emoji_uses_code_point_offsets(analyst_client, source):
    article = ArticleFactory(text=EMOJI_TEXT)
    start = EMOJI_TEXT.index("300")
    response = analyst_client.post(
        CLAIMS_URL, _payload(article, source, start, start + 12), format="json"
    )
    assert response.status_code == 201
    assert response.json()["quote"] == "300 vehicles"


def test_quote_mismatch_is_400_and_creates_nothing(analyst_client, article, source):
    response = analyst_client.post(
        CLAIMS_URL, _payload(article, source, quote="Not what the text says here..."), format="json"
    )
    assert response.status_code == 400
    assert "does not match" in field_messages(response, "quote")[0]
    assert not Claim.all_objects.exists()
    assert not Tag.objects.exists()


def test_utf16_offsets_after_emoji_are_400(analyst_client, source):
    article = ArticleFactory(text=EMOJI_TEXT)
    utf16_start = EMOJI_TEXT.index("300") + 1
    response = analyst_client.post(
        CLAIMS_URL,
        _payload(article, source, utf16_start, utf16_start + 12, quote="300 vehicles"),
        format="json",
    )
    assert response.status_code == 400
    assert field_messages(response, "quote")
    assert not Claim.all_objects.exists()


def test_credibility_7_is_400(analyst_client, article, source):
    response = analyst_client.post(
        CLAIMS_URL, _payload(article, source, credibility=7), format="json"
    )
    assert response.status_code == 400
    assert field_messages(response, "credibility")
    assert not Claim.all_objects.exists()


def test_end_past_the_text_is_400(analyst_client, article, source):
    length = len(article.text)
    response = analyst_client.post(
        CLAIMS_URL,
        _payload(article, source, length - 5, length + 5, quote=article.text[-5:] + "xxxxx"),
        format="json",
    )
    assert response.status_code == 400
    assert field_messages(response, "end")
    assert not Claim.all_objects.exists()


def test_negative_start_is_400(analyst_client, article, source):
    response = analyst_client.post(
        CLAIMS_URL, _payload(article, source, start=-1, quote="x" * 41), format="json"
    )
    assert response.status_code == 400
    assert field_messages(response, "start")
    assert not Claim.all_objects.exists()


def test_unknown_article_is_400(analyst_client, article, source):
    payload = {**_payload(article, source), "article": 999999}
    response = analyst_client.post(CLAIMS_URL, payload, format="json")
    assert response.status_code == 400
    assert field_messages(response, "article")
    assert not Claim.all_objects.exists()


def test_reviewer_only_user_cannot_create_claims(reviewer_client, article, source):
    response = reviewer_client.post(CLAIMS_URL, _payload(article, source), format="json")
    assert response.status_code == 403
    assert response.json()["detail"]
    assert not Claim.all_objects.exists()


def test_user_without_role_cannot_create_claims(api_client, no_role_user, article, source):
    response = api_client(no_role_user).post(CLAIMS_URL, _payload(article, source), format="json")
    assert response.status_code == 403
    assert not Claim.all_objects.exists()


# --- Read and filter ---------------------------------------------------------------------------


def test_detail_shows_grade_from_current_source_reliability(analyst_client, draft, source):
    source.reliability = "D"
    source.save()
    assert analyst_client.get(claim_url(draft)).json()["grade"] == "D2"


def test_list_leaves_out_soft_deleted_claims(analyst_client, draft):
    ClaimFactory(deleted_at=timezone.now())
    results = analyst_client.get(CLAIMS_URL).json()["results"]
    assert [row["id"] for row in results] == [draft.pk]


@pytest.fixture
def catalogue(analyst, analyst2, reviewer):
    """Six claims that differ in exactly one filterable property each from `base`."""
    base_article = ArticleFactory()
    base_source = SourceFactory(reliability="B")

    def claim(**overrides):
        fields = {
            "article": base_article,
            "source": base_source,
            "created_by": analyst,
            "credibility": 2,
            "statement": "Ordinary paraphrase",
        }
        fields.update(overrides)
        return ClaimFactory(**fields)

    return {
        "base": claim(tags=["common"]),
        "other_article": claim(article=ArticleFactory()),
        "other_source": claim(source=SourceFactory(reliability="E")),
        "submitted": claim(status=ClaimStatus.SUBMITTED),
        "credible": claim(credibility=1),
        "tagged": claim(tags=["rare-tag", "common"]),
        "by_bob": claim(created_by=analyst2),
        "wording": claim(statement="Mentions a Pelican somewhere"),
    }


def _ids(client, **params) -> set[int]:
    response = client.get(CLAIMS_URL, {"page_size": 100, **params})
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_filter_by_article(analyst_client, catalogue):
    wanted = catalogue["other_article"]
    assert _ids(analyst_client, article=wanted.article_id) == {wanted.pk}


def test_filter_by_source(analyst_client, catalogue):
    wanted = catalogue["other_source"]
    assert _ids(analyst_client, source=wanted.source_id) == {wanted.pk}


def test_filter_by_status(analyst_client, catalogue):
    assert _ids(analyst_client, status="submitted") == {catalogue["submitted"].pk}


def test_filter_by_credibility(analyst_client, catalogue):
    assert _ids(analyst_client, credibility=1) == {catalogue["credible"].pk}


def test_filter_by_reliability(analyst_client, catalogue):
    assert _ids(analyst_client, reliability="E") == {catalogue["other_source"].pk}


def test_filter_by_tag(analyst_client, catalogue):
    assert _ids(analyst_client, tag="rare-tag") == {catalogue["tagged"].pk}


def test_filter_by_tag_lists_each_claim_once(analyst_client, catalogue):
    response = analyst_client.get(CLAIMS_URL, {"tag": "common"})
    assert response.json()["count"] == 2
    assert {row["id"] for row in response.json()["results"]} == {
        catalogue["base"].pk,
        catalogue["tagged"].pk,
    }


def test_filter_by_created_by(analyst_client, analyst2, catalogue):
    assert _ids(analyst_client, created_by=analyst2.pk) == {catalogue["by_bob"].pk}


def test_filter_q_searches_statement_ignoring_case(analyst_client, catalogue):
    assert _ids(analyst_client, q="pelican") == {catalogue["wording"].pk}


def test_filter_q_searches_quote(analyst_client, catalogue):
    article = ArticleFactory(text="Witnesses counted a Zeppelin above the harbour at noon.")
    start = article.text.index("a Zeppelin")
    wanted = ClaimFactory(article=article, start=start, end=start + 28, statement="")
    assert _ids(analyst_client, q="zeppelin") == {wanted.pk}


def test_filters_combine(analyst_client, catalogue):
    assert _ids(analyst_client, status="draft", credibility=1) == {catalogue["credible"].pk}


def test_invalid_filter_value_is_400(analyst_client, catalogue):
    response = analyst_client.get(CLAIMS_URL, {"credibility": 9})
    assert response.status_code == 400
    assert field_messages(response, "credibility")


# --- Edit --------------------------------------------------------------------------------------


def test_patch_with_version_saves_and_bumps_version(analyst_client, draft):
    response = analyst_client.patch(
        claim_url(draft), {"version": 1, "statement": "Revised", "credibility": 3}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["version"], response.json()["grade"]) == (2, "B3")
    assert Claim.objects.get(pk=draft.pk).statement == "Revised"


def test_patch_without_version_is_400_and_changes_nothing(analyst_client, draft):
    response = analyst_client.patch(claim_url(draft), {"statement": "Revised"}, format="json")
    assert response.status_code == 400
    assert field_messages(response, "version")
    stored = Claim.objects.get(pk=draft.pk)
    assert (stored.statement, stored.version) == (draft.statement, 1)


def test_patch_with_stale_version_is_409_with_current_values(analyst_client, draft):
    analyst_client.patch(claim_url(draft), {"version": 1, "statement": "First"}, format="json")
    response = analyst_client.patch(
        claim_url(draft), {"version": 1, "statement": "Second"}, format="json"
    )
    assert response.status_code == 409
    body = response.json()
    assert body["detail"]
    assert (body["current"]["version"], body["current"]["statement"]) == (2, "First")


def test_patch_with_stale_version_changes_nothing(analyst_client, draft):
    analyst_client.patch(claim_url(draft), {"version": 1, "statement": "First"}, format="json")
    analyst_client.patch(
        claim_url(draft), {"version": 1, "statement": "Second", "tags": ["late"]}, format="json"
    )
    stored = Claim.objects.get(pk=draft.pk)
    assert (stored.statement, stored.version, stored.tags.count()) == ("First", 2, 0)


def test_patch_moving_span_recomputes_prefix(analyst_client, draft, article):
    response = analyst_client.patch(
        claim_url(draft),
        {"version": 1, "start": 50, "end": 70, "quote": article.text[50:70]},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["prefix"] == article.text[18:50]


def test_patch_with_part_of_a_span_is_400(analyst_client, draft):
    response = analyst_client.patch(claim_url(draft), {"version": 1, "start": 0}, format="json")
    assert response.status_code == 400
    assert field_messages(response, "quote")
    assert Claim.objects.get(pk=draft.pk).start == 10


def test_patch_by_another_analyst_is_403(api_client, analyst2, draft):
    response = api_client(analyst2).patch(
        claim_url(draft), {"version": 1, "statement": "Mine now"}, format="json"
    )
    assert response.status_code == 403
    assert Claim.objects.get(pk=draft.pk).statement == draft.statement


def test_patch_after_submit_is_403(analyst_client, submitted):
    response = analyst_client.patch(
        claim_url(submitted), {"version": submitted.version, "statement": "Late"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["detail"]


def test_a_deletion_sent_again_is_answered_as_done_and_can_be_undone(api_client, analyst):
    claim = ClaimFactory(created_by=analyst)
    client = api_client(analyst)

    first = client.delete(f"/api/claims/{claim.pk}/")
    again = client.delete(f"/api/claims/{claim.pk}/")
    restored = client.post(f"/api/claims/{claim.pk}/restore/")

    assert (first.status_code, again.status_code, restored.status_code) == (204, 204, 200)
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_a_deletion_of_a_claim_someone_else_deleted_says_so(api_client, analyst, staff_user):
    claim = ClaimFactory(created_by=analyst)
    api_client(staff_user).delete(f"/api/claims/{claim.pk}/")

    response = api_client(analyst).delete(f"/api/claims/{claim.pk}/")

    assert response.status_code == 400
    assert "Someone else deleted this claim" in str(response.json())


def test_a_refused_tag_is_answered_as_a_list_of_messages_like_every_field(
    analyst_client, article, source
):
    # It came as {"tags": {"0": [...]}}, an object keyed by position, and the reading view
    # showed "[object Object]" under Tags.
    response = analyst_client.post(
        CLAIMS_URL, _payload(article, source, tags=["fine", "x" * 51]), format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "tags": ["entry 2: Ensure this field has no more than 50 characters."]
    }


def test_a_bad_request_key_is_answered_as_a_list_of_messages(analyst_client, article, source):
    response = analyst_client.post(
        CLAIMS_URL, _payload(article, source), format="json", HTTP_IDEMPOTENCY_KEY="no spaces"
    )

    assert response.status_code == 400
    assert isinstance(response.json()["Idempotency-Key"], list)
