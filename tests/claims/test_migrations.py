"""Claims migrations that must cope with the database they meet: the trigram indexes of 0005 are
an optimisation, so where PostgreSQL will not create the `pg_trgm` extension the migration says
so and goes on; the decider constraint of 0007 names the links that break it; 0023 gives the
claims, links and history records already there their uuids."""

import importlib

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

trigram_migration = importlib.import_module("claims.migrations.0005_claim_text_search_indexes")

pytestmark = pytest.mark.django_db


class _SchemaEditor:
    """Records what the migration asks for; refuses to create the extension."""

    def __init__(self, vendor: str):
        self.connection = type("Connection", (), {"vendor": vendor, "alias": connection.alias})
        self.executed: list[str] = []

    def execute(self, sql: str) -> None:
        self.executed.append(sql)
        if sql.startswith("CREATE EXTENSION"):
            raise DatabaseError('permission denied to create extension "pg_trgm"')


def test_without_pg_trgm_the_migration_warns_and_creates_no_index(capsys):
    editor = _SchemaEditor("postgresql")

    trigram_migration.add_indexes(apps=None, schema_editor=editor)

    assert editor.executed == ["CREATE EXTENSION IF NOT EXISTS pg_trgm"]  # and no index
    assert "no trigram indexes for the claim search" in capsys.readouterr().err


def test_on_sqlite_the_migration_does_nothing(capsys):
    editor = _SchemaEditor("sqlite")

    trigram_migration.add_indexes(apps=None, schema_editor=editor)

    assert editor.executed == []
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexes are PostgreSQL's")
def test_on_postgresql_the_claim_search_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'claims_claim' "
            "AND indexname LIKE '%%_trgm'"
        )
        names = {name for (name,) in cursor.fetchall()}

    assert names == {"claim_quote_trgm", "claim_statement_trgm"}


@pytest.mark.django_db(transaction=True)
def test_the_decider_constraint_names_the_links_that_break_it():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    # Back to claims 0006, and the apps that build on claims' later migrations to before them
    # (suggestions, built on the latest claims, is unapplied with them).
    later = {"sources", "articles", "claims", "suggestions"}
    before = [node for node in latest if node[0] not in later] + [
        ("articles", "0003_article_search_index"),
        ("claims", "0006_evidence_version"),
    ]
    executor.migrate([*before, ("sources", None)])
    try:
        apps = MigrationExecutor(connection).loader.project_state(before).apps
        User = apps.get_model("auth", "User")
        Claim = apps.get_model("claims", "Claim")
        Link = apps.get_model("claims", "ClaimLink")
        user = User.objects.create(username="analyst")
        article = apps.get_model("articles", "Article").objects.create(
            title="A", text="One claim. Another claim.", content_sha256="0" * 64, uploaded_by=user
        )
        source = apps.get_model("claims", "Source").objects.create(name="S")
        first, second = (
            Claim.objects.create(
                article=article,
                source=source,
                start=start,
                end=end,
                quote=quote,
                credibility=2,
                created_by=user,
            )
            for start, end, quote in [(0, 10, "One claim."), (11, 25, "Another claim.")]
        )
        link = Link.objects.create(
            kind="contradicts",
            claim_a=first,
            claim_b=second,
            status="confirmed",
            created_by=user,
        )

        executor = MigrationExecutor(connection)
        with pytest.raises(RuntimeError, match=rf"without a decider \(ids {link.pk}\)"):
            executor.migrate([("claims", "0007_link_decision_has_decider")])

        Link.objects.filter(pk=link.pk).update(decided_by=user)
        executor = MigrationExecutor(connection)
        executor.migrate([("claims", "0007_link_decision_has_decider")])
    finally:
        MigrationExecutor(connection).migrate(latest)


