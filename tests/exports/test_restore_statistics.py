"""PostgreSQL: an import refreshes the statistics of the tables it filled once it commits, so
the next plans see the rows it wrote (issue 17)."""

import pytest
from django.db import connection

from claims.models import Claim
from exports.restore import claim_set_import

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics"),
]


def test_an_import_refreshes_the_statistics_of_what_it_filled(
    demo, export, staff_user, django_capture_on_commit_callbacks
):
    from claims.demo.loader import reset_domain

    _, content = export(staff_user, format="json", status="all")
    reset_domain()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")  # statistics of an empty table

    with django_capture_on_commit_callbacks(execute=True):
        claim_set_import(content=content, user=staff_user)

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'claims_claim'")
        (rows,) = cursor.fetchone()
    assert rows == Claim.all_objects.count() > 0
