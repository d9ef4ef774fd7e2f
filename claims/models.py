"""Claims, the links between claims, and tags.

Rules on one row live here (fields, constraints, `clean()`); writes that touch more than one row
live in `claims.services`.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, Length, NullIf
from django.db.models.lookups import Exact
from django.urls import reverse
from simple_history.models import HistoricalRecords

from sources.models import Reliability, Source

#: How many code points of context are kept each side of a quote, for re-anchoring.
CONTEXT_LENGTH = 32


class Credibility(models.IntegerChoices):
    """Admiralty Code information credibility (NATO AJP-2.1)."""

    CONFIRMED = 1, "1 – Confirmed by other sources"
    PROBABLY_TRUE = 2, "2 – Probably true"
    POSSIBLY_TRUE = 3, "3 – Possibly true"
    DOUBTFUL = 4, "4 – Doubtful"
    IMPROBABLE = 5, "5 – Improbable"
    CANNOT_BE_JUDGED = 6, "6 – Truth cannot be judged"


def span_context(text: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix a claim on `text[start:end]` keeps for re-anchoring: up to
    `CONTEXT_LENGTH` code points each side."""
    return text[max(0, start - CONTEXT_LENGTH) : start], text[end : end + CONTEXT_LENGTH]


def grade(reliability: str, credibility: int) -> str:
    """The Admiralty grade shown to analysts, e.g. ``"B2"``."""
    return f"{reliability}{credibility}"


def graded_reliability(evaluated: str, current: str) -> str:
    """The reliability a claim's grade carries: the one recorded when a reviewer decided on the
    claim (`Claim.evaluated_reliability`), else its source's current one. Python's half of the
    rule; `graded_reliability_expression` is the database's."""
    return evaluated or current


def graded_reliability_expression(path: str = "") -> Coalesce:
    """`graded_reliability` as a database expression for the claim at `path` (`""` for the
    rows' own claim, `"claim_a__"` for a link's first claim): for filters, sorting and counts."""
    return Coalesce(
        NullIf(F(f"{path}evaluated_reliability"), Value("")),
        F(f"{path}source__reliability"),
        output_field=models.CharField(),
    )


def graded_reliability_is(value: str, path: str = "") -> Q:
    """Claims whose grade carries reliability `value`: the evaluated one where recorded, else
    the source's. Written as two plain conditions (not a comparison with the `Coalesce`), so
    the database can use its indexes for either."""
    return Q(**{f"{path}evaluated_reliability": value}) | Q(
        **{f"{path}evaluated_reliability": "", f"{path}source__reliability": value}
    )


class Tag(models.Model):
    name = models.SlugField(max_length=50, unique=True, allow_unicode=True)

    #: Renames and deletions (a merge deletes), so that a claim's history names a tag it once
    #: carried as it was called. Tags are created in bulk with the claims that carry them
    #: (`claim_inserts.tags_named`), which records nothing: a tag's first record is its first
    #: rename or its deletion.
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("claims:tag-detail", args=[self.pk])


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


#: Fields of a claim that its workflow sets (recording, review), never an edit form or a client.
WORKFLOW_FIELDS = (
    "status",
    "created_by",
    "created_at",
    "updated_at",
    "reviewed_by",
    "reviewed_at",
    "review_note",
    "evaluated_reliability",
)


