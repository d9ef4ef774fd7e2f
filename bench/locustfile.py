"""A team's working day as load: 50 analysts and 5 reviewers with think time (bench/README.md).

    python -m bench generate --articles 100000 --claims 1000000     # into DATABASE_URL
    DEMO=0 make serve-prod                                           # same DATABASE_URL
    locust -f bench/locustfile.py --host http://127.0.0.1:8000 --headless \
        --users 55 --spawn-rate 5 --run-time 5m --csv bench/reports/load

Analysts read lists, open an article, record claims on it, correct one and submit it;
reviewers work the queue (approve, reject) and read the board. Users come from bench/generate.py
(analyst0…analyst49, reviewer0…reviewer4, password bench-password-1). Locust is not a dependency
of the app: `pip install ".[load]"` or a venv of its own.
"""

import random
import re

from locust import HttpUser, between, events, task

PASSWORD = "bench-password-1"
ANALYSTS = 50
REVIEWERS = 5
#: Decisions refused because another reviewer had decided the claim first (counted, not failed).
ALREADY_DECIDED = {"approve": 0, "reject": 0}
_analyst_numbers = iter(range(10**6))
_reviewer_numbers = iter(range(10**6))


class Colleague(HttpUser):
    abstract = True
    wait_time = between(2, 8)  # reading, thinking, typing
    username = ""

    def on_start(self) -> None:
        self.client.get("/accounts/login/", name="login page")
        answer = self.client.post(
            "/accounts/login/",
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="log in",
            allow_redirects=False,
        )
        if answer.status_code != 302:
            raise RuntimeError(f"{self.username} could not log in: {answer.status_code}")
        self.articles = int(
            self.client.get("/api/articles/?page_size=1", name="/api/articles/ (count)").json()[
                "count"
            ]
        )

    def _headers(self) -> dict[str, str]:
        return {"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "Referer": self.host}

    def _article_id(self) -> int:
        return random.randint(1, max(1, self.articles))


class Analyst(Colleague):
    weight = ANALYSTS

    def on_start(self) -> None:
        self.username = f"analyst{next(_analyst_numbers) % ANALYSTS}"
        super().on_start()
        self.sources = [
            row["id"]
            for row in self.client.get("/api/sources/", name="/api/sources/").json()["results"]
        ]
        self.mine: list[tuple[int, int]] = []  # (claim id, version) of drafts to finish

    @task(6)
    def read_lists(self) -> None:
        page = random.choice(
            ["/claims/", "/articles/", "/", "/claims/?status=approved", "/sources/"]
        )
        self.client.get(page, name=page)

    @task(2)
    def search(self) -> None:
        self.client.get(
            f"/claims/?q={random.choice(['Halvern', 'Dravik', 'refugees'])}", name="/claims/?q="
        )

    @task(4)
    def record_a_claim(self) -> None:
        article = self._article_id()
        self.client.get(f"/articles/{article}/", name="/articles/[id]/ (reading view)")
        text = self.client.get(f"/api/articles/{article}/", name="/api/articles/[id]/").json()[
            "text"
        ]
        self.client.get(f"/api/claims/?article={article}", name="/api/claims/?article=")
        sentences = [match.span() for match in re.finditer(r"[^.\n]+\.", text)]
        start, end = random.choice(sentences)
        while text[start] == " ":
            start += 1
        answer = self.client.post(
            "/api/claims/",
            json={
                "article": article,
                "start": start,
                "end": end,
                "quote": text[start:end],
                "source": random.choice(self.sources),
                "credibility": str(random.randint(1, 6)),
                "statement": "A figure worth checking.",
                "tags": [f"topic-{random.randint(0, 99)}"],
            },
            headers=self._headers(),
            name="POST /api/claims/",
        )
        if answer.status_code == 201:
            self.mine.append((answer.json()["id"], answer.json()["version"]))

    @task(2)
    def correct_and_submit(self) -> None:
        if not self.mine:
            return
        claim, version = self.mine.pop()
        edited = self.client.patch(
            f"/api/claims/{claim}/",
            json={"version": version, "statement": "A figure worth checking, corrected."},
            headers=self._headers(),
            name="PATCH /api/claims/[id]/",
        )
        if edited.status_code == 200:
            self.client.post(
                f"/api/claims/{claim}/submit/",
                headers=self._headers(),
                name="POST /api/claims/[id]/submit/",
            )


class Reviewer(Colleague):
    weight = REVIEWERS

    def on_start(self) -> None:
        self.username = f"reviewer{next(_reviewer_numbers) % REVIEWERS}"
        super().on_start()

    @task(3)
    def work_the_queue(self) -> None:
        self.client.get("/review/", name="/review/")
        queue = self.client.get(
            "/api/claims/?status=submitted&page_size=20", name="/api/claims/?status=submitted"
        ).json()["results"]
        if not queue:
            return
        claim = random.choice(queue)
        if random.random() < 0.8:
            decision, body = "approve", None
        else:
            decision, body = "reject", {"note": "The source does not say this."}
        with self.client.post(
            f"/api/claims/{claim['id']}/{decision}/",
            json=body,
            headers=self._headers(),
            name=f"POST /api/claims/[id]/{decision}/",
            catch_response=True,
        ) as answer:
            # Five reviewers work one queue: another may have decided the claim since the
            # queue was read. The API says so with a 400; that is the product working.
            if answer.status_code == 400 and "submitted" in answer.text:
                answer.success()
                ALREADY_DECIDED[decision] += 1

    @task(2)
    def read_the_board(self) -> None:
        self.client.get("/contradictions/", name="/contradictions/")

    @task(1)
    def dashboard(self) -> None:
        self.client.get("/", name="/")


@events.quitting.add_listener
def _report_races(environment, **kwargs) -> None:
    print(f"Decisions another reviewer had already made: {ALREADY_DECIDED}")
