"""The demo story (claims/demo/content.py, an invented crisis) gets the suggestions its
recorded links say an analyst would make (issue 14: "the demo story must show good
suggestions too")."""

import datetime

import pytest

from claims.demo.content import ARTICLES
from suggestions.analysis import Article, suggest_corpus


@pytest.fixture(scope="module")
def pairs():
    articles = [
        Article(slug, article["text"], datetime.date.fromisoformat(article["published_on"]))
        for slug, article in ARTICLES.items()
    ]
    return {
        frozenset(
            {(pair.a.article, pair.a.measure.text), (pair.b.article, pair.b.measure.text)}
        ): pair.verdict
        for pair in suggest_corpus(articles).pairs
    }


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        (("crossing", "about 12,000"), ("crossing", "no more than 4,000"), "contradiction"),
        (("numbers", "roughly 7,500"), ("crossing", "no more than 4,000"), "contradiction"),
        (("numbers", "9,000"), ("numbers", "fewer than 4,000"), "contradiction"),
        (("casualties", "140"), ("casualties", "38"), "contradiction"),
        (("casualties", "61"), ("casualties", "38"), "contradiction"),
        (("casualties", "61"), ("briefing", "61"), "corroboration"),
        (("refugees", "40,000"), ("refugees", "about 18,000"), "contradiction"),
    ],
)
def test_the_demo_links_are_suggested(pairs, a, b, kind):
    assert pairs[frozenset({a, b})].kind == kind


def test_the_demo_reasons_read_like_notes(pairs):
    verdict = pairs[frozenset({("crossing", "about 12,000"), ("crossing", "no more than 4,000")})]
    assert verdict.reason == "about 12,000 vs up to 4,000 Ostravian troops"
