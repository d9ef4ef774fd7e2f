"""Sources: who asserted something, and how reliable the team judges them (the Admiralty scale).

The bottom of the domain: articles (their outlet) and claims point at sources; a source knows
nothing of either. Its page lives with the claims that give it meaning (`claims.views.sources`),
so its address is set in settings (`ABSOLUTE_URL_OVERRIDES`), not here.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords


class SourceKind(models.TextChoices):
    GOVERNMENT = "government", "Government"
    INTELLIGENCE = "intelligence", "Intelligence service"
    MILITARY = "military", "Military"
    INTERNATIONAL_ORGANISATION = "international_organisation", "International organisation"
    MEDIA_OUTLET = "media_outlet", "Media outlet"
    THINK_TANK = "think_tank", "Think tank / expert"
    ANONYMOUS_OFFICIAL = "anonymous_official", "Anonymous official"
    OTHER = "other", "Other"


class Reliability(models.TextChoices):
    """Admiralty Code source reliability (NATO AJP-2.1)."""

    A = "A", "A – Completely reliable"
    B = "B", "B – Usually reliable"
    C = "C", "C – Fairly reliable"
    D = "D", "D – Not usually reliable"
    E = "E", "E – Unreliable"
    F = "F", "F – Reliability cannot be judged"


class Source(models.Model):
    """Who asserted something: a government, an agency, an outlet, an anonymous official."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=SourceKind.choices, default=SourceKind.OTHER)
    reliability = models.CharField(max_length=1, choices=Reliability.choices, default=Reliability.F)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="source_name_unique_ci",
                violation_error_message="A source with this name already exists.",
            ),
            models.CheckConstraint(
                condition=Q(reliability__in=Reliability.values), name="source_reliability_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values), name="source_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="source_name_not_empty"),
        ]
        indexes = [
            models.Index(fields=["kind"], name="source_kind_idx"),
            models.Index(fields=["reliability"], name="source_reliability_idx"),
            # The claim list sorted by source: the sources in name order, each one's claims
            # read off its index, so the first page reads a few sources' claims, not all.
            models.Index(fields=["name"], name="source_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = " ".join(self.name.split())
        # The constraint on Lower("name") reports without a field; say which field is to blame.
        clash = Source.objects.filter(name__iexact=self.name).exclude(pk=self.pk).first()
        if self.name and clash is not None:
            raise ValidationError(
                {"name": f"A source named “{clash.name}” already exists: use that one instead."},
                code="unique",
            )
