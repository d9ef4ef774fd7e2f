"""The PostgreSQL backend's health check (project/postgresql): a reused connection is checked
without a round trip, and one the server has ended is still replaced before a request uses it."""

import time

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's backend"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def reused():
    """The connection as a new request finds it: open, health checks on, not yet checked."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    wrapper.ensure_connection()
    enabled, wrapper.health_check_enabled = wrapper.health_check_enabled, True
    wrapper.health_check_done = False
    yield wrapper
    wrapper.health_check_enabled = enabled


@pytest.fixture
def other():
    """A second session on the same database, to watch or end the application's."""
    session = connection.get_new_connection(connection.get_connection_params())
    session.autocommit = True
    yield session
    session.close()


def _last_statement(other, pid: int) -> str:
    return other.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()[0]


def test_a_live_connection_is_reused_without_a_statement(reused, other):
    with reused.cursor() as cursor:
        cursor.execute("SELECT 'before the request'")
    reused.health_check_done = False
    pid = reused.connection.info.backend_pid

    reused.close_if_health_check_failed()

    assert reused.health_check_done
    assert reused.connection.info.backend_pid == pid, "a live connection was replaced"
    assert _last_statement(other, pid) == "SELECT 'before the request'", "it asked the server"


def test_a_connection_the_server_ended_is_replaced_before_the_request_uses_it(reused, other):
    pid = reused.connection.info.backend_pid
    assert other.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]
    deadline = time.monotonic() + 10
    while other.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
        assert time.monotonic() < deadline, "the server did not end the session"
        time.sleep(0.05)

    reused.close_if_health_check_failed()
    with reused.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (now,) = cursor.fetchone()

    assert now != pid


def test_a_connection_in_the_middle_of_a_transaction_is_left_to_django(reused, other):
    """Only an idle connection is judged by its socket; any other is asked, as Django asks."""
    reused.connection.execute("BEGIN")
    reused.connection.execute("SELECT 'inside'")
    pid = reused.connection.info.backend_pid
    try:
        reused.close_if_health_check_failed()
        assert _last_statement(other, pid) == "SELECT 1"
    finally:
        if not reused.connection.closed:
            reused.connection.execute("ROLLBACK")
