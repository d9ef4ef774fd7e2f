"""Gunicorn for Corroborate: `gunicorn -c deploy/gunicorn.conf.py` (what `make serve-prod` runs).

Every value can be set from the environment; the defaults are the ones measured on a 2-core
machine (docs/deploy.md, "Choosing workers"). Each worker shares nothing with the others but the
database and the file storage, so any number of these processes, on any number of machines, can
stand behind one load balancer.
"""

import datetime
import json
import os

from gunicorn.glogging import Logger

wsgi_app = "project.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")

# Sync workers, cores + 1 of them, as measured (docs/deploy.md, "Choosing workers"; bench/README):
# on 2 cores, 55 simulated colleagues, three interleaved rounds, sync 3 gave the steadiest
# throughput with no errors; sync 5 and 7 stalled behind the logins (PBKDF2 is CPU-bound) in
# rounds where the machine was loaded, and gthread 3 × 4 peaked once but dropped connections
# (reset by peer) in two rounds of three. Requests are CPU-bound (templates, serializers):
# more processes than cores + 1 only contend for the cores.
worker_class = os.environ.get("WORKER_CLASS", "sync")
workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("WEB_THREADS", 1))

# A request may take this long before its worker is killed and replaced. Long work (large
# imports, heavy PDFs, bulk exports, suggestion runs) belongs in the task worker, not here.
timeout = int(os.environ.get("WEB_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak in any library never grows without bound.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", 2000))
max_requests_jitter = max_requests // 10
# Load the application once in the master: workers fork with it, sharing its memory pages.
preload_app = True
# The heartbeat file on a RAM disk: a slow disk cannot make a healthy worker look dead.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Behind a proxy that sets X-Forwarded-* (set FORWARDED_ALLOW_IPS to its address).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# ACCESS_LOG="" turns the access log off.
accesslog = os.environ.get("ACCESS_LOG", "-") or None
errorlog = os.environ.get("ERROR_LOG", "-")
loglevel = os.environ.get("LOG_LEVEL", "info")


class JsonAccessLogger(Logger):
    """One JSON object per request on the access log, every value escaped properly."""

    def access(self, resp, req, environ, request_time):
        if not (self.cfg.accesslog or self.cfg.logconfig or self.cfg.syslog):
            return
        record = {
            "time": datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds"),
            "remote": environ.get("REMOTE_ADDR", ""),
            "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR", ""),
            "method": environ.get("REQUEST_METHOD", ""),
            "path": environ.get("PATH_INFO", ""),
            "query": environ.get("QUERY_STRING", ""),
            "status": int(str(resp.status).split(None, 1)[0]),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.seconds * 1000 + request_time.microseconds / 1000, 2),
            "user_agent": environ.get("HTTP_USER_AGENT", ""),
            "pid": os.getpid(),
        }
        try:
            self.access_log.info(json.dumps(record, ensure_ascii=False))
        except Exception:  # logging must never fail a request
            self.exception("Failed to write the access log.")


logger_class = JsonAccessLogger

# Several masters may run on one machine (two app servers, the tests): no shared control socket.
control_socket_disable = True
