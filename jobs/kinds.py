"""The kinds of job, registered by the apps above (each in its `AppConfig.ready()`).

`jobs` sits just above `project`, below every app with work to hand over: it runs jobs without
knowing what they do. An app registers a `JobKind` whose `run(job, context)` does the work,
tells `context.progress(done, total)` between chunks (which also stops a job whose cancel was
asked for) and returns a `JobOutcome`. A kind's `run` must be safe to run again on the same
job: a retry after a failure, a cancel or a lost worker reruns it from the start.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobs.models import Job
    from jobs.runner import JobContext


@dataclass
class JobOutcome:
    """What a finished job reports: a `message` for people, a `result` for scripts, and
    optionally a file to download (`file`: its name in the default storage, where the kind
    saved it) or a page to open (`url`)."""

    message: str
    result: dict = field(default_factory=dict)
    url: str = ""
    file: str = ""


@dataclass(frozen=True)
class JobKind:
    name: str
    label: str
    run: Callable[["Job", "JobContext"], JobOutcome]


KINDS: dict[str, JobKind] = {}

#: The name a suggestions app registers its per-article run under, from its `AppConfig.ready()`:
#: `register(JobKind(name=SUGGESTION_RUN, label=…, run=…))`, where `run` calls
#: `suggestions.services.suggest_for_article(article)` for `job.parameters["article"]`; it is
#: started with `job_start(kind=SUGGESTION_RUN, user=…, parameters={"article": article.pk})`.
SUGGESTION_RUN = "suggestion_run"


def register(kind: JobKind) -> None:
    """Make `kind` runnable by name. Registering the same name twice keeps the latest (the
    development server's autoreload imports apps again)."""
    KINDS[kind.name] = kind


def kind_named(name: str) -> JobKind | None:
    return KINDS.get(name)


def label_of(name: str) -> str:
    kind = KINDS.get(name)
    return str(kind.label) if kind is not None else name
