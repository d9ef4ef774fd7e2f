"""The permission matrix: every URL pattern and API route × method × the six kinds of visitor,
each answer checked against one table of expected status codes (`EXPECTED`).

A sweep over every app, so it sits at the top of tests/ rather than in one app's folder.

The cells come from the URL resolver (`ALL_URLS` of the login walk): pages are fetched with GET;
API routes with the methods their viewset or view maps; the form actions behind the pages
(`FORM_POSTS`) and the POST-only addresses with POST, each with a body that would succeed, so
that the answer says who may act rather than what is wrong with the form. The ids are those of
`everything`, one object of each kind owned by the analyst "alice". Every cell runs in a
savepoint rolled back afterwards, so a write in one cell is never seen by the next.
"""

import json

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import resolve
from django.utils import timezone
from rest_framework.authtoken.models import Token

from articles.models import Article
from claims import services
from discussion.services import comment_post
from exports.models import ExportRecord
from jobs.models import Job, JobStatus
from jobs.tasks import run_job
from suggestions.models import Suggestion
from tests.factories import (
    PASSWORD,
    ArticleFactory,
    ClaimFactory,
    ClaimLinkFactory,
    SourceFactory,
)
from tests.test_urls_require_login import ALL_URLS, POST_ONLY, UUID_PLACEHOLDER

ACTORS = ("anonymous", "no_role", "analyst", "analyst2", "reviewer", "staff")

# --- What the walk asks ---------------------------------------------------------------------

#: Page addresses that take a form by POST: the actions behind buttons (which answer nothing
#: else) and the two pages that show a form and take it.
FORM_POSTS = {
    "articles:upload",
    "articles:edit",
    "claims:source-create",
    "claims:claim-submit",
    "claims:claim-withdraw",
    "claims:claim-delete",
    "claims:claim-restore",
    "claims:review-action",
    "claims:review-bulk-approve",
    "claims:link-decide",
    "claims:source-reliability",
    "claims:source-merge",
    "claims:tag-rename",
    "claims:tag-merge",
    "token-create",
    "token-revoke",
    "time-zone",
    "suggestions:accept",
    "suggestions:dismiss",
    "claims:annotations-claim-create",
    "exports:job-start",
    "exports:import",
    "jobs:cancel",
    "jobs:retry",
    "discussion:post",
    "discussion:withdraw",
    "discussion:all-seen",
}
#: Form actions that take POST only (GET is 405: not a cell of the matrix).
POST_ONLY_ACTIONS = FORM_POSTS - {
    "articles:upload",
    "articles:edit",
    "claims:source-create",
    "exports:import",
    "suggestions:accept",
    "time-zone",
}
API_METHODS = ("get", "post", "patch", "put", "delete")


def _methods(url: str) -> list[str]:
    match = resolve(url)
    if url in POST_ONLY or match.view_name in POST_ONLY_ACTIONS:
        return ["POST"]
    actions = getattr(match.func, "actions", None)  # a viewset route: the methods it maps
    if actions:
        return sorted(method.upper() for method in actions if method in API_METHODS)
    view_class = getattr(match.func, "view_class", None)
    if match.view_name.startswith("api:") and view_class is not None and url not in POST_ONLY:
        return [method.upper() for method in API_METHODS if hasattr(view_class, method)]
    return ["GET", "POST"] if match.view_name in FORM_POSTS else ["GET"]


def _cells() -> list[tuple[str, str, str]]:
    """(address with placeholder ids, route name, method) for every route and method."""
    return [(url, resolve(url).view_name, method) for url in ALL_URLS for method in _methods(url)]


CELLS = _cells()

# --- The one table ---------------------------------------------------------------------------


def _codes(anonymous, no_role, analyst, analyst2, reviewer, staff) -> dict[str, int]:
    return dict(zip(ACTORS, (anonymous, no_role, analyst, analyst2, reviewer, staff), strict=True))


#: Every page: anonymous visitors go to the login page; everyone logged in sees it.
PAGE = _codes(302, 200, 200, 200, 200, 200)
#: Every admin page: anyone not staff goes to the admin's login; staff see it.
ADMIN_PAGE = _codes(302, 302, 302, 302, 302, 200)
#: An admin page that refuses staff too.
STAFF_REFUSED = {**ADMIN_PAGE, "staff": 403}
#: Every API read: 401 without credentials, the answer for everyone logged in.
API_READ = _codes(401, 200, 200, 200, 200, 200)

