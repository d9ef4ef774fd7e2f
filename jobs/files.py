"""The files a job owns, deleted with it: the upload it works from (`parameters["upload"]`, in
the default storage) and the file it made (`result_file`). Whatever the storage is — the local
disk or S3 through `STORAGES` — the files go through the storage's own `delete`, once the
deletion of the job is committed (a rolled-back delete keeps them). And the download of the
file it made."""

import logging

from django.core.files.storage import Storage, default_storage
from django.db import transaction
from django.http import FileResponse

from jobs.models import Job

logger = logging.getLogger(__name__)


def job_files(job: Job) -> list[tuple[Storage, str]]:
    """The files `job` owns, as (storage, name): a kind that keeps an upload for its job names
    it `parameters["upload"]` (`jobs.kinds`)."""
    files = []
    upload = job.parameters.get("upload") if isinstance(job.parameters, dict) else None
    if isinstance(upload, str) and upload:
        files.append((default_storage, upload))
    if job.result_file:
        files.append((job.result_file.storage, job.result_file.name))
    return files


def _delete(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        try:
            storage.delete(name)  # no error for a file already gone, on disk as on S3
        except Exception:  # a storage outage must not undo the deletion of the job
            logger.exception("The job file %s could not be deleted", name)


def delete_files_of_deleted_job(sender, instance: Job, using: str, **kwargs) -> None:
    """`post_delete` of a Job (one by one, a queryset, or a cascade from its owner)."""
    files = job_files(instance)
    if files:
        transaction.on_commit(lambda: _delete(files), using=using)


def result_file_response(job: Job) -> FileResponse:
    """The file `job` made, as a download with the type its kind recorded for it
    (`result["content_type"]`: an export's, as the direct export sends it). A job that recorded
    none leaves the type to the file's name."""
    name = job.result_file.name.rsplit("/", 1)[-1]
    recorded = job.result.get("content_type") if isinstance(job.result, dict) else None
    return FileResponse(
        job.result_file.open("rb"),
        as_attachment=True,
        filename=name,
        **({"content_type": recorded} if isinstance(recorded, str) and recorded else {}),
    )
