from django.apps import AppConfig
from django.db.models.signals import post_delete


class JobsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "jobs"
    verbose_name = "Background jobs"

    def ready(self) -> None:
        from jobs.files import delete_files_of_deleted_job
        from jobs.models import Job
        from jobs.selectors import worker_note
        from project.health import READINESS_NOTES

        if worker_note not in READINESS_NOTES:
            READINESS_NOTES.append(worker_note)

        post_delete.connect(
            delete_files_of_deleted_job, sender=Job, dispatch_uid="jobs.delete_files"
        )
