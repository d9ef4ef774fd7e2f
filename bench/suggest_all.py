"""`manage.py suggest --all` over many articles (issue 14, point 8): total time, articles per
second, the command's peak memory and how its memory moves during the run, and the load
average while it runs.

The articles are synthetic news reports written here from templates (an invented war between
Kardenia and Sorvia, with real parties of the engine's lexicon mixed in; none of it copied from
any corpus): about `WORDS` words each, with troop strengths, casualties, refugees, aid sums, dates
of events and attributions, so every article has figures to index and pair. They are
bulk-created (no upload hook), then the command runs in a child process on the same throwaway
database (PostgreSQL only: an SQLite test database is in memory).

BENCH_SUGGEST_ALL_ARTICLES sets the number of articles (default 10000); BENCH_SUGGEST_ALL_TREES
a comma-separated list of checkouts whose manage.py to run in turn on the same articles (the
suggestions and the index wiped in between), e.g. an earlier commit's worktree and ".", for a
comparison in one run; BENCH_SUGGEST_ALL_ROUNDS how many times to go through that list.
"""

import contextlib
import datetime
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from articles.ingest.normalize import content_sha256
from articles.models import Article
from sources.models import Source
from suggestions.models import IndexedMeasure, Suggestion

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = int(os.environ.get("BENCH_SUGGEST_ALL_ARTICLES", "10000"))
TREES = [
    Path(tree).resolve() for tree in os.environ.get("BENCH_SUGGEST_ALL_TREES", str(ROOT)).split(",")
]
ROUNDS = int(os.environ.get("BENCH_SUGGEST_ALL_ROUNDS", "1"))
WORDS = 450
BATCH = 1000
SAMPLE_SECONDS = 5

_PARTIES = ["Kardenian", "Sorvian", "Russian", "Ukrainian", "North Korean", "Belarusian"]
_PLACES = ["Velmar", "the Drava crossing", "Ostrin", "the northern corridor", "Kessel", "Lodva"]
_SPEAKERS = [
    "the defence ministry",
    "a spokesman for the general staff",
    "the regional governor",
    "the UN refugee agency",
    "an intelligence official",
    "the monitoring mission",
    "local officials",
    "the foreign minister",
]
_VERBS = ["said", "told reporters", "estimated", "reported", "claimed", "confirmed"]
_QUALIFIERS = ["", "about ", "up to ", "at least ", "more than ", "nearly ", "some "]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


#: What each party's figures are "really" (the same across the corpus): most reports give them
#: give or take rounding, some give very different ones, as reporting on a war does.
_TRUE = {
    party: {
        "troops": 4_000 * (n + 2),
        "killed": 150 * (n + 1),
        "a month": 300 * (n + 1),
        "wounded": 40 * (n + 3),
        "aid": 50 * (n + 1),
    }
    for n, party in enumerate(_PARTIES)
}
#: The share of figures and dates that disagree with the rest.
DIVERGENT = 0.10
#: The share of sentences that carry a figure or a date (the rest are colour, quotes, context).
WITH_FIGURES = 0.35


def _figure(rng: random.Random, party: str, what: str) -> str:
    true = _TRUE[party][what]
    if rng.random() < DIVERGENT:
        value = true * rng.choice([0.3, 0.5, 2.0, 3.0])
    else:
        value = true * rng.uniform(0.97, 1.03)
    value = int(round(value, -2) if value >= 1000 else round(value, -1) or value)
    return f"{rng.choice(_QUALIFIERS)}{value:,}"


def _date(rng: random.Random, event: int) -> str:
    day = (event * 5) % 27 + 1
    if rng.random() < DIVERGENT:
        day = (day + rng.randint(3, 20)) % 28 + 1
    return f"{day} {_MONTHS[event % 12]} {2023 + event % 3}"


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]


def _figure_sentence(rng: random.Random) -> str:
    party, place = rng.choice(_PARTIES), rng.choice(_PLACES)
    speaker, verb = rng.choice(_SPEAKERS), rng.choice(_VERBS)
    kind = rng.randrange(7)
    if kind == 0:
        return (
            f"{_capital(speaker)} {verb} that {_figure(rng, party, 'troops')} {party} troops "
            f"were massed near {place}."
        )
    if kind == 1:
        return (
            f"According to {speaker}, {_figure(rng, party, 'killed')} {party} soldiers have been "
            f"killed since the fighting began."
        )
    if kind == 2:
        return f"The offensive on {place} began on {_date(rng, 7)}, {speaker} {verb}."
    if kind == 3:
        return (
            f"{_capital(speaker)} {verb} the {party} government had approved "
            f"${_figure(rng, party, 'aid').split()[-1]} million in military aid."
        )
    if kind == 4:
        return (
            f"{_capital(_figure(rng, party, 'wounded'))} {party} civilians were wounded in the "
            f"shelling of {place}, {speaker} {verb}."
        )
    if kind == 5:
        return (
            f"The {party} losses are estimated at {_figure(rng, party, 'a month')} a month, "
            f"{speaker} {verb}."
        )
    return (
        f"The {party} units are mostly guarding checkpoints and handling logistics "
        f"behind the lines near {place}."
    )


