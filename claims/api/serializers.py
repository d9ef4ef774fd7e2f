from rest_framework import serializers

from articles.models import Article
from claims.models import (
    WORKFLOW_FIELDS,
    Claim,
    ClaimLink,
    Credibility,
    LinkKind,
    LinkStatus,
    Tag,
)
from project.api_fields import KeyedRelatedField
from project.ids import MAX_ID
from sources.models import Reliability, Source, SourceKind

#: What a client is told of an id that no longer names anything (changed in another tab).
SOURCE_GONE = (
    "There is no source {pk_value}: it may have been merged into another or deleted a moment "
    "ago. Type the source again and pick it from the list."
)
ARTICLE_GONE = "There is no article {pk_value}: it may have been deleted a moment ago."
CLAIM_GONE = "There is no claim {pk_value}: it may have been deleted a moment ago."


class SourceSerializer(serializers.ModelSerializer):
    claim_count = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = Source
        fields = ["id", "name", "kind", "reliability", "description", "claim_count", "updated_at"]
        read_only_fields = ["id", "claim_count", "updated_at"]
        # Uniqueness (ignoring case) is the service's to judge, with its own message.
        validators = []


class SimilarSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "name", "kind", "reliability"]
        read_only_fields = fields


class SourceCreatedSerializer(SourceSerializer):
    """A new source, with the existing sources whose names are close to its name: the one
    meant may already be there under another spelling."""

    similar = SimilarSourceSerializer(many=True, read_only=True)

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "similar"]
        read_only_fields = fields


class SimilarSourcesSerializer(serializers.Serializer):
    results = SimilarSourceSerializer(many=True, read_only=True)


class SourceWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=SourceKind.choices, required=False)
    reliability = serializers.ChoiceField(choices=Reliability.choices, required=False)
    description = serializers.CharField(required=False, allow_blank=True)


class SourceMergeSerializer(serializers.Serializer):
    sources = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(),
        many=True,
        allow_empty=False,
        help_text="Ids of the duplicate sources to fold into this one.",
    )


class TagSerializer(serializers.ModelSerializer):
    # Letters of any alphabet (a Unicode slug): the model field's `^[-\w]+$` reads as ASCII
    # in a JSON schema, and "übersicht" broke the schema the API gives of itself.
    name = serializers.CharField(
        read_only=True, help_text="Letters, digits, hyphens and underscores."
    )
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Tag
        fields = ["id", "name", "claim_count"]


class TagRenameSerializer(serializers.Serializer):
    name = serializers.CharField(
        max_length=200,
        help_text="The new name, stored as tags are (“Troop numbers” → “troop-numbers”).",
    )


class TagMergeSerializer(serializers.Serializer):
    tags = serializers.PrimaryKeyRelatedField(
        queryset=Tag.objects.all(),
        many=True,
        allow_empty=False,
        help_text="Ids of the duplicate tags to fold into this one.",
    )


#: What the API says of a claim's or a link's `uuid` beside its `id`.
_UUID_HELP = (
    "The {0}'s identity wherever it is: an export carries it, a restore into another instance "
    "keeps it, and the JSON-LD export names the {0} `urn:uuid:<uuid>`. The id is the row on this "
    "instance only."
)


class ClaimSerializer(serializers.ModelSerializer):
    uuid = serializers.UUIDField(read_only=True, help_text=_UUID_HELP.format("claim"))
    article_title = serializers.CharField(source="article.title", read_only=True)
    source_name = serializers.CharField(source="source.name", read_only=True)
    reliability = serializers.CharField(
        source="graded_reliability",
        read_only=True,
        help_text="The reliability in the grade: `evaluated_reliability` for a reviewed claim, "
        "else the source's current reliability.",
    )
    grade = serializers.CharField(
        read_only=True,
        help_text="The Admiralty grade, e.g. B2: as evaluated for an approved (or rejected) "
        "claim, which a later re-rating or merge of its source does not change.",
    )
    evaluated_reliability = serializers.CharField(
        read_only=True,
        help_text="The source's reliability when a reviewer approved or rejected the claim; "
        "empty while it is a draft or submitted.",
    )
    source_reliability_now = serializers.CharField(
        source="source.reliability",
        read_only=True,
        help_text="The source's current reliability, which differs from the grade's where the "
        "source was re-rated (or merged) since the claim was evaluated.",
    )
    tags = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    created_by = serializers.CharField(source="created_by.get_username", read_only=True)
    reviewed_by = serializers.CharField(
        source="reviewed_by.get_username", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "uuid",
            "article",
            "article_title",
            "start",
            "end",
            "quote",
            "prefix",
            "suffix",
            "statement",
            "source",
            "source_name",
            "credibility",
            "reliability",
            "grade",
            "source_reliability_now",
            "tags",
            "version",
            *WORKFLOW_FIELDS,
        ]
        read_only_fields = fields


