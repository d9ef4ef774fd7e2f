"""New claims, written by the statements of `claim_inserts` (one on PostgreSQL, one per table on
SQLite), are exactly what the ORM's own inserts write: the claims, their tags (new ones created,
known ones reused), their tag rows, one "+" history record each and the history of its tag
rows; and the tallies count them alike."""

import pytest
from django.db import connection

from claims.models import Claim
from claims.services import claim_inserts
from claims.services.claim_inserts import new_claims_writer, tags_named
from claims.services.writes import HistoricalClaim, HistoricalClaimTag, record_history
from claims.statistics import tallied_claim_count
from tests.factories import ArticleFactory, TagFactory

pytestmark = pytest.mark.django_db

#: What differs by nature between two sets of the same claims: ids, UUIDs and times.
_OWN = {"id", "uuid", "created_at", "updated_at", "history_id", "history_date"}


def insert_through_orm(claims: list[Claim], slugs: list[list[str]], *, user) -> dict:
    """The reference: the same rows through the ORM's `bulk_create`, as claims were written
    before `claim_inserts`."""
    named = tags_named(slug for names in slugs for slug in names)
    Claim.objects.bulk_create(claims)
    rows = Claim.tags.through.objects.bulk_create(
        [
            Claim.tags.through(claim_id=claim.pk, tag_id=named[slug].pk)
            for claim, names in zip(claims, slugs, strict=True)
            for slug in names
        ]
    )
    by_claim: dict[int, list] = {}
    for row in rows:
        by_claim.setdefault(row.claim_id, []).append((row.pk, row.tag_id))
    record_history(claims, "+", user=user, tag_rows=by_claim)
    return named


def _new_claims(article, source, user) -> tuple[list[Claim], list[list[str]]]:
    text = article.text
    spans = [(0, 12, ["known", "fresh-one"]), (5, 30, []), (20, 44, ["fresh-two", "known"])]
    claims = [
        Claim(
            article=article,
            start=start,
            end=end,
            quote=text[start:end],
            prefix=text[max(0, start - 32) : start],
            suffix=text[end : end + 32],
            statement=f"statement {n} ✓",
            source=source,
            credibility=n + 2,
            created_by=user,
        )
        for n, (start, end, _) in enumerate(spans)
    ]
    return claims, [sorted(names) for _, _, names in spans]


def _written(claims: list[Claim]) -> list[dict]:
    """Each claim as stored, with its tags and its history (records and their tags)."""
    ids = [claim.pk for claim in claims]
    rows = {row["id"]: row for row in Claim.all_objects.filter(pk__in=ids).values()}
    written = []
    for claim_id in ids:
        history = list(HistoricalClaim.objects.filter(id=claim_id).values())
        history_tags = HistoricalClaimTag.objects.filter(history__id=claim_id)
        written.append(
            {
                "claim": {k: v for k, v in rows[claim_id].items() if k not in _OWN},
                "tags": sorted(
                    Claim.tags.through.objects.filter(claim_id=claim_id).values_list(
                        "tag__name", flat=True
                    )
                ),
                "history": [{k: v for k, v in h.items() if k not in _OWN} for h in history],
                "history tags": sorted(history_tags.values_list("tag__name", flat=True)),
                "history tag rows are the tag rows": sorted(
                    history_tags.values_list("id", flat=True)
                )
                == sorted(
                    Claim.tags.through.objects.filter(claim_id=claim_id).values_list(
                        "id", flat=True
                    )
                ),
            }
        )
    return written


def test_one_statement_writes_what_the_orm_writes(analyst, source):
    TagFactory(name="known")
    article = ArticleFactory(uploaded_by=analyst)
    by_orm, slugs = _new_claims(article, source, analyst)
    orm_tags = insert_through_orm(by_orm, slugs, user=analyst)
    at_once, _ = _new_claims(article, source, analyst)
    statement_tags = new_claims_writer()(at_once, slugs, user=analyst)

    assert {name: tag.pk for name, tag in statement_tags.items()} == {
        name: tag.pk for name, tag in orm_tags.items()
    }
    assert all(claim.pk and not claim._state.adding for claim in at_once)
    assert len({claim.pk for claim in by_orm + at_once}) == 6
    assert _written(at_once) == _written(by_orm)
    assert _written(at_once)[0]["history"][0]["history_type"] == "+"
    assert tallied_claim_count({}) == 6


