from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import Credibility
from sources.models import Source
from suggestions.models import Suggestion


class SideSerializer(serializers.Serializer):
    """One side of a pair: a span of an article, and its claim once there is one."""

    article = serializers.IntegerField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    quote = serializers.CharField()
    claim = serializers.IntegerField(allow_null=True)


class SuggestionSerializer(serializers.ModelSerializer):
    """A claim suggestion carries `article`, `start`, `end`, `quote` (and `claim` once
    accepted), with `a` and `b` null; a pair carries `a` and `b` and its `reason`, with the
    single-span fields null."""

    article = serializers.SerializerMethodField()
    start = serializers.SerializerMethodField()
    end = serializers.SerializerMethodField()
    quote = serializers.SerializerMethodField()
    claim = serializers.SerializerMethodField()
    source = serializers.IntegerField(source="a_source_id", read_only=True, allow_null=True)
    a = serializers.SerializerMethodField()
    b = serializers.SerializerMethodField()
    measures = serializers.ListField(child=serializers.CharField(), read_only=True)
    decided_by = serializers.CharField(
        source="decided_by.get_username", read_only=True, default=None, allow_null=True
    )
    link = serializers.IntegerField(source="link_id", read_only=True, allow_null=True)

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "kind",
            "status",
            "article",
            "start",
            "end",
            "quote",
            "claim",
            "a",
            "b",
            "statement",
            "attribution",
            "source",
            "source_score",
            "measures",
            "reason",
            "score",
            "link",
            "decided_by",
            "decided_at",
            "analyzer_version",
            "created_at",
        ]
        read_only_fields = fields

    def _single(self, suggestion: Suggestion, name: str):
        return None if suggestion.is_pair else suggestion.side("a")[name]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_article(self, suggestion: Suggestion):
        return self._single(suggestion, "article")

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_start(self, suggestion: Suggestion):
        return self._single(suggestion, "start")

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_end(self, suggestion: Suggestion):
        return self._single(suggestion, "end")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_quote(self, suggestion: Suggestion):
        return self._single(suggestion, "quote")

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_claim(self, suggestion: Suggestion):
        return self._single(suggestion, "claim")

    @extend_schema_field(SideSerializer(allow_null=True))
    def get_a(self, suggestion: Suggestion):
        return suggestion.side("a") if suggestion.is_pair else None

    @extend_schema_field(SideSerializer(allow_null=True))
    def get_b(self, suggestion: Suggestion):
        return suggestion.side("b") if suggestion.is_pair else None


class SuggestionAcceptSerializer(serializers.Serializer):
    """What an analyst may choose when accepting; everything else is prefilled."""

    source = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of the source who asserted the passage (a claim suggestion: else the "
        "recognized one; a pair: for a side with neither a recognized source nor an outlet).",
    )
    credibility = serializers.ChoiceField(
        choices=Credibility.choices, required=False, help_text="Default 6, cannot be judged."
    )
    statement = serializers.CharField(
        max_length=500, required=False, allow_blank=True, help_text="Else the proposed one."
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, max_length=20
    )
