"""Sources: who asserted something, and how reliable the team judges them (the Admiralty scale).

The bottom of the domain: articles (their outlet) and claims point at sources; a source knows
nothing of either. Its page lives with the claims that give it meaning (`claims.views.sources`),
so its address is set in settings (`ABSOLUTE_URL_OVERRIDES`), not here.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

#: The longest `name_key`: case folding may lengthen a name ("ß" is "ss"; a few letters fold
#: to three).
NAME_KEY_LENGTH = 600


def name_key(name: str) -> str:
    """A source's name as names are compared: compatibility-normalized, case-folded, one space
    between words, so "ÉLYSÉE Palace" and "élysée  palace", or "Straße" and "STRASSE", are one
    source. Unicode's caseless match, in Python: the databases' `lower()` folds only ASCII
    letters (SQLite) or no "ß" (PostgreSQL)."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


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


class SourceQuerySet(models.QuerySet):
    """Writes that skip `Source.save()` keep `name_key` too: the bulk writes (imports, the
    builders of tests and benchmarks) and an update that sets a name."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for source in objs:
            source.name_key = name_key(source.name)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if "name" in fields:
            for source in objs:
                source.name_key = name_key(source.name)
            fields = [*fields, "name_key"]
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        if isinstance(kwargs.get("name"), str):
            kwargs["name_key"] = name_key(kwargs["name"])
        return super().update(**kwargs)


class Source(models.Model):
    """Who asserted something: a government, an agency, an outlet, an anonymous official."""

    name = models.CharField(max_length=200)
    #: `name_key(name)`, kept by `save()`: the names that count as one source are one key.
    name_key = models.CharField(max_length=NAME_KEY_LENGTH, editable=False, blank=True)
    kind = models.CharField(max_length=32, choices=SourceKind.choices, default=SourceKind.OTHER)
    reliability = models.CharField(max_length=1, choices=Reliability.choices, default=Reliability.F)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            # An index on an expression, as the one on LOWER(name) before it: a constraint on
            # the column alone would make SQLite rebuild the table, and the claims' tally
            # triggers point into it.
            models.UniqueConstraint(
                F("name_key"),
                name="source_name_key_unique",
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

    def save(self, *args, **kwargs) -> None:
        self.name_key = name_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None) -> None:
        # The key is the name's: a name already refused (by `clean`, saying which source has
        # it) is not refused a second time by the key's constraint, without a field.
        if exclude and "name" in exclude:
            exclude = {*exclude, "name_key"}
        super().validate_constraints(exclude=exclude)

    def clean(self) -> None:
        self.name = " ".join(self.name.split())
        self.name_key = name_key(self.name)
        # The constraint on the key reports without a field; say which field is to blame.
        clash = Source.objects.filter(name_key=self.name_key).exclude(pk=self.pk).first()
        if self.name and clash is not None:
            raise ValidationError(
                {"name": f"A source named “{clash.name}” already exists: use that one instead."},
                code="unique",
            )
