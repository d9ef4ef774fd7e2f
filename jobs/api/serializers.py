from django.urls import reverse
from rest_framework import serializers

from jobs.kinds import label_of
from jobs.models import Job


class JobSerializer(serializers.ModelSerializer):
    kind_label = serializers.SerializerMethodField(help_text="The kind, as people read it.")
    created_by = serializers.CharField(source="created_by.get_username", read_only=True)
    percent = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="0–100, or null while the total is unknown."
    )
    result_url = serializers.SerializerMethodField(help_text="A page to open, when done.")
    download_url = serializers.SerializerMethodField(help_text="The file it made, when done.")
    page_url = serializers.CharField(source="get_absolute_url", read_only=True)
    message = serializers.CharField(
        source="status_message",
        read_only=True,
        help_text="What the job says now; for one still queued after JOB_STALE_SECONDS, that "
        "no worker has taken it.",
    )

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "kind_label",
            "status",
            "done",
            "total",
            "percent",
            "message",
            "result",
            "result_url",
            "download_url",
            "page_url",
            "cancel_requested",
            "attempts",
            "task_id",
            "created_by",
            "created_at",
            "started_at",
            "heartbeat_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_kind_label(self, job: Job) -> str:
        return label_of(job.kind)

    def get_result_url(self, job: Job) -> str | None:
        return job.result_url or None

    def get_download_url(self, job: Job) -> str | None:
        if not job.result_file:
            return None
        # The API's own address, which takes the API's token (and a browser's session too).
        return reverse("api:job-download", args=[job.pk])
