from rest_framework import serializers

from articles.languages import clean_language
from articles.models import Article
from project.api_fields import LongTextField
from sources.models import Source


class ArticleSerializer(serializers.ModelSerializer):
    """An article as listed: metadata and counts, without the text."""

    outlet_name = serializers.CharField(
        source="outlet.name", read_only=True, default=None, allow_null=True
    )
    # Read as stored: empty where the article has no address (not a URI, as the model's
    # URLField would have the schema say).
    url = serializers.CharField(read_only=True)
    uploaded_by = serializers.CharField(source="uploaded_by.get_username", read_only=True)
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "outlet",
            "outlet_name",
            "author",
            "url",
            "published_on",
            "language",
            "original_filename",
            "content_sha256",
            "uploaded_by",
            "created_at",
            "claim_count",
        ]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text"]
        read_only_fields = fields


class SameUrlSerializer(serializers.Serializer):
    """Another article stored under the same URL: a warning, not a refusal."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")


class ArticleCreatedSerializer(ArticleDetailSerializer):
    """A new article, with the other articles that have its URL (usually none)."""

    same_url = SameUrlSerializer(many=True, read_only=True)

    class Meta(ArticleDetailSerializer.Meta):
        fields = [*ArticleDetailSerializer.Meta.fields, "same_url"]
        read_only_fields = fields


class ArticleDetailsSerializer(serializers.Serializer):
    """What may be said about an article besides its text, each optional."""

    title = serializers.CharField(max_length=500, required=False, allow_blank=True)
    outlet = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, allow_null=True
    )
    author = serializers.CharField(max_length=300, required=False, allow_blank=True)
    url = serializers.URLField(max_length=2000, required=False, allow_blank=True)
    published_on = serializers.DateField(required=False, allow_null=True)
    language = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        help_text="A name or code (French, français, fr, fr-CA), stored as its code (fr).",
    )

    def validate_language(self, value: str) -> str:
        return clean_language(value)


class ArticleWriteSerializer(ArticleDetailsSerializer):
    """Create an article from pasted text, or change its metadata."""

    text = LongTextField(trim_whitespace=False)


class ArticleUploadSerializer(ArticleDetailsSerializer):
    """Create an article from a file (multipart): .txt, .md, .html, .pdf or .docx. Details
    left out are taken from the file where it has them."""

    file = serializers.FileField(allow_empty_file=True, use_url=False)
