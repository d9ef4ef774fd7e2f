"""The analyst's hot paths, profiled in-process on the peers harness's data (issue 17).

200 articles of about 4,000 characters with 10 claims each (one source, five tags), plus one
article with 500 claims, as `../shared/peers/bench.py` loads them. Each path is called through
the API client with a real token (or the session, for the reading view's fragment), after two
warm-up calls: wall time and CPU time (`time.process_time()`) per call, queries per call, and
requests per second per core (1000 / CPU ms). cProfile runs over the same calls; the report keeps
the functions with the most cumulative time in the project's code and in its libraries, and
`bench/reports/profile-<path>.txt` the whole listing (not committed).
`PROFILE_ONLY=claims-10,article` profiles only the paths of those short names.
"""

import cProfile
import io
import os
import pstats
import random
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from bench._profile_data import LABELS, claims_of, load, text_of
from bench.harness import REPORTS
from claims.models import Claim, ClaimLink, ClaimStatus, LinkKind

REPEAT = 30
#: Seconds between calls for the "after a pause" figures: a server's request rarely follows
#: another of the same kind at once; in between, other processes (the client, the database,
#: the other workers) run and take the caches. Measured: the same read costs about twice the
#: CPU after a 20 ms pause as back to back (`bench/README.md`, eleventh session).
PAUSE = 0.02
#: The checkout's root, cut from the paths the profile names.
ROOT = str(Path(__file__).resolve().parent.parent) + "/"
PROJECT_ROOTS = ("articles/", "claims/", "exports/", "project/", "sources/")


#: CPU milliseconds of each request inside the server, from the outermost middleware in (the
#: test client's own work left out), appended by `server_cpu`.
SERVER_CPU: list[float] = []


def server_cpu(get_response):
    """Outermost middleware for the bench: the request's CPU time, streamed body included."""

    def middleware(request):
        started = time.process_time()
        response = get_response(request)
        if response.streaming:
            content = b"".join(response.streaming_content)
            response.streaming_content = [content]
        SERVER_CPU.append((time.process_time() - started) * 1000)
        return response

    return middleware


def _timed(call, repeat: int, pause: float = 0.0) -> tuple[list, list, list]:
    """`repeat` calls, each `pause` seconds after the one before: wall and CPU milliseconds of
    each call, and the server's CPU milliseconds of each (`server_cpu`)."""
    wall, cpu = [], []
    SERVER_CPU.clear()
    for _ in range(repeat):
        time.sleep(pause)
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return wall, cpu, list(SERVER_CPU)


