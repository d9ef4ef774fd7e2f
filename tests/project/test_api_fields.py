"""A related object sent by its id (`KeyedRelatedField`): read by a compiled lookup, refused with
DRF's own messages when the id is of the wrong type or names no row."""

import pytest
from rest_framework import serializers

from articles.models import Article
from project.api_fields import KeyedRelatedField, LongTextField
from sources.models import Source
from sources.services import source_merge
from tests.factories import ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db


class _Pick(serializers.Serializer):
    source = KeyedRelatedField(queryset=Source.objects.all())


def _errors(value) -> list[str]:
    picked = _Pick(data={"source": value})
    assert not picked.is_valid()
    return [str(message) for message in picked.errors["source"]]


def test_an_id_as_number_or_text_reads_the_row_with_every_field():
    source = SourceFactory(name="Ministry of Defence", reliability="B")
    for sent in (source.pk, str(source.pk)):
        picked = _Pick(data={"source": sent})
        assert picked.is_valid(), picked.errors
        found = picked.validated_data["source"]
        assert (found.pk, found.name, found.reliability) == (source.pk, source.name, "B")
        assert not found.get_deferred_fields()


@pytest.mark.parametrize("sent", [424242, "424242", 0, -3, 2**70, str(2**70)])
def test_an_id_no_row_has_is_said_so(sent):
    assert _errors(sent) == [f'Invalid pk "{sent}" - object does not exist.']


@pytest.mark.parametrize(
    ("sent", "kind"), [("abc", "str"), (True, "bool"), (1.5, "float"), ([1], "list"), ({}, "dict")]
)
def test_a_value_that_is_no_id_is_refused_by_its_type(sent, kind):
    assert _errors(sent) == [f"Incorrect type. Expected pk value, received {kind}."]


def test_a_filtered_queryset_is_refused_where_the_field_is_declared():
    with pytest.raises(ValueError, match="every row"):
        KeyedRelatedField(queryset=Article.objects.filter(title="x"))


def test_a_claim_created_with_an_unknown_article_is_a_400_naming_the_field(analyst_client):
    source = SourceFactory()
    response = analyst_client.post(
        "/api/claims/",
        {"article": 999999, "source": source.pk, "start": 0, "end": 3, "quote": "abc"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["article"] == [
        "There is no article 999999: it may have been deleted a moment ago."
    ]


def test_a_claim_from_a_source_merged_meanwhile_is_refused_in_words(analyst_client, reviewer):
    article, kept, merged = ArticleFactory(), SourceFactory(), SourceFactory()
    source_merge(target=kept, duplicates=[merged], user=reviewer)

    response = analyst_client.post(
        "/api/claims/",
        {
            "article": article.pk,
            "source": merged.pk,
            "start": 0,
            "end": 3,
            "quote": article.text[:3],
        },
        format="json",
    )

    assert response.status_code == 400
    assert "may have been merged into another" in response.json()["source"][0]


# --- A long text (`LongTextField`): DRF's refusal of surrogates, by a search ------------------


class _Text(serializers.Serializer):
    text = LongTextField(trim_whitespace=False)


@pytest.mark.parametrize("where", [0, 2_000, 3_999])
def test_a_long_text_with_a_lone_surrogate_is_refused_as_drf_refuses_it(where):
    text = "troops 🚛 crossed " * 250
    broken = text[:where] + "\ud83d" + text[where + 1 :]
    ours, drfs = _Text(data={"text": broken}), _Plain(data={"text": broken})

    assert not ours.is_valid() and not drfs.is_valid()
    assert ours.errors == drfs.errors == {"text": ["Surrogate characters are not allowed: U+D83D."]}
    assert _Text(data={"text": text}).is_valid()


class _Plain(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False)
