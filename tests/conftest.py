"""Shared fixtures: one user per role, API clients logged in as them, an article, many rows at
once (`evidence`), counting a request's queries (`count_queries`), a private media folder
(`media`) and the real articles of ../shared/corpus (`corpus_articles`)."""

import itertools
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from articles.models import Article
from tests.builders import build_evidence
from tests.factories import ArticleFactory, UserFactory

#: Real articles (`*.txt`, with the expert's README.md and gold.json) kept beside the repository,
#: never inside it: <checkout>/../shared/corpus.
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.fixture
def analyst(db):
    return UserFactory(username="alice", groups=["analyst"])


@pytest.fixture
def analyst2(db):
    return UserFactory(username="bob", groups=["analyst"])


@pytest.fixture
def reviewer(db):
    return UserFactory(username="rita", groups=["reviewer"])


@pytest.fixture
def staff_user(db):
    return UserFactory(username="sam", is_staff=True, is_superuser=True)


@pytest.fixture
def no_role_user(db):
    """Logged in, but in neither role group."""
    return UserFactory(username="nora")


@pytest.fixture
def api_client(db):
    """`api_client(user)` is an APIClient authenticated as `user`; `api_client()` is anonymous."""

    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user=user)
        return client

    return make


@pytest.fixture
def analyst_client(api_client, analyst):
    return api_client(analyst)


@pytest.fixture
def reviewer_client(api_client, reviewer):
    return api_client(reviewer)


@pytest.fixture
def article(analyst):
    return ArticleFactory(uploaded_by=analyst)


@pytest.fixture
def evidence(db):
    """`evidence(rows, authors=[...], reviewer=None, status=None, source=None, article=None,
    distinct=False, tags=True, links=True)`: `rows` live claims made in a handful of queries,
    with their articles, sources, tags and links; returns the claims. The options are described
    in `tests.builders.build_evidence`."""
    # Numbers far above the factories' sequences (ArticleFactory's texts are synthetic_text(n)
    # of its own counter, which passes 1,000 over a whole run): the same number twice is the
    # same text, refused by the unique content hash.
    serial = itertools.count((Article.objects.aggregate(top=Max("pk"))["top"] or 0) * 7 + 10**6)

    def build(rows: int, **options):
        return build_evidence(serial, rows, **options)

    return build


class QueryCounter:
    """`count_queries(client, url, params=None)`: GET `url`, assert the answer is 200 and return
    how many queries it ran, a streamed answer read to its end. `count_queries.response` is the
    last response, to look into.

    For an upper bound, wrap the call in `django_assert_max_num_queries(budget)`."""

    response = None

    def __call__(self, client, url: str, params=None) -> int:
        with CaptureQueriesContext(connection) as context:
            self.response = client.get(url, params)
            if self.response.streaming:
                b"".join(self.response.streaming_content)
        assert self.response.status_code == 200, url
        return len(context.captured_queries)


@pytest.fixture
def count_queries() -> QueryCounter:
    return QueryCounter()


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """MEDIA_ROOT in a fresh folder, so a test can see exactly which files were stored."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def corpus_articles() -> list[Path]:
    """The real articles of ../shared/corpus (its `*.txt` files, sorted); the test is skipped,
    saying so, where the corpus is not beside the repository."""
    articles = sorted(CORPUS.glob("*.txt"))
    if not articles:
        pytest.skip(
            "needs ../shared/corpus (the real articles kept beside the repository, never in it): "
            f"no *.txt files at {CORPUS}"
        )
    return articles
