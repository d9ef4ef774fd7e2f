"""PostgreSQL as Django's own backend, with a health check that costs no round trip.

With persistent connections (`CONN_MAX_AGE`) and `CONN_HEALTH_CHECKS`, Django asks a reused
connection `SELECT 1` before the first query of every request: a round trip on every request,
the cheapest one of three or four (a token, a read, a write). Measured in the request
(`bench/README.md`, "A call after a pause, and a health check without a round trip"), each
costs far more than the database's own work, from waking its backend process and back.

A connection the server has ended (a restart, `pg_terminate_backend`, `idle_session_timeout`, a
crash) has something to read on its socket while idle: the server's farewell or the end of the
stream. So an idle connection whose socket is quiet is taken as alive, without a query, as the
MySQL driver of Go's `database/sql` checks its pooled connections; one with anything pending is
asked `SELECT 1` as before, and closed when that fails, so the request opens a new one instead
of failing. A connection lost without a word (a host gone, a network cut) is not caught by
either check: `SELECT 1` would wait as long as the request's first query does.
"""

import select

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus


def quiet(connection) -> bool:
    """Whether the idle psycopg `connection` is open and has nothing to read on its socket."""
    if connection.closed or connection.broken:
        return False
    if connection.info.transaction_status != TransactionStatus.IDLE:
        return False
    return not _pending(connection.fileno())


def _pending(socket: int) -> bool:
    """Whether `socket` has anything to read (or has been closed), without waiting."""
    if not hasattr(select, "poll"):  # Windows: select() takes sockets there
        return bool(select.select([socket], [], [], 0)[0])
    poller = select.poll()  # unlike select(), any descriptor number, however high
    poller.register(socket, select.POLLIN | select.POLLPRI)
    return bool(poller.poll(0))


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self) -> None:
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.pool
            and quiet(self.connection)
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