#: Where the roles differ, by (route name, method). The owner of every object is "analyst";
#: "analyst2" is another analyst. Redirects after a form are the success of a page's action.
EXPECTED: dict[tuple[str, str], dict[str, int]] = {
    # Sign-in and out, the CSP report, health: open to everyone.
    ("login", "GET"): _codes(200, 200, 200, 200, 200, 200),
    ("logout", "POST"): _codes(302, 302, 302, 302, 302, 302),
    # The admin's login tells someone logged in without staff rights that they lack them.
    ("admin:login", "GET"): _codes(200, 200, 200, 200, 200, 302),
    ("admin:logout", "POST"): _codes(302, 302, 302, 302, 302, 302),
    ("csp-report", "POST"): _codes(204, 204, 204, 204, 204, 204),
    # Health answers for a load balancer: open to everyone, they tell nothing of the evidence.
    ("healthz", "GET"): _codes(200, 200, 200, 200, 200, 200),
    ("readyz", "GET"): _codes(200, 200, 200, 200, 200, 200),
    # A claim's uuid leads everyone logged in to its page; a reader's zone is their own.
    ("claims:by-uuid", "GET"): _codes(302, 302, 302, 302, 302, 302),
    ("time-zone", "POST"): _codes(302, 302, 302, 302, 302, 302),
    ("api:token", "POST"): _codes(200, 200, 200, 200, 200, 200),
    # Admin pages that answer staff with a redirect: to the object's change page or the site.
    ("admin:django.views.generic.base.RedirectView", "GET"): _codes(302, 302, 302, 302, 302, 302),
    ("admin:view_on_site", "GET"): _codes(302, 302, 302, 302, 302, 302),
    ("admin:django.contrib.admin.sites.catch_all_view", "GET"): _codes(
        302, 302, 302, 302, 302, 404
    ),
    # Django's autocomplete refuses a request that names no field to complete.
    ("admin:autocomplete", "GET"): STAFF_REFUSED,
    # Login attempts are written by django-axes and exports by the export itself: the admin
    # shows them and never adds one (nor deletes an export record).
    ("admin:axes_accessattempt_add", "GET"): STAFF_REFUSED,
    ("admin:axes_accesslog_add", "GET"): STAFF_REFUSED,
    ("admin:axes_accessfailurelog_add", "GET"): STAFF_REFUSED,
    ("admin:exports_exportrecord_add", "GET"): STAFF_REFUSED,
    # A tag that claims carry is not deleted behind their history (the matrix's tag is carried).
    ("admin:claims_tag_delete", "GET"): STAFF_REFUSED,
    ("admin:exports_exportrecord_delete", "GET"): STAFF_REFUSED,
    ("admin:suggestions_suggestion_add", "GET"): STAFF_REFUSED,
    ("admin:suggestions_suggestion_delete", "GET"): STAFF_REFUSED,
    # Jobs and their tasks are written by the services and the worker, never in the admin.
    ("admin:jobs_job_add", "GET"): STAFF_REFUSED,
    # Comments are posted in someone's name on a claim's page or through the API.
    ("admin:discussion_comment_add", "GET"): STAFF_REFUSED,
    ("admin:django_tasks_database_dbtaskresult_add", "GET"): STAFF_REFUSED,
    ("admin:django_tasks_database_dbtaskresult_delete", "GET"): STAFF_REFUSED,
    # Pages for a role.
    ("articles:upload", "GET"): _codes(302, 403, 200, 200, 200, 200),
    ("articles:upload", "POST"): _codes(302, 403, 302, 302, 302, 302),
    ("articles:edit", "GET"): _codes(302, 403, 200, 403, 403, 200),
    ("articles:edit", "POST"): _codes(302, 403, 302, 403, 403, 302),
    ("claims:review", "GET"): _codes(302, 403, 403, 403, 200, 200),
    ("claims:source-create", "GET"): _codes(302, 403, 200, 200, 200, 200),
    ("claims:source-create", "POST"): _codes(302, 403, 302, 302, 302, 302),
    ("exports:download", "GET"): _codes(302, 403, 200, 200, 200, 200),
    # The analyst's draft: only its author (and staff) submit or delete it; the deleted claim
    # comes back only for the one who deleted it (the analyst) and staff.
    ("claims:claim-submit", "POST"): _codes(302, 403, 302, 403, 403, 302),
    ("claims:claim-delete", "POST"): _codes(302, 403, 302, 403, 403, 302),
    # The analyst's submitted claim goes back to draft at its author's word alone.
    ("claims:claim-withdraw", "POST"): _codes(302, 403, 302, 403, 403, 403),
    ("claims:claim-restore", "POST"): _codes(302, 403, 302, 403, 403, 302),
    # The analyst's submitted claim and proposed link: reviewers decide, never on their own.
    ("claims:review-action", "POST"): _codes(302, 403, 403, 403, 302, 302),
    ("claims:review-bulk-approve", "POST"): _codes(302, 403, 403, 403, 302, 302),
    ("claims:link-decide", "POST"): _codes(302, 403, 403, 403, 302, 302),
    ("claims:source-reliability", "POST"): _codes(302, 403, 403, 403, 302, 302),
    ("claims:source-merge", "POST"): _codes(302, 403, 403, 403, 302, 302),
    ("claims:tag-rename", "POST"): _codes(302, 403, 403, 403, 302, 302),
    ("claims:tag-merge", "POST"): _codes(302, 403, 403, 403, 302, 302),
    # Recording a claim from the reading view: as through the API, analysts and staff.
    ("claims:annotations-claim-create", "POST"): _codes(302, 403, 201, 201, 403, 201),
    # Suggestions: analysts (any of them) and staff accept or dismiss; reviewers do not.
    ("suggestions:accept", "GET"): _codes(302, 403, 200, 200, 403, 200),
    ("suggestions:accept", "POST"): _codes(302, 403, 302, 302, 403, 302),
    ("suggestions:dismiss", "POST"): _codes(302, 403, 302, 302, 403, 302),
    # Everyone with an account manages their own API token (the key shows once: 200).
    ("token-create", "POST"): _codes(302, 200, 200, 200, 200, 200),
    ("token-revoke", "POST"): _codes(302, 302, 302, 302, 302, 302),
    # The API: the same rules.
    ("api:schema", "GET"): API_READ,
    ("api:docs", "GET"): PAGE,
    ("api:export", "GET"): _codes(401, 403, 200, 200, 200, 200),
    # Permission passes for staff alone; the empty claim set is then refused.
    ("api:import", "POST"): _codes(401, 403, 403, 403, 403, 400),
    ("api:article-list", "POST"): _codes(401, 403, 201, 201, 201, 201),
    ("api:article-detail", "PATCH"): _codes(401, 403, 200, 403, 403, 200),
    ("api:source-list", "POST"): _codes(401, 403, 201, 201, 201, 201),
    ("api:source-detail", "PATCH"): _codes(401, 403, 403, 403, 200, 200),
    ("api:source-merge", "POST"): _codes(401, 403, 403, 403, 200, 200),
    ("api:tag-detail", "PATCH"): _codes(401, 403, 403, 403, 200, 200),
    ("api:tag-merge", "POST"): _codes(401, 403, 403, 403, 200, 200),
    ("api:claim-list", "POST"): _codes(401, 403, 201, 201, 403, 201),
    ("api:claim-detail", "PATCH"): _codes(401, 403, 200, 403, 403, 200),
    ("api:claim-detail", "DELETE"): _codes(401, 403, 204, 403, 403, 204),
    ("api:claim-submit", "POST"): _codes(401, 403, 200, 403, 403, 200),
    ("api:claim-restore", "POST"): _codes(401, 403, 200, 403, 403, 200),
    ("api:claim-withdraw", "POST"): _codes(401, 403, 200, 403, 403, 403),
    ("api:claim-approve", "POST"): _codes(401, 403, 403, 403, 200, 200),
    ("api:claim-reject", "POST"): _codes(401, 403, 403, 403, 200, 200),
    ("api:link-list", "POST"): _codes(401, 403, 201, 201, 201, 201),
    ("api:link-detail", "PATCH"): _codes(401, 403, 403, 403, 200, 200),
    ("api:link-detail", "DELETE"): _codes(401, 403, 204, 403, 403, 204),
    ("api:suggestion-accept", "POST"): _codes(401, 403, 200, 200, 403, 200),
    ("api:suggestion-dismiss", "POST"): _codes(401, 403, 200, 200, 403, 200),
    # The discussion: everyone with a role posts; the author (the analyst) and staff withdraw.
    ("discussion:post", "POST"): _codes(302, 403, 302, 302, 302, 302),
    ("discussion:withdraw", "POST"): _codes(302, 403, 302, 403, 403, 302),
    ("api:comment-list", "POST"): _codes(401, 403, 201, 201, 201, 201),
    ("api:comment-detail", "DELETE"): _codes(401, 403, 204, 403, 403, 204),
    # Saying what one has seen is no write of evidence: anyone logged in, a person without a
    # role too (they may be named in a comment).
    ("discussion:all-seen", "POST"): _codes(302, 302, 302, 302, 302, 302),
    ("api:comment-seen", "POST"): _codes(401, 200, 200, 200, 200, 200),
    # Exports to a file and imports (jobs): the roles of the export and the import.
    ("exports:job-start", "POST"): _codes(302, 403, 302, 302, 302, 302),
    ("api:export-job", "POST"): _codes(401, 403, 202, 202, 202, 202),
    # The import page: admins only; a post without a file gets the form's message.
    ("exports:import", "GET"): _codes(302, 403, 403, 403, 403, 200),
    ("exports:import", "POST"): _codes(302, 403, 403, 403, 403, 400),
    # The analyst's jobs: theirs and staff's; anyone else is told they do not exist.
    ("jobs:detail", "GET"): _codes(302, 404, 200, 404, 404, 200),
    ("jobs:download", "GET"): _codes(302, 404, 200, 404, 404, 200),
    ("jobs:cancel", "POST"): _codes(302, 404, 302, 404, 404, 302),
    ("jobs:retry", "POST"): _codes(302, 404, 302, 404, 404, 302),
    ("api:job-detail", "GET"): _codes(401, 404, 200, 404, 404, 200),
    ("api:job-download", "GET"): _codes(401, 404, 200, 404, 404, 200),
    # A person without a role writes nothing: refused before anything is looked up.
    ("api:job-cancel", "POST"): _codes(401, 403, 200, 404, 404, 200),
    ("api:job-retry", "POST"): _codes(401, 403, 200, 404, 404, 200),
}


