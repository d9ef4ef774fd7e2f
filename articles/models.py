"""Articles: the normalized text every claim's offsets point into.

An article's page is its reading view, which writes claims and so lives with them
(`claims.views.reading`): its address is set in settings (`ABSOLUTE_URL_OVERRIDES`), not here.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from simple_history.models import HistoricalRecords

from articles.ingest.normalize import content_sha256
from articles.languages import language_name, validate_language
from articles.validators import validate_url_size

#: What points into an article's text by offsets: functions of the article's id, registered by
#: the apps above that anchor into it (`claims.hooks`), each saying what of theirs does ("claims
#: point into it"), or None. Once any says something, the text may not change.
TEXT_PINNED_BY: list[Callable[[int], str | None]] = []

TEXT_IMMUTABLE_MESSAGE = (
    "The text of this article cannot change: {pinned}. "
    "Upload the new version as a new article instead."
)


class Article(models.Model):
    title = models.CharField(max_length=500)
    text = models.TextField(help_text="Normalized plain text; every claim offset points into it.")
    outlet = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
        help_text="The publication (a source of kind media outlet).",
    )
    author = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=2000, blank=True, validators=[validate_url_size])
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(
        max_length=16, blank=True, validators=[validate_language], help_text="e.g. en, fr, uk"
    )
    original_filename = models.CharField(max_length=255, blank=True)
    original_file = models.FileField(upload_to="originals/%Y/%m/", blank=True)
    content_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="articles"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="article_text_not_empty"),
            models.CheckConstraint(condition=~Q(title=""), name="article_title_not_empty"),
            models.CheckConstraint(
                condition=Q(Exact(Length("content_sha256"), 64)),
                name="article_sha256_length",
            ),
        ]
        indexes = [
            models.Index(fields=["published_on"]),
            models.Index(fields=["created_at"]),
            models.Index(fields=["url"]),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # The model layer's last guard: no code path may move the text under existing claims.
        self._check_text_may_change()
        self.content_sha256 = content_sha256(self.text)
        super().save(*args, **kwargs)
        self._stored_text = self.text

    def clean(self) -> None:
        self._check_text_may_change()

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        # Remember the stored text so a change to it can be refused once claims point into it.
        article._stored_text = article.__dict__.get("text")
        return article

    @property
    def language_name(self) -> str:
        """The article's language by its English name ("French"), or its code where none is
        known."""
        return language_name(self.language)

    @property
    def text_changed(self) -> bool:
        if self.pk is None:
            return False
        stored = getattr(self, "_stored_text", None)
        if stored is None:  # loaded with the text deferred: ask the database
            stored = type(self).objects.filter(pk=self.pk).values_list("text", flat=True).first()
        return stored is not None and stored != self.text

    def _check_text_may_change(self) -> None:
        if not self.text_changed:
            return
        pinned = next(filter(None, (pinned_by(self.pk) for pinned_by in TEXT_PINNED_BY)), None)
        if pinned is not None:
            message = TEXT_IMMUTABLE_MESSAGE.format(pinned=pinned)
            raise ValidationError({"text": message}, code="text_immutable")
