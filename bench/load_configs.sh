#!/usr/bin/env bash
# gunicorn configurations measured under the same load (bench/locustfile.py), interleaved and repeated
# (bench/README.md, "Choosing gunicorn workers"). Summarise with: python bench/load_summary.py OUT
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=project.settings.production
export SECRET_KEY=${SECRET_KEY:?set SECRET_KEY (50+ random characters)}
export ALLOWED_HOSTS=127.0.0.1,localhost HTTPS=false ACCESS_LOG=""
export DATABASE_URL=${DATABASE_URL:?a PostgreSQL database filled by python -m bench generate}
export BIND=${BIND:-127.0.0.1:8000}
USERS=${USERS:-55}; RUNTIME=${RUNTIME:-130s}
OUT=${OUT:-bench/reports/load-configs}; mkdir -p "$OUT"
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
for round in $(seq ${ROUNDS:-3}); do
  for cfg in sync3 sync5 sync7 gthread3x4; do
    case $cfg in
      sync3) export WORKER_CLASS=sync WEB_CONCURRENCY=3 WEB_THREADS=1;;
      sync5) export WORKER_CLASS=sync WEB_CONCURRENCY=5 WEB_THREADS=1;;
      sync7) export WORKER_CLASS=sync WEB_CONCURRENCY=7 WEB_THREADS=1;;
      gthread3x4) export WORKER_CLASS=gthread WEB_CONCURRENCY=3 WEB_THREADS=4;;
    esac
    .venv/bin/gunicorn -c deploy/gunicorn.conf.py > $OUT/$cfg-$round.gunicorn.log 2>&1 &
    gpid=$!
    for _ in $(seq 60); do curl -sf http://$BIND/healthz >/dev/null && break; sleep 1; done
    echo "$cfg round $round start load $(cat /proc/loadavg)" | tee -a $OUT/summary.txt
    ${LOCUST:-.venv/bin/locust} -f bench/locustfile.py --host http://$BIND --headless \
      --users $USERS --spawn-rate 5 --run-time $RUNTIME --csv $OUT/$cfg-$round --only-summary --reset-stats \
      > $OUT/$cfg-$round.locust.log 2>&1
    echo "$cfg round $round end load $(cat /proc/loadavg)" | tee -a $OUT/summary.txt
    kill $gpid; wait $gpid 2>/dev/null
    sleep 3
  done
done
echo DONE >> $OUT/summary.txt
