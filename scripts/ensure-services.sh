#!/usr/bin/env bash
# Start PostgreSQL and Redis on 127.0.0.1 when they are down; do nothing when they are up.
set -euo pipefail
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
if ! pg_up; then
  command -v pg_ctlcluster >/dev/null || scripts/ensure-system-packages.sh postgresql
  version=$(ls /etc/postgresql | sort -n | tail -1)
  $sudo pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 30); do pg_up && break; sleep 1; done
  pg_up || { echo "PostgreSQL did not start" >&2; exit 1; }
fi
# A fresh Debian cluster asks for a password over TCP: give postgres the one the tests use.
if ! psql -h 127.0.0.1 -U postgres -c "select 1" postgres >/dev/null 2>&1; then
  $sudo -u postgres psql -q -c "ALTER USER postgres PASSWORD 'postgres'" 2>/dev/null \
    || su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\""
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  for _ in $(seq 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
echo "PostgreSQL and Redis are up."
