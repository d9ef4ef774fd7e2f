"""Two restores of the same claim set at the same moment: they take turns, so the second
matches what the first wrote instead of writing every claim and link again."""

import json

import pytest
from django.db import connection

from articles.models import Article
from articles.services import article_update
from claims.models import Claim, ClaimLink
from exports.restore import claim_set_import
from tests.concurrency import at_once, while_held

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the suite's SQLite lives in memory on one shared connection, where two writers "
    "never meet; SQLite takes turns through its write lock (tests/project/test_sqlite_writers.py)",
)
def test_two_restores_of_one_file_at_once_store_it_once(document, staff_user):
    content = json.dumps(document)

    summaries, failures = at_once(
        *(lambda: claim_set_import(content=content, user=staff_user) for _ in range(2))
    )

    assert failures == []
    assert Claim.all_objects.count() == len(document["claims"])
    assert ClaimLink.objects.count() == len(document["links"])
    created = sorted(summary.created["claims"] for summary in summaries)
    assert created == [0, len(document["claims"])]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time")
def test_a_restore_that_meets_an_edit_of_a_matched_text_records_no_claim_into_other_words(
    document, staff_user
):
    articles_only = {**document, "claims": [], "links": []}
    claim_set_import(content=json.dumps(articles_only), user=staff_user)
    claimed = {claim["article"] for claim in document["claims"]}
    record = next(article for article in document["articles"] if article["id"] in claimed)
    here = Article.objects.get(content_sha256=record["content_sha256"])

    _, restoring, waited = while_held(
        lambda: article_update(
            article=Article.objects.get(pk=here.pk),
            user=staff_user,
            text="A sentence added at the top moves every offset. " + here.text,
        ),
        lambda: claim_set_import(content=json.dumps(document), user=staff_user),
    )

    assert waited and "error" not in restoring, restoring
    assert Claim.all_objects.count() == len(document["claims"])
    for claim in Claim.all_objects.select_related("article"):
        assert claim.article.text[claim.start : claim.end] == claim.quote, claim.pk
    # The file's text is recorded again as it was, beside the edited one.
    assert Article.objects.filter(content_sha256=record["content_sha256"]).exists()