class LiveClaimManager(models.Manager):
    """Claims that have not been (soft) deleted: what every list and count should see."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Claim(models.Model):
    """A passage of an article, attributed to a source and graded.

    `start` and `end` are offsets in Unicode code points into the article's normalized text.
    """

    #: The claim's identity wherever it is: kept by an export and a restore into another
    #: instance (the row id is not), and the `urn:uuid:` IRI of its Web Annotation.
    uuid = models.UUIDField("UUID", default=uuid.uuid4, unique=True, editable=False)
    article = models.ForeignKey("articles.Article", on_delete=models.PROTECT, related_name="claims")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    prefix = models.CharField(max_length=CONTEXT_LENGTH, blank=True)
    suffix = models.CharField(max_length=CONTEXT_LENGTH, blank=True)
    statement = models.CharField(max_length=500, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="claims")
    credibility = models.PositiveSmallIntegerField(
        choices=Credibility.choices, default=Credibility.CANNOT_BE_JUDGED
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="claims")
    status = models.CharField(max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="claims"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reviewed_claims",
        null=True,
        blank=True,
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    #: The source's reliability when a reviewer approved (or rejected) the claim: the grade as
    #: evaluated, which a later re-rating or merge of the source does not change. Blank while
    #: the claim is a draft or submitted (its grade follows the source), and when a rejected
    #: claim is reworked.
    evaluated_reliability = models.CharField(
        "reliability as evaluated", max_length=1, choices=Reliability.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="deleted_claims",
        null=True,
        blank=True,
    )

    #: The `Idempotency-Key` its author's client sent with the request that recorded it
    #: (`claims.services.claims`, "recorded once"): the same request sent again, its answer
    #: lost on the way, gets this claim back instead of recording the passage twice. Unique per
    #: author; NULL for claims recorded without one (so that the unique constraint skips
    #: them, and bulk loads that do not name the column need not either).
    request_key = models.CharField(  # noqa: DJ001
        max_length=110, null=True, blank=True, editable=False
    )

    history = HistoricalRecords(m2m_fields=[tags], excluded_fields=["request_key"])

    objects = LiveClaimManager()
    all_objects = models.Manager()  # noqa: DJ012 (ruff reads a manager as a field)

    class Meta:
        ordering = ["article_id", "start", "end", "id"]
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "request_key"],
                condition=Q(request_key__isnull=False),
                name="claim_request_key_once_per_author",
            ),
            models.CheckConstraint(condition=Q(start__gte=0), name="claim_start_not_negative"),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="claim_start_before_end"),
            models.CheckConstraint(
                condition=Q(credibility__gte=1, credibility__lte=6),
                name="claim_credibility_1_to_6",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="claim_version_positive"),
            # The quote is exactly the span: as many code points as end - start (LENGTH counts
            # characters, not bytes, on both SQLite and PostgreSQL).
            models.CheckConstraint(
                condition=Q(Exact(Length("quote"), F("end") - F("start"))),
                name="claim_quote_length_matches_span",
            ),
            # A reviewed claim says who reviewed it.
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "rejected"]) | Q(reviewed_by__isnull=False),
                name="claim_reviewed_has_reviewer",
            ),
            # An approved claim keeps the grade it was approved with; a draft or submitted one
            # has none of its own yet (a rejected one keeps the judged grade until reworked).
            models.CheckConstraint(
                condition=Q(evaluated_reliability__in=["", *Reliability.values])
                & (
                    Q(status="rejected")
                    | Q(status="approved", evaluated_reliability__in=Reliability.values)
                    | Q(status__in=["draft", "submitted"], evaluated_reliability="")
                ),
                name="claim_evaluated_reliability_fits_status",
                violation_error_message="An approved claim records the reliability it was "
                "approved with; a draft or submitted claim records none.",
            ),
        ]
        indexes = [
            models.Index(fields=["article", "start"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["source", "status"]),
            models.Index(fields=["credibility"]),
            models.Index(fields=["created_by", "status"]),
        ]

    def __str__(self) -> str:
        quote = self.quote if len(self.quote) <= 60 else self.quote[:59] + "…"
        return f"“{quote}”"

    def get_absolute_url(self) -> str:
        return reverse("claims:detail", args=[self.pk])

    @property
    def graded_reliability(self) -> str:
        """The reliability of the claim's grade (see `graded_reliability`)."""
        return graded_reliability(self.evaluated_reliability, self.source.reliability)

    @property
    def grade(self) -> str:
        """The grade as evaluated for a reviewed claim, else with the source's reliability."""
        return grade(self.graded_reliability, self.credibility)

    @property
    def grade_description(self) -> str:
        """The grade in words, e.g. "B – Usually reliable; 2 – Probably true"."""
        reliability = Reliability(self.graded_reliability).label
        return f"{reliability}; {self.get_credibility_display()}"

    @property
    def source_rerated(self) -> bool:
        """Whether the source has been rated otherwise since the claim was evaluated: its
        current reliability is then shown beside the grade."""
        return bool(self.evaluated_reliability) and (
            self.evaluated_reliability != self.source.reliability
        )

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def clean(self) -> None:
        """Check the span against the article text: offsets in range, quote equal to the text."""
        if self.start is None or self.end is None or not self.article_id:
            return
        if self.start >= self.end:
            raise ValidationError({"end": "The end must come after the start."}, code="empty_span")
        text = self.article.text
        if self.end > len(text):
            raise ValidationError(
                {"end": f"The article has only {len(text)} characters; end {self.end} is past it."},
                code="out_of_range",
            )
        if text[self.start : self.end] != self.quote:
            raise ValidationError(
                {
                    "quote": "The quote does not match the article text at these offsets: "
                    "reload the article and select the passage again."
                },
                code="quote_mismatch",
            )


class LinkKind(models.TextChoices):
    CONTRADICTS = "contradicts", "Contradicts"
    CORROBORATES = "corroborates", "Corroborates"


class LinkStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONFIRMED = "confirmed", "Confirmed"
    DISMISSED = "dismissed", "Dismissed"


class ClaimLink(models.Model):
    """Two claims that contradict or corroborate each other, stored with the lower id first."""

    #: The link's identity wherever it is, as a claim's (`Claim.uuid`).
    uuid = models.UUIDField("UUID", default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=16, choices=LinkKind.choices)
    claim_a = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_as_a")
    claim_b = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_as_b")
    note = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=LinkStatus.choices, default=LinkStatus.PROPOSED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="claim_links"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="decided_claim_links",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    #: The edit lock, as a claim's: a decision based on an older version is refused.
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Also rules out a claim linked to itself.
            models.CheckConstraint(
                condition=Q(claim_a__lt=F("claim_b")), name="link_canonical_order"
            ),
            models.UniqueConstraint(
                fields=["claim_a", "claim_b", "kind"],
                name="link_unique_pair_kind",
                violation_error_message="These two claims are already linked this way.",
            ),
            models.CheckConstraint(condition=Q(kind__in=LinkKind.values), name="link_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=LinkStatus.values), name="link_status_valid"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="link_version_positive"),
            models.CheckConstraint(
                condition=Q(status=LinkStatus.PROPOSED) | Q(decided_by__isnull=False),
                name="link_decision_has_decider",
                violation_error_message="A confirmed or dismissed link names who decided it.",
            ),
        ]
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self) -> str:
        return f"#{self.claim_a_id} {self.kind} #{self.claim_b_id}"

    def other(self, claim: Claim) -> Claim:
        """The claim at the other end of the link from `claim`."""
        return self.claim_b if claim.pk == self.claim_a_id else self.claim_a


class EvidenceGeneration(models.Model):
    """A single row whose token is replaced after every committed change to the evidence base
    (articles, sources, tags, claims, links): the generation under which `claims.aggregates`
    caches dashboard and board counts. It lives in the database so that every process agrees
    on it, whatever cache each one uses."""

    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"evidence generation {self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


# Registered with the claims app; kept apart, with their triggers' story (ADR 0012).
from claims.link_tallies import LinkMark, LinkTally  # noqa: E402, F401
from claims.rollups import GradeTally, SourceTally  # noqa: E402, F401
from claims.tallies import ClaimDayTally, ClaimTally  # noqa: E402, F401
