"""The record every export leaves behind: who took which claims out, when, and in what file."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    JSON = "json", "JSON"
    JSONL = "jsonl", "JSON Lines"
    JSONLD = "jsonld", "W3C Web Annotation (JSON-LD)"


class ExportChannel(models.TextChoices):
    """Which door the export left through."""

    PAGE = "page", "Web page"
    API = "api", "API"
    COMMAND = "command", "Command line"


class ExportRecord(models.Model):
    """One finished export.

    The file is streamed, so the record is written when the last byte has been produced: `sha256`,
    `size` and `claim_count` describe exactly the bytes that left. An export that is cut off
    half-way (the client went away) leaves no record. `id` and `exported_at` are chosen when the
    export starts and are written into the file (JSON formats) or the response headers (CSV, JSON
    Lines), so a file can be matched to its record.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="claim_exports",
        null=True,
        blank=True,
        help_text="Empty for exports made with the export_claims command.",
    )
    via = models.CharField(max_length=16, choices=ExportChannel.choices)
    format = models.CharField(max_length=16, choices=ExportFormat.choices)
    filters = models.JSONField(
        default=dict,
        blank=True,
        help_text='The claim-list filters applied, e.g. {"status": "approved"}; '
        "no status means every status.",
    )
    bom = models.BooleanField(default=False, help_text="CSV only: starts with a UTF-8 BOM.")
    claim_count = models.PositiveIntegerField()
    size = models.PositiveBigIntegerField(help_text="Bytes.")
    sha256 = models.CharField("SHA-256", max_length=64, help_text="Of the whole file, as sent.")
    exported_at = models.DateTimeField(help_text="When the export started (as written in it).")
    finished_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-exported_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(format__in=ExportFormat.values), name="export_format_valid"
            ),
            models.CheckConstraint(
                condition=Q(via__in=ExportChannel.values), name="export_via_valid"
            ),
            models.CheckConstraint(
                condition=Q(Exact(Length("sha256"), 64)), name="export_sha256_length"
            ),
        ]
        indexes = [
            models.Index(fields=["exported_at"]),
            models.Index(fields=["exported_by", "exported_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_format_display()} export of {self.claim_count} claims"

    @property
    def filter_description(self) -> str:
        """The filters as people read them: `status: approved · tag: velka`, or `any status`."""
        # Status first, then the rest by name (PostgreSQL's jsonb does not keep the key order).
        names = sorted(self.filters, key=lambda name: (name != "status", name))
        parts = [f"{name}: {self.filters[name]}" for name in names]
        if "status" not in self.filters:
            parts.append("any status")
        return " · ".join(parts)
