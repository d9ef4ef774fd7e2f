"""Every page and form the site shows, found by following its links, refuses nonsense without a
server error, and no form redirects off the site.

`test_bad_forms` posts to the forms it names. This sweep finds its forms itself, the admin's
included. It starts from the home page and the admin's index, on the demo data, as each role. It
follows links on this site, and opens at most two pages of each shape (`/claims/N/`). It reads
every POST form on those pages (inputs, selects, text areas, with the values the page gives
them). It opens every page again with two of `test_bad_input`'s bad query strings. Then, for a
seeded sample of fields, it posts each kind of form with that field set to nonsense.

Sweeps of this kind found server errors that the named lists had missed: a refused admin form
redisplaying a value that is not an id, ids past 64 bits in many-to-many fields, an admin edit
posted without its version, and an article reverted to a past version with an outlet that is no
media outlet (source 7, sent as ` 7 `).

Sampled, not enumerated, so it costs seconds. `FORM_SWEEP_SEED` replays another sample (CI uses
the fixed default). A sweep over every app, so it sits at the top of tests/."""

import io
import os
import random
import re
from collections import Counter, deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests.html_forms import PageParts
from tests.test_bad_forms import VALUES
from tests.test_bad_input import BAD_PARAMETERS

pytestmark = pytest.mark.django_db

PASSWORD = "sweep-pass-123456"
SEED = int(os.environ.get("FORM_SWEEP_SEED", "20261130"))
#: Pages opened per role, and pages of one shape (digits taken as one).
MOST_PAGES, PER_SHAPE = 120, 2
#: Posts per role, and fields tried per form.
MOST_POSTS, FIELDS_PER_FORM = 500, 3
#: `test_bad_forms`' values, and more kinds.
NONSENSE = [
    *VALUES,
    "1.5",
    "2026-13-45",
    "1,abc," + str(2**70),
    "0",
    " 7 ",
    "2026-02-30",
    "1e5",
    "9" * 400,
    str(2**63),
    "<script>x</script>",
    "\u202eevil",
]
#: Never followed or posted: leaving the session, and files served as downloads.
SKIPPED = re.compile(r"/logout/|/download|/export/|/original|\.(csv|json|jsonl|txt|pdf)$")


def _on_site(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and parts.path.startswith("/")


#: Forms found, each with the page it is on: (page, form).
Forms = list[tuple[str, dict]]


def _crawl(client: Client, starts: list[str]) -> tuple[list[str], Forms, list[str]]:
    """The pages reached from `starts`, the POST forms on them (page, form), and the pages
    that failed to open."""
    queue, seen, shapes = deque(starts), set(), Counter()
    pages, forms, failures = [], [], []
    while queue and len(seen) < MOST_PAGES:
        url = queue.popleft()
        shape = re.sub(r"\d+", "N", urlsplit(url).path)
        if url in seen or shapes[shape] >= PER_SHAPE or SKIPPED.search(url):
            continue
        seen.add(url)
        shapes[shape] += 1
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"GET {url} → {response.status_code}")
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages.append(url)
        page = PageParts()
        page.feed(response.content.decode("utf-8", "replace"))
        forms += [(url, form) for form in page.forms]
        for link in page.links:
            target = urljoin(url, link).split("#")[0]
            if _on_site(target) and target not in seen:
                queue.append(target)
    return pages, forms, failures


def _odd_queries(client: Client, pages: list[str], rng: random.Random) -> list[str]:
    """Open every page again with two of `test_bad_input`'s query strings, drawn by `rng`:
    pages of real records, where that test's addresses name ids that may not exist."""
    problems = []
    for url in pages:
        path = urlsplit(url).path
        for parameters in rng.sample(BAD_PARAMETERS, 2):
            response = client.get(path, parameters)
            if response.status_code >= 500:
                problems.append(f"GET {path} {parameters} → {response.status_code}")
    return problems


def _distinct(forms: Forms) -> list[tuple[str, str, dict]]:
    """(page, action, form) once per kind of form: its action's shape and its fields."""
    kinds, distinct = set(), []
    for page, form in forms:
        action = urljoin(page, form["action"]) if form["action"] else page
        kind = (re.sub(r"\d+", "N", urlsplit(action).path), tuple(sorted(form["fields"])))
        if kind not in kinds and _on_site(action) and not SKIPPED.search(action):
            kinds.add(kind)
            distinct.append((page, action, form))
    return distinct


def _sweep(client: Client, forms: Forms, rng: random.Random) -> list[str]:
    """Post nonsense to a sample of the fields of every kind of form, in a seeded order, up to
    `MOST_POSTS`."""
    problems, posts = [], 0
    distinct = _distinct(forms)
    rng.shuffle(distinct)
    for page, action, form in distinct:
        fields = sorted(name for name in form["fields"] if name != "csrfmiddlewaretoken")
        base = {name: value for name, value in form["fields"].items() if value is not None}
        for field in rng.sample(fields, min(FIELDS_PER_FORM, len(fields))):
            for value in rng.sample(NONSENSE, 2):
                if posts >= MOST_POSTS:
                    return problems
                posts += 1
                response = client.post(action, {**base, field: value})
                location = response.headers.get("Location", "")
                said = f"POST {action} (form on {page}) {field}={value[:20]!r}"
                if response.status_code >= 500:
                    problems.append(f"{said} → {response.status_code}")
                elif location and not _on_site(urljoin(action, location)):
                    problems.append(f"{said} → redirect to {location}")
    return problems


@pytest.mark.parametrize(
    ("username", "starts"),
    [("admin", ["/", "/admin/"]), ("analyst", ["/"]), ("reviewer", ["/"])],
)
def test_every_page_and_form_found_refuses_nonsense_without_a_server_error(username, starts):
    call_command("demo", password=PASSWORD, stdout=io.StringIO())
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username=username))
    rng = random.Random(f"{SEED}-{username}")

    pages, forms, failures = _crawl(client, starts)
    problems = _odd_queries(client, pages, rng) + _sweep(client, forms, rng)

    assert len(forms) >= 5, f"the crawl reached only {len(forms)} forms"
    assert not failures + problems, f"seed {SEED}:\n" + "\n".join(failures + problems)
