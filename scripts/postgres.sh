#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the PostgreSQL store's tests.
#   scripts/postgres.sh start   installs PostgreSQL from Debian's packages if missing, creates and starts the
#                               server (a running one is left as it is) and prints its connection URL
#   scripts/postgres.sh status  prints the URL and exits 0 while the server runs; exits 3 otherwise
#   scripts/postgres.sh stop    stops the server and deletes its data
# HR_PG_DIR sets where it lives (default: $TMPDIR/hr-store-postgres, outside the repository).
# As root (CI), the server runs as the `postgres` user of the Debian package: initdb refuses root.
set -euo pipefail

DIR="${HR_PG_DIR:-${TMPDIR:-/tmp}/hr-store-postgres}"
DATA="$DIR/data"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install_postgres() {
  [ -n "$(pg_bin)" ] && return
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL is not installed; install it as root: apt-get install -y postgresql" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  [ -n "$(pg_bin)" ] || { echo "apt-get installed postgresql but no server binaries were found under /usr/lib/postgresql" >&2; exit 1; }
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

running() {
  [ -f "$DIR/url" ] && [ -n "$(pg_bin)" ] && as_owner "$(pg_bin)/pg_ctl" status -D "$DATA" >/dev/null 2>&1
}

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

create() {
  rm -rf "$DIR"
  mkdir -p "$DIR"
  chmod 700 "$DIR"
  od -An -tx1 -N16 /dev/urandom | tr -d ' \n' > "$DIR/password"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$DIR"; fi
  as_owner "$(pg_bin)/initdb" -D "$DATA" -U hr --pwfile="$DIR/password" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
}

start() {
  install_postgres
  if running; then cat "$DIR/url"; return; fi
  [ -f "$DATA/PG_VERSION" ] || create
  local port
  port="$(free_port)"
  # fsync off: the data is thrown away, and tests run several times faster without it.
  as_owner "$(pg_bin)/pg_ctl" start -D "$DATA" -w -t 60 -l "$DIR/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null 9>&- || { tail -n 20 "$DIR/server.log" >&2; exit 1; }
  echo "postgres://hr:$(cat "$DIR/password")@127.0.0.1:$port/postgres" > "$DIR/url"
  cat "$DIR/url"
}

stop() {
  if running; then as_owner "$(pg_bin)/pg_ctl" stop -D "$DATA" -m fast -w >/dev/null; fi
  rm -rf "$DIR"
}

# One caller at a time, so test processes starting together share one server (the server must not inherit fd 9).
exec 9>"$DIR.lock"
flock 9

case "${1:-}" in
  start) start ;;
  status) if running; then cat "$DIR/url"; else exit 3; fi ;;
  stop) stop ;;
  *) echo "usage: $0 start|status|stop" >&2; exit 2 ;;
esac
