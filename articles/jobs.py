"""Reading a heavy file (a large PDF or Word document) in the background: the upload is kept in
the default storage and a job extracts its text and stores the article. Registered with
`jobs.kinds` when the app is ready (`articles.apps`)."""

import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import ingest
from articles.services import ArticleDetails, article_ingest
from jobs.kinds import JobKind, JobOutcome, register
from jobs.models import Job
from jobs.runner import JobContext
from jobs.services import job_start
from project import roles
from project.errors import Conflict
from project.file_store import stored
from sources.models import Source

EXTRACT = "article_extract"
#: The formats whose reading is slow enough to hand to the worker when the file is large.
HEAVY_EXTENSIONS = (".pdf", ".docx")


def is_heavy(filename: str, size: int) -> bool:
    """Whether reading this upload should be a job: a PDF or Word file above
    `ARTICLE_EXTRACT_JOB_BYTES`."""
    heavy = PurePath(filename).suffix.lower() in HEAVY_EXTENSIONS
    return heavy and size > settings.ARTICLE_EXTRACT_JOB_BYTES


def article_ingest_start(
    *, file: File, filename: str, uploaded_by: AbstractBaseUser, **details: ArticleDetails
) -> Job:
    """Keep the upload and queue the reading of it (`articles.services.article_ingest`, with
    the same `details`) as a job whose result links to the new article."""
    if not roles.can_add_article(uploaded_by):
        raise PermissionDenied(_("Only analysts and reviewers can add articles."))
    filename = ingest.display_filename(filename)
    suffix = PurePath(filename).suffix.lower()
    name = stored(f"ingest/{uuid.uuid4().hex}{suffix}", file)
    outlet, published_on = details.get("outlet"), details.get("published_on")
    parameters = {
        "upload": name,
        "filename": filename,
        "details": {
            **{key: details.get(key) or "" for key in ("title", "author", "url", "language")},
            "outlet": outlet.pk if outlet is not None else None,
            "published_on": published_on.isoformat() if published_on else None,
        },
    }
    return job_start(kind=EXTRACT, user=uploaded_by, parameters=parameters)


def _details(stored: dict) -> ArticleDetails:
    details = {key: stored[key] for key in ("title", "author", "url", "language")}
    details["outlet"] = Source.objects.filter(pk=stored["outlet"]).first()
    if stored["published_on"]:
        details["published_on"] = datetime.date.fromisoformat(stored["published_on"])
    return ArticleDetails(**details)


def _run_extract(job: Job, context: JobContext) -> JobOutcome:
    """Read the kept upload into an article. Safe to run again: text that is already stored
    (by an earlier run of this job, or anyone) is not stored twice; the job then points at the
    article that has it."""
    name = job.parameters["upload"]
    if not default_storage.exists(name):
        raise Conflict(
            _("The uploaded file is no longer kept on the server: upload it again."),
            code="upload_gone",
        )
    context.progress(0, 1)
    try:
        with default_storage.open(name, "rb") as upload:
            article = article_ingest(
                file=upload,
                filename=job.parameters["filename"],
                uploaded_by=job.created_by,
                **_details(job.parameters["details"]),
            )
    except Conflict as conflict:
        if "url" not in conflict.current:
            raise
        default_storage.delete(name)
        message = _("This text was already stored, as “%(title)s”: nothing was added.") % {
            "title": conflict.current.get("title", "")
        }
        return JobOutcome(message=message, result=conflict.current, url=conflict.current["url"])
    default_storage.delete(name)
    message = _("Added “%(title)s”. Check its details.") % {"title": article.title}
    return JobOutcome(
        message=message, result={"article": article.pk}, url=article.get_absolute_url()
    )


def register_kinds() -> None:
    register(JobKind(name=EXTRACT, label=gettext_lazy("Article extraction"), run=_run_extract))
