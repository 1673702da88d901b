#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for development and CI (issue 19).
#   scripts/postgres.sh start [DIR]  initdb (as the postgres user, never as root) + pg_ctl start on a free port, with
#                                    the socket in DIR; prints `export BILLING_TEST_POSTGRES=...` (a connection string)
#   scripts/postgres.sh stop DIR     stops the cluster and deletes DIR
# PostgreSQL 15 comes from Debian's `postgresql` package; the package starts no server by itself.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    dir=${2:-$(mktemp -d /tmp/billing-pg.XXXXXX)}
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # C collation and UTF-8: text sorts and compares byte-wise, as on SQLite.
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null
    echo "export BILLING_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
    echo "export BILLING_TEST_POSTGRES_DIR='$dir'"
    ;;
  stop)
    dir=${2:?usage: scripts/postgres.sh stop DIR}
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: scripts/postgres.sh start [DIR] | stop DIR" >&2
    exit 2
    ;;
esac
