"""Health answers for a load balancer or an orchestrator, without a login.

`/healthz` — is this process alive and can it reach its database? `/readyz` — may it take
traffic: the database answers, every migration this code expects has been applied (during a
rolling upgrade a new process reports unready until `migrate` has run), and the static files
its pages link are there (`collectstatic` run for this release). Both answer JSON, never
cache, and say nothing about the evidence itself. `/readyz` also carries the notes the apps
above register in `READINESS_NOTES` (the task worker's queue): for the operator to read, never a
reason to take this process out of service (a web server is ready whatever the worker does).
"""

import logging
import time
from collections.abc import Callable

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

#: Functions returning a dict of what `/readyz` adds to its answer (the apps above fill it).
READINESS_NOTES: list[Callable[[], dict]] = []


def _database_check() -> tuple[bool, dict]:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return False, {"database": "unreachable", "error": type(error).__name__}
    return True, {
        "database": "ok",
        "database_ms": round((time.perf_counter() - started) * 1000, 2),
    }


def _answer(ok: bool, details: dict) -> JsonResponse:
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", **details}, status=200 if ok else 503
    )


@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    ok, details = _database_check()
    return _answer(ok, details)


#: A static file every page links: if the storage cannot name it, no page can be drawn.
EVERY_PAGES_STATIC_FILE = "css/main.css"


def _static_check() -> tuple[bool, dict]:
    """Whether the static files the pages link can be named: in production they are named from
    the manifest `collectstatic` writes, and without it (or with one from an older release)
    every page fails. The storage reads its manifest once, when the process starts: a server
    started before `collectstatic` ran reads it again here, so that it turns ready (and its
    pages work) once it has run, without a restart."""
    try:
        staticfiles_storage.url(EVERY_PAGES_STATIC_FILE)
    except ValueError:
        if not hasattr(staticfiles_storage, "load_manifest"):
            return False, {"static": "collectstatic has not been run for this release"}
        staticfiles_storage.hashed_files, staticfiles_storage.manifest_hash = (
            staticfiles_storage.load_manifest()
        )
        try:
            staticfiles_storage.url(EVERY_PAGES_STATIC_FILE)
        except ValueError:
            return False, {"static": "collectstatic has not been run for this release"}
    return True, {"static": "ok"}


@login_not_required
@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    ok, details = _database_check()
    if ok:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        details["migrations_pending"] = len(pending)
        ok = not pending
    static_ok, static = _static_check()
    if ok:
        for note in READINESS_NOTES:
            try:
                details.update(note())
            except DatabaseError:
                logger.exception("A readiness note failed")
    return _answer(ok and static_ok, {**details, **static})