def expected_codes(url: str, name: str, method: str) -> dict[str, int]:
    if (name, method) in EXPECTED:
        return EXPECTED[(name, method)]
    if url.startswith("/admin/"):
        return ADMIN_PAGE
    if url.startswith("/api/"):
        assert method == "GET", f"{method} {url}: no default for a write; add a row to EXPECTED"
        return API_READ
    assert method == "GET", f"{method} {url}: no default for a form; add a row to EXPECTED"
    return PAGE


# --- The objects and the requests ------------------------------------------------------------


@pytest.fixture
def everything(analyst, analyst2, reviewer, staff_user, no_role_user, media) -> dict:
    """One of everything, owned by the analyst: an article (from a file), a source and a
    duplicate of it, a draft, a submitted claim, a deleted claim, a link they proposed, a tag,
    an export, a token, and a row in each of the admin's login-attempt tables."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    article = ArticleFactory(uploaded_by=analyst)
    article.original_file.save("dispatch.txt", ContentFile(article.text.encode()), save=True)
    source = SourceFactory()
    duplicate = SourceFactory()
    draft = ClaimFactory(article=article, source=source, created_by=analyst, tags=["matrix"])
    submitted = ClaimFactory(article=article, source=source, created_by=analyst)
    services.claim_submit(claim=submitted, user=analyst)
    deleted = ClaimFactory(article=article, source=source, created_by=analyst)
    services.claim_delete(claim=deleted, user=analyst)
    link = ClaimLinkFactory(claim_a=draft, claim_b=submitted, created_by=analyst)
    comment = comment_post(claim=draft, author=analyst, body="Which week, @bob?")
    suggestion = Suggestion.objects.create(
        kind="claim",
        key="claim|matrix",
        a_article=article,
        a_start=0,
        a_end=8,
        a_quote=article.text[0:8],
        a_source=source,
        analyzer_version="matrix",
    )
    export = ExportRecord.objects.create(
        exported_by=analyst,
        via="api",
        format="json",
        claim_count=0,
        size=2,
        sha256="0" * 64,
        exported_at=timezone.now(),
    )
    jobs = {
        status: Job.objects.create(
            kind="claim_export",
            status=status,
            created_by=analyst,
            parameters={"query": "format=csv", "via": "page"},
        )
        for status in (JobStatus.SUCCEEDED, JobStatus.RUNNING, JobStatus.FAILED)
    }
    jobs[JobStatus.SUCCEEDED].result_file.save("claims.csv", ContentFile(b"claim_id\n"))
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        task = run_job.enqueue(jobs[JobStatus.RUNNING].pk)
    attempt = {"ip_address": "10.0.0.1", "user_agent": "matrix", "username": "alice"}
    by_segment = {
        # The site's and the API's addresses, by the segment before the id.
        "articles": article.pk,
        "claims": draft.pk,
        "sources": source.pk,
        "links": link.pk,
        "comments": comment.pk,
        "comment": comment.pk,
        "suggestions": suggestion.pk,
        # The admin's, by model.
        "article": article.pk,
        "claim": draft.pk,
        "claimlink": link.pk,
        "source": source.pk,
        "tag": draft.tags.get().pk,
        "tags": draft.tags.get().pk,
        "user": analyst.pk,
        "group": Group.objects.get(name="analyst").pk,
        "tokenproxy": Token.objects.create(user=analyst).user_id,
        "accessattempt": AccessAttempt.objects.create(failures_since_start=1, **attempt).pk,
        "accesslog": AccessLog.objects.create(**attempt).pk,
        "accessfailurelog": AccessFailureLog.objects.create(**attempt).pk,
        "exportrecord": export.pk,
        "suggestion": suggestion.pk,
        "jobs": jobs[JobStatus.SUCCEEDED].pk,
        "dbtaskresult": task.id,
        "job": jobs[JobStatus.SUCCEEDED].pk,
        "r": ContentType.objects.get_for_model(Article).pk,
    }
    return {
        "users": {
            "no_role": no_role_user,
            "analyst": analyst,
            "analyst2": analyst2,
            "reviewer": reviewer,
            "staff": staff_user,
        },
        "by_segment": by_segment,
        "article": article,
        "source": source,
        "duplicate": duplicate,
        "spare_tag": ClaimFactory(
            article=article, source=source, created_by=analyst, tags=["spare"]
        ).tags.get(),
        "draft": draft,
        "submitted": submitted,
        "deleted": deleted,
        "link": link,
        "jobs": jobs,
    }


#: The job a route acts on, where it is not the finished one with a file.
JOB_OF_ROUTE = {
    "jobs:cancel": JobStatus.RUNNING,
    "api:job-cancel": JobStatus.RUNNING,
    "jobs:retry": JobStatus.FAILED,
    "api:job-retry": JobStatus.FAILED,
}


#: The claim a route acts on, where it is not the draft.
CLAIM_OF_ROUTE = {
    "claims:review-action": "submitted",
    "api:claim-approve": "submitted",
    "api:claim-reject": "submitted",
    "claims:claim-withdraw": "submitted",
    "api:claim-withdraw": "submitted",
    "claims:claim-restore": "deleted",
    "api:claim-restore": "deleted",
}


def _address(url: str, name: str, objects: dict) -> str:
    """`url` with the ids of `objects` where the walk has 1."""
    by_segment = dict(objects["by_segment"])
    if name in CLAIM_OF_ROUTE:
        by_segment["claims"] = objects[CLAIM_OF_ROUTE[name]].pk
    if name in JOB_OF_ROUTE:
        by_segment["jobs"] = objects["jobs"][JOB_OF_ROUTE[name]].pk
    if name == "admin:view_on_site":  # /admin/r/<content type>/<object>/
        return f"/admin/r/{by_segment['r']}/{objects['article'].pk}/"
    url = url.replace(UUID_PLACEHOLDER, str(objects["draft"].uuid))
    parts = url.strip("/").split("/")
    for index, part in enumerate(parts):
        if part == "1" and index and parts[index - 1] in by_segment:
            parts[index] = str(by_segment[parts[index - 1]])
    return "/" + "/".join(parts) + ("/" if url.endswith("/") else "")


def _body(name: str, method: str, objects: dict) -> tuple[dict, str | None]:
    """A body that would succeed for someone allowed, and its content type (None: a form)."""
    article, draft, submitted = objects["article"], objects["draft"], objects["submitted"]
    json_bodies = {
        ("api:token", "POST"): {"username": "alice", "password": PASSWORD},
        ("csp-report", "POST"): {"csp-report": {"blocked-uri": "inline"}},
        ("api:import", "POST"): {},
        ("api:export-job", "POST"): {"format": "csv"},
        ("api:article-list", "POST"): {"title": "A note", "text": "Pasted for the matrix."},
        ("api:article-detail", "PATCH"): {"title": "Renamed"},
        ("api:source-list", "POST"): {"name": "A new source"},
        ("api:source-detail", "PATCH"): {"reliability": "A"},
        ("api:source-merge", "POST"): {"sources": [objects["duplicate"].pk]},
        ("api:tag-detail", "PATCH"): {"name": "matrix-renamed"},
        ("api:tag-merge", "POST"): {"tags": [objects["spare_tag"].pk]},
        ("api:claim-list", "POST"): {
            "article": article.pk,
            "start": 0,
            "end": 8,
            "quote": article.text[0:8],
            "source": objects["source"].pk,
        },
        ("claims:annotations-claim-create", "POST"): {
            "start": 0,
            "end": 8,
            "quote": article.text[0:8],
            "source": objects["source"].pk,
        },
        ("api:claim-detail", "PATCH"): {"version": draft.version, "statement": "Changed"},
        ("api:claim-approve", "POST"): {"note": ""},
        ("api:claim-reject", "POST"): {"note": "Not in the text."},
        ("api:link-list", "POST"): {
            "kind": "corroborates",
            "claim_a": draft.pk,
            "claim_b": submitted.pk,
        },
        ("api:link-detail", "PATCH"): {"status": "confirmed", "version": objects["link"].version},
        ("api:comment-list", "POST"): {"claim": draft.pk, "body": "Same week as the other?"},
    }
    if (name, method) in json_bodies:
        content_type = "application/csp-report" if name == "csp-report" else "application/json"
        return json_bodies[(name, method)], content_type
    form_bodies = {
        ("articles:upload", "POST"): {"pasted_text": "Pasted for the matrix."},
        ("exports:job-start", "POST"): {"format": "csv"},
        ("articles:edit", "POST"): {"title": "Renamed", "language": "en"},
        ("claims:source-create", "POST"): {
            "name": "A source new to the matrix",
            "kind": "other",
            "reliability": "F",
        },
        ("claims:review-action", "POST"): {"decision": "approve"},
        ("claims:review-bulk-approve", "POST"): {"claims": submitted.pk, "confirmed": "on"},
        ("claims:link-decide", "POST"): {"status": "confirmed", "version": objects["link"].version},
        ("claims:source-reliability", "POST"): {"reliability": "A"},
        ("claims:source-merge", "POST"): {
            "duplicates": objects["duplicate"].pk,
            "confirmed": "on",
        },
        ("claims:tag-rename", "POST"): {"name": "matrix renamed"},
        ("claims:tag-merge", "POST"): {"duplicates": objects["spare_tag"].pk, "confirmed": "on"},
        ("time-zone", "POST"): {"time_zone": "Europe/Paris"},
        ("discussion:post", "POST"): {"body": "Same week as the other?"},
    }
    return form_bodies.get((name, method), {}), None


def _answer(actor: str, method: str, address: str, name: str, objects: dict) -> int:
    client = Client(raise_request_exception=False)
    if actor != "anonymous":
        client.force_login(objects["users"][actor])
    query = {"format": "json"} if name in ("api:export", "exports:download") else None
    if method == "GET":
        response = client.get(address, query)
    else:
        body, content_type = _body(name, method, objects)
        send = getattr(client, method.lower())
        if content_type is None:
            response = send(address, body)
        else:
            response = send(address, json.dumps(body), content_type=content_type)
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


def observe(cell: tuple[str, str, str], objects: dict) -> dict[str, int]:
    """Each actor's answer to the cell, every one in a savepoint rolled back afterwards."""
    url, name, method = cell
    address = _address(url, name, objects)
    answers = {}
    for actor in ACTORS:
        with transaction.atomic():
            answers[actor] = _answer(actor, method, address, name, objects)
            transaction.set_rollback(True)
    return answers


# --- The tests -------------------------------------------------------------------------------


def test_the_matrix_covers_every_route_and_the_table_names_only_real_ones():
    routes = {(name, method) for _, name, method in CELLS}
    assert {name for _, name, _ in CELLS} == {resolve(url).view_name for url in ALL_URLS}
    assert set(EXPECTED) <= routes, set(EXPECTED) - routes
    for url, name, method in CELLS:
        expected_codes(url, name, method)  # every write has its row


@pytest.mark.django_db
@pytest.mark.parametrize("cell", CELLS, ids=lambda cell: f"{cell[2]} {cell[0]}")
def test_permission_matrix(everything, cell):
    url, name, method = cell

    answers = observe(cell, everything)

    assert answers == expected_codes(url, name, method)