_COLOUR = [
    "Witnesses in {place} described long queues for bread and water as the power stayed off.",
    "Analysts caution that the figures cannot be checked independently and that both sides "
    "have reasons to inflate them.",
    "Talks on a ceasefire were due to resume in {place}, though neither side has said who "
    "would attend.",
    "“We do not know when we can go home,” said a woman who had left {place} with her children.",
    "The road to {place} was cratered in several places, and convoys moved only at night.",
    "{speaker_cap} declined to comment on the reports, saying the situation was still unclear.",
    "Schools in {place} have moved lessons online, and many teachers have left the area.",
    "Diplomats said the talks had made little progress and that a new round was not yet planned.",
    "Satellite images reviewed by independent researchers show new trenches north of {place}.",
    "Farmers near {place} say they have not been able to reach their fields since the spring.",
    "The government in {party_place} has not responded to requests for comment.",
    "Prices for fuel and food have risen sharply in {place}, residents said.",
]


def _sentence(rng: random.Random) -> str:
    if rng.random() < WITH_FIGURES:
        return _figure_sentence(rng)
    speaker = rng.choice(_SPEAKERS)
    return rng.choice(_COLOUR).format(
        place=rng.choice(_PLACES),
        speaker_cap=_capital(speaker),
        party_place=rng.choice(["Kardenia", "Sorvia"]),
    )


def article_text(number: int) -> str:
    """A synthetic report of about WORDS words in paragraphs of two to four sentences."""
    rng = random.Random(number)
    paragraphs, words = [], 0
    while words < WORDS:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return "\n\n".join(paragraphs)


def _make_articles(count: int) -> int:
    user = get_user_model().objects.create_user("bench-suggest-all")
    for name in ("Defence ministry", "UN refugee agency", "Monitoring mission"):
        Source.objects.create(name=name, kind="other", reliability="B")
    words = 0
    for first in range(0, count, BATCH):
        batch = []
        for number in range(first, min(count, first + BATCH)):
            text = article_text(number)
            words += len(text.split())
            batch.append(
                Article(
                    title=f"Report {number} from the front",
                    text=text,
                    content_sha256=content_sha256(text),
                    uploaded_by=user,
                    published_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=number % 700),
                )
            )
        Article.objects.bulk_create(batch)
    return words


def _database_url() -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _run_command(tree: Path) -> dict:
    """`manage.py suggest --all` from `tree` on this database; what it took."""
    env = {**os.environ, "DATABASE_URL": _database_url(), "DEBUG": "0"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "manage.py", "suggest", "--all"],
        cwd=tree,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    loads, rss = [], []
    while child.poll() is None:
        loads.append(os.getloadavg()[0])
        rss.append((time.perf_counter() - started, _rss_kb(child.pid)))
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=SAMPLE_SECONDS)
    out, err = child.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if child.returncode:
        raise RuntimeError(f"suggest --all failed in {tree}: {err[-2000:]}")
    return {
        "tree": tree.name,
        "seconds": seconds,
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "peak_mb": after.ru_maxrss / 1024,  # the largest child so far: run the largest last
        "rss": [(at, kb) for at, kb in rss if kb],
        "loads": loads or [os.getloadavg()[0]],
        "summary": out.strip().splitlines()[0] if out.strip() else "",
        "progress": [line for line in err.splitlines() if line.startswith("Suggesting:")],
    }


def _wipe() -> None:
    with connection.cursor() as cursor:
        for model in (Suggestion.history.model, Suggestion, IndexedMeasure):
            cursor.execute(f'TRUNCATE "{model._meta.db_table}"')


def run(report) -> None:
    report.line(f"load average {os.getloadavg()[0]:.2f} at the start\n")
    if connection.vendor != "postgresql":
        report.line("Run it on PostgreSQL (DATABASE_URL=postgres://…): the command runs apart.")
        return
    started = time.perf_counter()
    words = _make_articles(ARTICLES)
    report.line(
        f"{ARTICLES:,} synthetic articles, {words:,} words ({words / ARTICLES:.0f} a "
        f"article), written in {time.perf_counter() - started:.0f} s.\n"
    )
    report.line(
        "| checkout | total s | articles/s | CPU s (command) | peak RSS MB "
        "| RSS MB at 10% / 50% / 90% of the run | load avg min / mean / max | summary |"
    )
    report.line("| --- | ---: | ---: | ---: | ---: | --- | --- | --- |")
    for _ in range(ROUNDS):
        for tree in TREES:
            _wipe()
            result = _run_command(tree)
            rss = result["rss"]
            points = [rss[min(len(rss) - 1, int(len(rss) * f))][1] / 1024 for f in (0.1, 0.5, 0.9)]
            loads = result["loads"]
            report.line(
                f"| {result['tree']} | {result['seconds']:.0f} "
                f"| {ARTICLES / result['seconds']:.1f} | {result['cpu']:.0f} "
                f"| {result['peak_mb']:.0f} | {' / '.join(f'{p:.0f}' for p in points)} "
                f"| {min(loads):.1f} / {sum(loads) / len(loads):.1f} / {max(loads):.1f} "
                f"| {result['summary']} |"
            )
            if result["progress"]:
                first, last = result["progress"][0], result["progress"][-1]
                report.line(f"\n  progress lines: {first} … {last}\n")
    report.line(
        f"\n{Suggestion.objects.count():,} suggestions and {IndexedMeasure.objects.count():,} "
        "indexed measures after the last run."
    )
