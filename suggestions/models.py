"""Suggestions made by the analysis engine, and the index of measures they are paired through.

A suggestion is never evidence: it waits for an analyst to accept it (which records claims and
proposes a link through `claims.services`) or dismiss it (which is remembered). Rules on one row
live here; every write is in `suggestions.services`.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from claims.models import Claim, ClaimLink, LinkKind
from sources.models import Source


class SuggestionKind(models.TextChoices):
    CLAIM = "claim", _("Claim")
    CONTRADICTION = "contradiction", _("Contradiction")
    CORROBORATION = "corroboration", _("Corroboration")


#: The kinds that pair two passages.
PAIR_KINDS = (SuggestionKind.CONTRADICTION, SuggestionKind.CORROBORATION)
#: The link each kind of pair asks for, and the kind of pair a link answers.
LINK_KIND = {
    SuggestionKind.CONTRADICTION: LinkKind.CONTRADICTS,
    SuggestionKind.CORROBORATION: LinkKind.CORROBORATES,
}
PAIR_KIND = {link: pair for pair, link in LINK_KIND.items()}


def overlaps(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    """Whether two spans (article, start, end) share a character: the engine suggests no
    passage a live claim overlaps, and a claim recorded over one settles its suggestion."""
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")


def spans_key(kind: str, *spans: tuple[int, int, int]) -> str:
    """The identity of a suggestion: its kind and its spans (article, start, end), the two
    spans of a pair in a canonical order. Dismissing it dismisses this key for good."""
    parts = [f"{article}:{start}-{end}" for article, start, end in sorted(spans)]
    return "|".join([kind, *parts])


class Suggestion(models.Model):
    """A passage worth recording as a claim (side a only), or two passages (or claims) whose
    figures contradict or corroborate each other (sides a and b).

    Each side is a code-point span of an article's normalized text with its quote, and the
    claim on that span once there is one (null until then)."""

    kind = models.CharField(max_length=16, choices=SuggestionKind.choices)
    status = models.CharField(
        max_length=16, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    key = models.CharField(max_length=200, unique=True, editable=False)

    a_article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="suggestions_as_a"
    )
    a_start = models.PositiveIntegerField()
    a_end = models.PositiveIntegerField()
    a_quote = models.TextField()
    a_claim = models.ForeignKey(
        Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    a_source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    b_article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="suggestions_as_b",
    )
    b_start = models.PositiveIntegerField(null=True, blank=True)
    b_end = models.PositiveIntegerField(null=True, blank=True)
    b_quote = models.TextField(blank=True)
    b_claim = models.ForeignKey(
        Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    b_source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    #: The proposed statement of side a's claim (of b's: `b_statement`).
    statement = models.CharField(max_length=500, blank=True)
    b_statement = models.CharField(max_length=500, blank=True)
    attribution = models.CharField(max_length=200, blank=True)
    source_score = models.FloatField(null=True, blank=True)
    measures = models.JSONField(default=list, blank=True)
    #: What a pair compares: the kind of its measures ("quantity", "date", "role").
    measure_kind = models.CharField(max_length=16, blank=True)
    reason = models.TextField(blank=True)
    score = models.FloatField(default=0)
    analyzer_version = models.CharField(max_length=40)

    link = models.ForeignKey(
        ClaimLink, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_suggestions",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SuggestionKind.values), name="suggestion_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=SuggestionStatus.values), name="suggestion_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(a_start__lt=F("a_end")), name="suggestion_a_start_before_end"
            ),
            # A claim suggestion has one side; a pair has two.
            models.CheckConstraint(
                condition=(
                    Q(kind=SuggestionKind.CLAIM, b_article__isnull=True)
                    | (
                        ~Q(kind=SuggestionKind.CLAIM)
                        & Q(b_article__isnull=False, b_start__lt=F("b_end"))
                    )
                ),
                name="suggestion_sides_match_kind",
            ),
            models.CheckConstraint(
                condition=Q(status=SuggestionStatus.PENDING) | Q(decided_by__isnull=False),
                name="suggestion_decision_has_decider",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "status", "a_article"]),
            models.Index(fields=["kind", "status", "b_article"]),
        ]

    def __str__(self) -> str:
        if self.kind == SuggestionKind.CLAIM:
            return f"{self.get_kind_display()}: “{self.a_quote[:60]}”"
        return f"{self.get_kind_display()}: {self.reason}"

    @property
    def is_pair(self) -> bool:
        return self.kind != SuggestionKind.CLAIM

    def side(self, name: str) -> dict:
        """One side (`"a"` or `"b"`) as a dict: article id, start, end, quote, claim id."""
        return {
            "article": getattr(self, f"{name}_article_id"),
            "start": getattr(self, f"{name}_start"),
            "end": getattr(self, f"{name}_end"),
            "quote": getattr(self, f"{name}_quote"),
            # The claim now where the read says (`selectors.with_claims_now`), else as stored.
            "claim": getattr(self, f"{name}_claim_now", getattr(self, f"{name}_claim_id")),
        }


class IndexedMeasure(models.Model):
    """One figure or date of a passage the engine found, or of a claim's quote, stored under
    its comparison `key` so a new article is compared only with measures of equal key.

    `start`/`end` are the passage's (or claim's) span in code points of the article's text;
    `measure` is the engine's `Measure` as it gave it (its own offsets are the article's too),
    kept whole so a new field of the engine needs no migration here."""

    key = models.CharField(max_length=200)
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    measure = models.JSONField()
    #: The engine's score of the passage (1 for a claim: a person recorded it).
    score = models.FloatField(default=1)
    statement = models.CharField(max_length=500, blank=True)
    attribution = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [
            # The newest measures of a key first: what a new article is compared with.
            models.Index(fields=["key", "-id"], name="indexed_measure_key"),
            models.Index(fields=["article", "claim"], name="indexed_measure_article"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.measure.get('text', '')}"
