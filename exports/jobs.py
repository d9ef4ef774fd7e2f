"""The exports app's background jobs: restoring a large claim set, and an export written to a
file that its author downloads when it is ready. Registered with `jobs.kinds` when the app is
ready (`exports.apps`)."""

import tempfile
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exports.export import claim_set_export
from exports.forms import ExportForm
from exports.restore import ImportProgress, claim_set_import
from exports.validation import ClaimSetRefused
from jobs.kinds import JobKind, JobOutcome, register
from jobs.models import Job
from jobs.runner import JobContext
from jobs.services import job_start
from project import roles
from project.file_store import stored

IMPORT = "claim_import"
EXPORT = "claim_export"


# --- Import ------------------------------------------------------------------------------------


def claim_set_import_start(*, upload: File, user: AbstractBaseUser) -> Job:
    """Keep `upload` (a JSON claim set) in the default storage and queue its restore as a job.
    The job reads it as a stream, so any size the server accepts fits in memory."""
    if not roles.can_import_claims(user):
        raise PermissionDenied(_("Only admins can import claim sets."))
    name = stored(f"imports/{uuid.uuid4().hex}.json", upload)
    return job_start(kind=IMPORT, user=user, parameters={"upload": name, "size": upload.size})


def _counting(context: JobContext) -> ImportProgress:
    """The restore tells how many claims and links were just written; the job shows the sum."""
    done = 0

    def progress(step: int, total: int) -> None:
        nonlocal done
        done += step
        context.progress(done, total)

    return progress


def _run_import(job: Job, context: JobContext) -> JobOutcome:
    """Restore the uploaded claim set, all or nothing, as the admin who started the job.

    Safe to run again: the restore matches what is already here (people by username, sources by
    name, articles by the fingerprint of their text, claims by article, span, source and author,
    links by their pair and kind) and creates only the rest; a run cut short wrote nothing, as
    the restore is one transaction. The upload is deleted once the restore has succeeded."""
    name = job.parameters["upload"]
    if not default_storage.exists(name):
        raise ValidationError(
            _("The uploaded file is no longer kept on the server: upload the claim set again.")
        )
    try:
        with default_storage.open(name, "rb") as claim_set:
            summary = claim_set_import(
                content=claim_set, user=job.created_by, on_progress=_counting(context)
            )
    except ClaimSetRefused:
        default_storage.delete(name)  # the same file would be refused again
        raise
    default_storage.delete(name)
    created, matched = summary.created, summary.matched
    message = _(
        "Imported: %(claims)d claims and %(links)d links created, %(matched)d claims already "
        "here left as they were."
    ) % {"claims": created["claims"], "links": created["links"], "matched": matched["claims"]}
    return JobOutcome(message=" ".join([message, *summary.notes]), result=summary.as_dict())


# --- Export ------------------------------------------------------------------------------------


def claim_set_export_start(*, query: QueryDict, user: AbstractBaseUser, via: str) -> Job:
    """Queue an export of the claims `query` selects (the parameters of `GET /api/export/`)
    to a file. Refuses a bad format or filter at once, as the streamed export does."""
    if not roles.can_export_claims(user):
        raise PermissionDenied(_("Only analysts, reviewers and admins can export claims."))
    form = ExportForm(query)
    if not form.is_valid():
        raise ValidationError(form.problems)
    return job_start(
        kind=EXPORT,
        user=user,
        parameters={"query": query.urlencode(), "via": via},
        most_unfinished=settings.EXPORT_JOBS_PER_USER,
        too_many=_(
            "You have %(count)d exports to files waiting or running, as many as one person may "
            "have at once: wait for one to finish, or cancel one on the Jobs page."
        ),
    )


def _run_export(job: Job, context: JobContext) -> JobOutcome:
    """Write the export to a file in the default storage (`jobs/<job id>/…`), recorded like
    every export. Running it again writes a new file (and a new record) from the claims as they
    are then; a run cut short leaves neither."""
    form = ExportForm(QueryDict(job.parameters["query"]))
    if not form.is_valid():
        raise ValidationError(form.problems)
    claims = form.claim_filter.qs
    total, done = claims.count(), 0

    def progress(count: int) -> None:
        nonlocal done
        done += count
        context.progress(done, total)

    export = claim_set_export(
        claims=claims,
        format=form.cleaned_data["format"],
        filters=form.filters,
        user=job.created_by,
        via=job.parameters["via"],
        bom=form.cleaned_data["bom"],
        on_progress=progress,
    )
    with tempfile.TemporaryFile() as spool:
        for chunk in export:
            spool.write(chunk)
        if export.record is None:
            raise ValidationError(
                _("The export stopped part-way (the server log says why); retry the job.")
            )
        spool.seek(0)
        name = default_storage.save(f"jobs/{job.pk}/{export.filename}", File(spool))
    record = export.record
    message = _("Exported %(count)d claims (%(size)s bytes): download the file below.") % {
        "count": record.claim_count,
        "size": f"{record.size:,}",
    }
    result = {
        "export_id": str(record.pk),
        "claim_count": record.claim_count,
        "content_type": export.content_type,  # the download's, as the direct export's
    }
    return JobOutcome(message=message, result={**result, "sha256": record.sha256}, file=name)


def register_kinds() -> None:
    register(JobKind(name=IMPORT, label=gettext_lazy("Claim-set import"), run=_run_import))
    register(JobKind(name=EXPORT, label=gettext_lazy("Export to a file"), run=_run_export))
