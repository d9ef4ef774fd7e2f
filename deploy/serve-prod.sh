#!/usr/bin/env bash
# The production stack on this machine, in one command (`make serve-prod`): PostgreSQL,
# migrations, compressed static files served by whitenoise, gunicorn (deploy/gunicorn.conf.py)
# and the background task worker. Plain HTTP on 127.0.0.1 unless told otherwise: for trying the
# stack and measuring it. docs/deploy.md says how to run it for real.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-.venv/bin}
DB_NAME=${DB_NAME:-corroborate}
export BIND=${BIND:-127.0.0.1:8000}
export DJANGO_SETTINGS_MODULE=project.settings.production
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export HTTPS=${HTTPS:-false}

if [ -z "${SECRET_KEY:-}" ]; then
  # One random key, made on the first run and kept out of git, so sessions survive restarts.
  [ -s .secret-key ] || "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))' > .secret-key
  SECRET_KEY=$(cat .secret-key)
  export SECRET_KEY
fi

if [ -z "${DATABASE_URL:-}" ]; then
  export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB_NAME"
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    echo "Starting PostgreSQL…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
    for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $DB_NAME"
  fi
fi

"$BIN/python" manage.py migrate --noinput
"$BIN/python" manage.py collectstatic --noinput --verbosity 0
if [ "${DEMO:-1}" = 1 ]; then
  "$BIN/python" manage.py demo --url "http://$BIND/"
fi

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait' EXIT INT TERM
if "$BIN/python" manage.py help db_worker >/dev/null 2>&1; then
  "$BIN/python" manage.py db_worker &
  pids+=($!)
fi
"$BIN/gunicorn" -c deploy/gunicorn.conf.py &
pids+=($!)
wait -n