def test_a_claim_set_without_tags_and_the_same_tag_twice_in_a_batch(analyst, source):
    article = ArticleFactory(uploaded_by=analyst)
    claims, _ = _new_claims(article, source, analyst)
    tags = new_claims_writer()(claims, [[], ["shared"], ["shared"]], user=analyst)
    assert list(tags) == ["shared"]
    stored = [[tag.name for tag in claim.tags.all()] for claim in claims]
    assert stored == [[], ["shared"], ["shared"]]


def test_the_steps_split_what_overflows_the_parameter_limit(analyst, source, monkeypatch):
    """SQLite takes at most 32,766 values a statement: a batch past it is written in several
    (here two claims' values a statement), in order."""
    monkeypatch.setattr(claim_inserts, "_MOST_VALUES", 45)
    article = ArticleFactory(uploaded_by=analyst)
    by_orm, slugs = _new_claims(article, source, analyst)
    insert_through_orm(by_orm, slugs, user=analyst)
    in_steps, _ = _new_claims(article, source, analyst)
    claim_inserts.insert_claims_in_steps(in_steps, slugs, user=analyst)

    stored = Claim.objects.filter(pk__in=[claim.pk for claim in in_steps]).order_by("pk")
    assert list(stored.values_list("start", flat=True)) == [claim.start for claim in in_steps]
    assert _written(in_steps) == _written(by_orm)


_WRITERS = [
    pytest.param(claim_inserts.insert_claims_in_steps, id="in steps"),
    pytest.param(
        claim_inserts.insert_claims_at_once,
        id="at once",
        marks=pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's"),
    ),
]


@pytest.mark.parametrize("writer", _WRITERS)
def test_each_new_claim_keeps_its_own_uuid_in_its_row_and_its_history(analyst, source, writer):
    """The UUID is drawn for each claim (the model's default, when the claim is made), not once
    for the statement: the claim, its row and its history record all carry the same one."""
    article = ArticleFactory(uploaded_by=analyst)
    claims, slugs = _new_claims(article, source, analyst)

    writer(claims, slugs, user=analyst)

    ids = [claim.pk for claim in claims]
    stored = dict(Claim.all_objects.filter(pk__in=ids).values_list("pk", "uuid"))
    assert stored == {claim.pk: claim.uuid for claim in claims}
    assert len(set(stored.values())) == len(claims)
    history = set(HistoricalClaim.objects.filter(id__in=ids).values_list("id", "uuid"))
    assert history == set(stored.items())


def _insert_plans() -> tuple[int, int]:
    """How often this session planned the new-claims statement: (generic, custom)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sum(generic_plans), sum(custom_plans) FROM pg_prepared_statements"
            " WHERE statement LIKE %s",
            ["%INSERT INTO claims_claim (id,%"],
        )
        generic, custom = cursor.fetchone()
    return generic or 0, custom or 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="one statement on PostgreSQL")
def test_the_statement_is_planned_once_on_a_session_for_any_claims(analyst, source):
    """Prepared once per session (ADR 0016): every create, of any number of claims, runs it
    under one generic plan, and writes what it should."""
    article = ArticleFactory(uploaded_by=analyst)
    before = _insert_plans()
    for size in (1, 3, 2):
        claims, slugs = _new_claims(article, source, analyst)
        claim_inserts.insert_claims_at_once(claims[:size], slugs[:size], user=analyst)
        assert [len(claim.tags.all()) for claim in claims[:size]] == [len(s) for s in slugs][:size]

    generic, custom = _insert_plans()
    assert (generic - before[0], custom) == (3, 0)
