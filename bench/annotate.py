"""The annotation view in Chromium: a 50,000-character article with 500 claims.

Measures the time from navigation until the page is interactive (the annotation script has
loaded the claims and bound its handlers), and the time to save a claim from a selection (from
Ctrl+Enter to the new highlight and panel being on screen), median of 20.
"""

import os
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread

from articles.services import article_create
from claims.models import CONTEXT_LENGTH, Claim
from sources.models import Source

PASSWORD = "bench-password"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SENTENCE = "On day {n} the observers counted {m} vehicles near the river crossing 🚛 at dawn. "


def _article(user):
    text, n = [], 0
    while sum(map(len, text)) < 50_000:
        text.append(SENTENCE.format(n=n, m=n * 13 % 997))
        n += 1
        if n % 6 == 0:
            text.append("\n\n")
    article = article_create(title="Bench article", text="".join(text)[:50_000], uploaded_by=user)
    source = Source.objects.create(name="Bench observers", kind="other", reliability="C")
    step = len(article.text) // 500
    claims = []
    for index in range(500):
        start = index * step
        end = start + 40 + index % 60
        claims.append(
            Claim(
                article=article,
                start=start,
                end=end,
                quote=article.text[start:end],
                prefix=article.text[max(0, start - CONTEXT_LENGTH) : start],
                suffix=article.text[end : end + CONTEXT_LENGTH],
                source=source,
                credibility=1 + index % 6,
                created_by=user,
            )
        )
    Claim.objects.bulk_create(claims)
    return article


def _server():
    shared = {
        connection.alias: connection
        for connection in connections.all()
        if connection.vendor == "sqlite" and connection.is_in_memory_db()
    }
    for connection in shared.values():
        connection.inc_thread_sharing()
    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override=shared, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    return thread


def run(report) -> None:
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    user = get_user_model().objects.create_user("bench", password=PASSWORD)
    user.groups.add(Group.objects.get_or_create(name="analyst")[0])
    article = _article(user)
    if connections["default"].vendor == "postgresql":
        # Statistics as autovacuum keeps them on a live database: straight after a bulk insert
        # the planner takes the claims table for empty and joins links to claims 500 × 500
        # times (0.4 s per panel refresh that a real server never sees).
        with connections["default"].cursor() as cursor:
            cursor.execute("ANALYZE")
    thread = _server()
    base = f"http://127.0.0.1:{thread.port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"{base}/accounts/login/")
            page.fill("#id_username", "bench")
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit]")

            loads = []
            for _ in range(10):
                started = time.perf_counter()
                page.goto(f"{base}{article.get_absolute_url()}")
                page.wait_for_selector("body[data-annotate-ready]")
                loads.append((time.perf_counter() - started) * 1000)

            saves = []
            for attempt in range(20):
                page.evaluate(
                    """(n) => {
                        const text = document.querySelector("#article-text");
                        const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
                        let node = walker.nextNode();
                        for (let next = node; next; next = walker.nextNode()) {
                          if (next.data.length > node.data.length) node = next;
                        }
                        const range = document.createRange();
                        range.setStart(node, 10 + n * 3);
                        range.setEnd(node, 30 + n * 3);
                        const selection = window.getSelection();
                        selection.removeAllRanges();
                        selection.addRange(range);
                    }""",
                    attempt,
                )
                page.keyboard.press("n")
                page.fill("#claim-source", "Bench observers")
                count = page.locator(".claim-card").count()
                started = time.perf_counter()
                page.keyboard.press("Control+Enter")
                page.wait_for_function(
                    "(count) => document.querySelectorAll('.claim-card').length > count", arg=count
                )
                saves.append((time.perf_counter() - started) * 1000)
            browser.close()
    finally:
        thread.terminate()

    report.line(f"Article of {len(article.text):,} characters with 500 claims, Chromium headless.")
    report.line("")
    report.latency_header()
    report.latency("reading view until interactive", loads)
    report.latency("save a claim from the selection (POST + fragment)", saves)