class _ClaimFields(serializers.Serializer):
    start = serializers.IntegerField(min_value=0, help_text="Offset in Unicode code points.")
    end = serializers.IntegerField(min_value=1, help_text="Offset in Unicode code points.")
    quote = serializers.CharField(trim_whitespace=False, help_text="Exactly text[start:end].")
    credibility = serializers.ChoiceField(choices=Credibility.choices, required=False)
    statement = serializers.CharField(max_length=500, required=False, allow_blank=True)
    tags = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, default=list
    )


class ClaimCreateSerializer(_ClaimFields):
    article = KeyedRelatedField(
        queryset=Article.objects.all(), error_messages={"does_not_exist": ARTICLE_GONE}
    )
    source = KeyedRelatedField(
        queryset=Source.objects.all(), error_messages={"does_not_exist": SOURCE_GONE}
    )


class ClaimBatchItemSerializer(_ClaimFields):
    """One claim of a batch create: the article and source as ids, which the view reads for
    the whole batch at once."""

    article = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    source = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class ClaimUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, help_text="The version you edited; a stale one is refused with 409."
    )
    start = serializers.IntegerField(min_value=0, required=False)
    end = serializers.IntegerField(min_value=1, required=False)
    quote = serializers.CharField(trim_whitespace=False, required=False)
    source = KeyedRelatedField(
        queryset=Source.objects.all(),
        required=False,
        error_messages={"does_not_exist": SOURCE_GONE},
    )
    credibility = serializers.ChoiceField(choices=Credibility.choices, required=False)
    statement = serializers.CharField(max_length=500, required=False, allow_blank=True)
    tags = serializers.ListField(child=serializers.CharField(max_length=50), required=False)

    class Meta:
        # A PATCH without the version it edited is refused (the schema says so).
        required_in_patch = ["version"]

    def to_representation(self, claim: Claim) -> dict:
        """The claim's editable fields as a PATCH sends them, at its current version (the
        browsable API prefills its edit form with this)."""
        return {
            "version": claim.version,
            "start": claim.start,
            "end": claim.end,
            "quote": claim.quote,
            "source": claim.source_id,
            "credibility": claim.credibility,
            "statement": claim.statement,
            "tags": [tag.name for tag in claim.tags.all()],
        }


class ClaimReviewSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="The version of the claim the reviewer read: a claim changed since is "
        "refused (409) rather than decided unseen.",
    )


_WHY_REJECTED = "Say why the claim is rejected, so its author can rework it."


class ClaimRejectSerializer(ClaimReviewSerializer):
    """A rejection says why: its note is required (the service refuses one without)."""

    note = serializers.CharField(
        help_text="Why the claim is rejected, for its author to rework it.",
        error_messages={"required": _WHY_REJECTED, "blank": _WHY_REJECTED},
    )


class LinkSerializer(serializers.ModelSerializer):
    uuid = serializers.UUIDField(read_only=True, help_text=_UUID_HELP.format("link"))
    created_by = serializers.CharField(source="created_by.get_username", read_only=True)
    decided_by = serializers.CharField(
        source="decided_by.get_username", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = ClaimLink
        fields = [
            "id",
            "uuid",
            "kind",
            "claim_a",
            "claim_b",
            "note",
            "status",
            "created_by",
            "created_at",
            "decided_by",
            "decided_at",
            "version",
        ]
        read_only_fields = fields


class LinkCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LinkKind.choices)
    claim_a = serializers.PrimaryKeyRelatedField(
        queryset=Claim.objects.all(), error_messages={"does_not_exist": CLAIM_GONE}
    )
    claim_b = serializers.PrimaryKeyRelatedField(
        queryset=Claim.objects.all(), error_messages={"does_not_exist": CLAIM_GONE}
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class LinkStatusSerializer(serializers.Serializer):
    class Meta:
        # A decision names the status and the version decided on, PATCH or not.
        required_in_patch = ["status", "version"]

    status = serializers.ChoiceField(choices=LinkStatus.choices)
    version = serializers.IntegerField(
        min_value=1, help_text="The version you decided on; a stale one is refused with 409."
    )
    claim_a_version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="The version of claim_a you read: a claim changed since is refused with 409.",
    )
    claim_b_version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="The version of claim_b you read: a claim changed since is refused with 409.",
    )