@pytest.mark.django_db(transaction=True)
def test_0011_records_the_reliability_of_claims_already_reviewed_and_goes_back():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    before = [node for node in latest if node[0] != "claims"] + [("claims", "0010_link_version")]
    executor.migrate(before)
    try:
        apps = MigrationExecutor(connection).loader.project_state(before).apps
        User = apps.get_model("auth", "User")
        Claim = apps.get_model("claims", "Claim")
        user = User.objects.create(username="analyst")
        reviewer = User.objects.create(username="reviewer")
        article = apps.get_model("articles", "Article").objects.create(
            title="A",
            text="One claim. Another. A third.",
            content_sha256="0" * 64,
            uploaded_by=user,
        )
        source = apps.get_model("sources", "Source").objects.create(name="S", reliability="C")
        spans = [(0, 10, "One claim."), (11, 19, "Another."), (20, 28, "A third.")]
        statuses = ["approved", "rejected", "submitted"]
        ids = [
            Claim.objects.create(
                article=article,
                source=source,
                start=start,
                end=end,
                quote=quote,
                status=status,
                reviewed_by=reviewer if status != "submitted" else None,
                created_by=user,
            ).pk
            for (start, end, quote), status in zip(spans, statuses, strict=True)
        ]

        MigrationExecutor(connection).migrate([("claims", "0011_evaluated_reliability")])
        apps = (
            MigrationExecutor(connection)
            .loader.project_state([("claims", "0011_evaluated_reliability")])
            .apps
        )
        recorded = dict(
            apps.get_model("claims", "Claim")
            .objects.filter(pk__in=ids)
            .values_list("status", "evaluated_reliability")
        )
        assert recorded == {"approved": "C", "rejected": "C", "submitted": ""}

        MigrationExecutor(connection).migrate([("claims", "0010_link_version")])  # reversible
    finally:
        MigrationExecutor(connection).migrate(latest)


def _history_of(HistoricalModel, row, *, history_type: str = "+") -> None:
    """A history record of `row` as django-simple-history writes one: its fields, and when."""
    fields = [field.attname for field in HistoricalModel._meta.concrete_fields]
    copied = {name: getattr(row, name) for name in fields if hasattr(row, name)}
    HistoricalModel.objects.create(**copied, history_date=timezone.now(), history_type=history_type)


@pytest.mark.django_db(transaction=True)
def test_0023_gives_every_claim_link_and_history_record_its_uuid_and_goes_back():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    before = [node for node in latest if node[0] != "claims"] + [("claims", "0022_tag_history")]
    executor.migrate(before)
    try:
        apps = MigrationExecutor(connection).loader.project_state(before).apps
        User = apps.get_model("auth", "User")
        Claim, Link = apps.get_model("claims", "Claim"), apps.get_model("claims", "ClaimLink")
        user = User.objects.create(username="analyst")
        article = apps.get_model("articles", "Article").objects.create(
            title="A", text="One. Two. Three.", content_sha256="0" * 64, uploaded_by=user
        )
        source = apps.get_model("sources", "Source").objects.create(name="S")
        claims = [
            Claim.objects.create(
                article=article,
                source=source,
                start=start,
                end=start + 4,
                quote=quote,
                created_by=user,
            )
            for start, quote in [(0, "One."), (5, "Two."), (10, "Thre")]
        ]
        kept, gone = (
            Link.objects.create(kind=kind, claim_a=claims[0], claim_b=claims[1], created_by=user)
            for kind in ("contradicts", "corroborates")
        )
        for claim in claims:
            _history_of(apps.get_model("claims", "HistoricalClaim"), claim)
        for link in (kept, gone, gone):
            _history_of(apps.get_model("claims", "HistoricalClaimLink"), link)
        gone_id = gone.pk
        gone.delete()  # its history records stay, without a row to copy a uuid from

        MigrationExecutor(connection).migrate([("claims", "0023_claim_and_link_uuid")])

        after = [("claims", "0023_claim_and_link_uuid")]
        apps = MigrationExecutor(connection).loader.project_state(after).apps
        Claim, Link = apps.get_model("claims", "Claim"), apps.get_model("claims", "ClaimLink")
        claim_uuids = dict(Claim.objects.values_list("pk", "uuid"))
        assert None not in claim_uuids.values()
        assert len(set(claim_uuids.values())) == 3
        recorded = apps.get_model("claims", "HistoricalClaim").objects.values_list("id", "uuid")
        assert set(recorded) == set(claim_uuids.items())
        kept_uuid = Link.objects.get().uuid
        link_records = apps.get_model("claims", "HistoricalClaimLink").objects
        assert set(link_records.filter(id=kept.pk).values_list("uuid", flat=True)) == {kept_uuid}
        (gone_uuid,) = set(link_records.filter(id=gone_id).values_list("uuid", flat=True))
        assert gone_uuid is not None
        assert gone_uuid not in {kept_uuid, *claim_uuids.values()}
        # Unique and required, on either database.
        for taken in (claim_uuids[claims[0].pk], None):
            with pytest.raises(IntegrityError), transaction.atomic():
                Claim.objects.filter(pk=claims[1].pk).update(uuid=taken)
        with pytest.raises(IntegrityError), transaction.atomic():
            Link.objects.filter(pk=kept.pk).update(uuid=None)

        MigrationExecutor(connection).migrate(before)  # reversible
    finally:
        MigrationExecutor(connection).migrate(latest)
