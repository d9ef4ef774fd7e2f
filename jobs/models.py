"""A job: long work (an import, an export, an extraction, a suggestion run) done by the task
worker, with the status, progress and outcome people follow on /jobs/ and in the API."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


#: The statuses a job does not leave by itself (a retry starts it again).
FINISHED = frozenset({JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED})


class Job(models.Model):
    """One piece of long work. `kind` names the registered kind that does it (`jobs.kinds`);
    `parameters` is what that kind needs to do it again (a retry reruns the same job);
    `result` is what it reports when done, `result_file` a file to download and `result_url`
    a page to open."""

    kind = models.CharField(max_length=40)
    status = models.CharField(
        max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    parameters = models.JSONField(default=dict, blank=True)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(default=0)
    message = models.TextField(blank=True)
    result = models.JSONField(default=dict, blank=True)
    result_file = models.FileField(upload_to="jobs/", max_length=255, blank=True)
    result_url = models.CharField(max_length=255, blank=True)
    cancel_requested = models.BooleanField(default=False)
    attempts = models.PositiveIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: When a retry queued it again (None: queued since its creation): what a queued job's wait
    #: for a worker is counted from.
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    #: When the worker running it last said it was alive (`jobs.runner`): a running job whose
    #: heartbeat is older than JOB_STALE_SECONDS lost its worker (`jobs.services.jobs_stale_stop`).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="job_owner_newest")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def status_message(self) -> str:
        """What the job says now: its own message, or, for a job still queued after
        JOB_STALE_SECONDS, that no worker has taken it (a task worker that was never started,
        or stopped, left it saying nothing for ever)."""
        queued = self.queued_at or self.created_at
        if self.message or self.status != JobStatus.QUEUED or queued is None:
            return self.message
        waited = (timezone.now() - queued).total_seconds()
        if waited < settings.JOB_STALE_SECONDS:
            return ""
        minutes = max(1, round(waited / 60))
        return ngettext(
            "No worker has taken this job in %(minutes)d minute: the task worker may be busy, "
            "or not running. If it stays queued, tell an admin.",
            "No worker has taken this job in %(minutes)d minutes: the task worker may be busy, "
            "or not running. If it stays queued, tell an admin.",
            minutes,
        ) % {"minutes": minutes}

    @property
    def percent(self) -> int | None:
        """How far along, 0–100, or None while the amount of work is not known."""
        if not self.total:
            return 100 if self.status == JobStatus.SUCCEEDED else None
        return min(100, self.done * 100 // self.total)
