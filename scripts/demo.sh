#!/usr/bin/env bash
# The demo's processes, started by `make demo`:
#   scripts/demo.sh serve [PORT]  the Celery worker with its embedded beat in the background
#                                 (log: .demo/worker.log), then the web server in the
#                                 foreground; stopping it (Ctrl-C) stops the worker too.
#   scripts/demo.sh worker        only the worker with beat, in the foreground (the tests).
# No Redis: the broker is kombu's filesystem transport in $PORTAL_DEMO_DIR/broker. Production
# runs Celery beat and workers on Redis instead (docker-compose.yml).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export DEMO_MODE=1
export PORTAL_DEMO_DIR=${PORTAL_DEMO_DIR:-$PWD/.demo}
export CELERY_BROKER_URL=filesystem://
export CELERY_BROKER_FOLDER=$PORTAL_DEMO_DIR/broker
mkdir -p "$CELERY_BROKER_FOLDER/control" "$PORTAL_DEMO_DIR/mail"

worker() {
  exec "$PY" -m celery -A procurement_portal worker -B --pool=solo -c 1 -l "${DEMO_WORKER_LOG_LEVEL:-info}" \
    --without-gossip --without-mingle --without-heartbeat \
    -s "$PORTAL_DEMO_DIR/beat-schedule" "$@"
}

case "${1:-serve}" in
  worker)
    shift
    worker "$@"
    ;;
  serve)
    port=${2:-8000}
    ( worker ) >"$PORTAL_DEMO_DIR/worker.log" 2>&1 &
    worker_pid=$!
    # No autoreloader: one web process, so stopping it by its id stops all of it.
    # --insecure: the demo runs with DEBUG off (our own error pages), static files still served.
    "$PY" manage.py runserver --noreload --insecure "127.0.0.1:$port" &
    web_pid=$!
    stop() {
      trap - EXIT INT TERM
      kill "$web_pid" "$worker_pid" 2>/dev/null || true
      wait "$web_pid" "$worker_pid" 2>/dev/null || true
    }
    # However it ends (Ctrl-C, kill, the web server failing), both processes stop.
    trap 'stop; exit 130' INT
    trap 'stop; exit 143' TERM
    trap stop EXIT
    echo "Scheduler and worker running (closing at deadlines, evaluations, emails, dashboard):"
    echo "  log: $PORTAL_DEMO_DIR/worker.log, emails: http://127.0.0.1:$port/en/demo/mailbox/"
    echo "Demo guide: http://127.0.0.1:$port/en/demo/  (Ctrl-C stops everything)"
    wait "$web_pid"
    ;;
  *)
    echo "usage: scripts/demo.sh serve [PORT] | worker" >&2
    exit 2
    ;;
esac