def _measure(call, repeat: int) -> dict:
    call()
    call()
    with CaptureQueriesContext(connection) as context:
        call()
    queries = len(context.captured_queries)
    wall, cpu, server = _timed(call, repeat)
    paused, _, paused_server = _timed(call, repeat, PAUSE)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(max(3, repeat // 3)):
        call()
    profiler.disable()
    return {
        "queries": queries,
        "wall": wall,
        "cpu": cpu,
        "server": server,
        "paused": paused,
        "paused_server": paused_server,
        "profile": profiler,
    }


def _hotspots(profiler: cProfile.Profile, name: str, top: int = 8) -> list[str]:
    """The project's functions with the most cumulative time, and the functions anywhere with
    the most time of their own (the whole listing goes to bench/reports/profile-<name>.txt)."""
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("cumulative").print_stats(80)
    stats.sort_stats("tottime").print_stats(40)
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / f"profile-{name}.txt").write_text(stream.getvalue())
    total = max(stats.total_tt, 1e-9)

    def label(path, line, function, seconds):
        short = path.removeprefix(ROOT).split("site-packages/")[-1].split("lib/python3.11/")[-1]
        return f"`{short}:{line} {function}` {seconds / total * 100:.0f} %"

    ours = [
        label(path, line, function, cumulative)
        for (path, line, function), (_, _, _, cumulative, _) in sorted(
            stats.stats.items(), key=lambda item: -item[1][3]
        )
        if path.removeprefix(ROOT).startswith(PROJECT_ROOTS) and "middleware" not in path
    ][:top]
    own = [
        label(path, line, function, own_time)
        for (path, line, function), (_, _, own_time, _, _) in sorted(
            stats.stats.items(), key=lambda item: -item[1][2]
        )
    ][:top]
    return [f"  - ours (cumulative): {'; '.join(ours)}", f"  - own time: {'; '.join(own)}"]


def run(report) -> None:
    with override_settings(MIDDLEWARE=["bench.profile.server_cpu", *settings.MIDDLEWARE]):
        _run(report)


def _run(report) -> None:
    only = set(filter(None, os.environ.get("PROFILE_ONLY", "").split(",")))
    # One report per database, side by side; a partial run's beside them, not over them.
    report.name = f"profile-{connection.vendor}" + "".join(f"-{name}" for name in sorted(only))
    rng = random.Random(20240601)
    User = get_user_model()
    analyst = User.objects.create_user("bench-analyst", password="bench-password-1")
    analyst.groups.add(Group.objects.get_or_create(name="analyst")[0])
    reviewer = User.objects.create_user("bench-reviewer", password="bench-password-1")
    reviewer.groups.add(Group.objects.get_or_create(name="reviewer")[0])
    source, articles = load(analyst, rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    # As the TLS proxy would (production settings redirect plain HTTP to HTTPS).
    https = {"HTTP_X_FORWARDED_PROTO": "https"}
    api = APIClient(**https)
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=analyst).key}")
    reviewer_api = APIClient(**https)
    reviewer_api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=reviewer).key}")
    browser = Client(**https)
    browser.force_login(analyst)

    # Claims are recorded into an article of their own, so the read paths keep their sizes.
    ten, five_hundred, written = articles[7], articles[200], articles[5]
    submitted = iter(
        Claim.objects.bulk_create(
            claims_of(articles[3], source, analyst, 60, rng, status=ClaimStatus.SUBMITTED)
        )
    )
    creates = iter(range(10_000))

    def create():
        n = next(creates)
        start = (n * 7) % 3900
        response = api.post(
            "/api/claims/",
            {
                "article": written.pk,
                "start": start,
                "end": start + 12,
                "quote": written.text[start : start + 12],
                "source": source.pk,
                "credibility": 3,
                "tags": [LABELS[n % len(LABELS)]],
            },
            format="json",
        )
        assert response.status_code == 201, response.content

    def batch():
        n = next(creates)
        items = [
            {
                "article": written.pk,
                "start": (n + k * 300) % 3900,
                "end": (n + k * 300) % 3900 + 12,
                "quote": written.text[(n + k * 300) % 3900 : (n + k * 300) % 3900 + 12],
                "source": source.pk,
                "credibility": 3,
                "tags": [LABELS[k % len(LABELS)]],
            }
            for k in range(10)
        ]
        response = api.post("/api/claims/", items, format="json")
        assert response.status_code == 201, response.content

    new_texts = iter([text_of(rng) for _ in range(REPEAT + 2)] * 4)

    def create_article():
        n = next(creates)
        response = api.post(
            "/api/articles/",
            {"title": f"Bench article {n}", "text": f"{next(new_texts)}\n\n[bench {n}]"},
            format="json",
        )
        assert response.status_code == 201, response.content

    def get(client, url, params=None, status=200):
        def call():
            response = client.get(url, params)
            if response.streaming:
                b"".join(response.streaming_content)
            assert response.status_code == status, url

        return call

    def approve():
        claim = next(submitted)
        response = reviewer_api.post(f"/api/claims/{claim.pk}/approve/", {}, format="json")
        assert response.status_code == 200, response.content

    some_claims = ",".join(
        str(pk) for pk in Claim.objects.filter(article=ten).values_list("pk", flat=True)[:2]
    )
    # The card J or K opens: a claim with its two neighbours, linked to claims elsewhere.
    card_ids = list(
        Claim.objects.filter(article=ten).order_by("start").values_list("pk", flat=True)
    )
    ClaimLink.objects.bulk_create(
        ClaimLink(
            kind=LinkKind.CONTRADICTS if n % 2 else LinkKind.CORROBORATES,
            claim_a_id=min(card_ids[n], far),
            claim_b_id=max(card_ids[n], far),
            created_by=analyst,
        )
        for n, far in enumerate(
            Claim.objects.filter(article=articles[9]).values_list("pk", flat=True)[:3]
        )
    )
    paths = [
        ("create one claim", "create", create, REPEAT),
        ("create one article (4,000 characters)", "article-create", create_article, REPEAT),
        ("create 10 claims in one batch", "batch", batch, 10),
        (
            "claims of one article (10)",
            "claims-10",
            get(api, "/api/claims/", {"article": ten.pk, "page_size": 500}),
            REPEAT,
        ),
        (
            "claims of one article (500)",
            "claims-500",
            get(api, "/api/claims/", {"article": five_hundred.pk, "page_size": 500}),
            10,
        ),
        ("article detail (10 claims)", "article", get(api, f"/api/articles/{ten.pk}/"), REPEAT),
        (
            "article detail (500 claims)",
            "article-500",
            get(api, f"/api/articles/{five_hundred.pk}/"),
            REPEAT,
        ),
        ("list 10 articles", "list-10", get(api, "/api/articles/", {"page_size": 10}), REPEAT),
        (
            "export, 2,000 claims (JSON)",
            "export",
            get(api, "/api/export/", {"format": "json", "status": "all", "source": source.pk}),
            5,
        ),
        ("approve a claim", "approve", approve, 20),
        ("reading view (10 claims)", "page", get(browser, f"/articles/{ten.pk}/"), REPEAT),
        (
            "reading view (500 claims)",
            "page-500",
            get(browser, f"/articles/{five_hundred.pk}/"),
            10,
        ),
        (
            "reading view's card and its neighbours (J/K)",
            "card",
            get(
                browser,
                f"/articles/{ten.pk}/annotations/",
                {"claims": ",".join(map(str, card_ids[:3])), "around": ""},
            ),
            REPEAT,
        ),
        (
            "reading view's update fragment",
            "fragment",
            get(browser, f"/articles/{ten.pk}/annotations/", {"claims": some_claims}),
            REPEAT,
        ),
    ]
    report.line(
        "In-process (Django test client, token authentication), "
        f"{connection.vendor}; medians over the calls. CPU is `time.process_time()`: of the "
        "request inside the server (from the outermost middleware in, body included), and of "
        "the whole call (the test client's work included); requests/s per core = 1000 / server "
        f"CPU ms. After a pause: the same calls, each {PAUSE * 1000:.0f} ms after the one "
        "before (caches taken by other work meanwhile, as on a server). Load average at the "
        f"start: {os.getloadavg()[0]:.1f}."
    )
    report.line("")
    report.line(
        "| path | calls | queries | wall p50 ms | server CPU p50 ms | call CPU p50 ms "
        "| requests/s per core | after a pause: wall p50 ms | server CPU p50 ms |"
    )
    report.line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    hotspots = []
    for label, name, call, repeat in paths:
        if only and name not in only:
            continue
        measured = _measure(call, repeat)
        server = statistics.median(measured["server"])
        report.line(
            f"| {label} | {repeat} | {measured['queries']} | "
            f"{statistics.median(measured['wall']):.1f} | {server:.1f} | "
            f"{statistics.median(measured['cpu']):.1f} | {1000 / server:.0f} | "
            f"{statistics.median(measured['paused']):.1f} | "
            f"{statistics.median(measured['paused_server']):.1f} |"
        )
        hotspots.append(f"- **{label}**")
        hotspots += _hotspots(measured["profile"], name)
    report.line("")
    report.line("Where the time goes (cumulative share of the profiled calls):")
    report.line("")
    for line in hotspots:
        report.line(line)
