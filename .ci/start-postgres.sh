#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on loopback and exports TEST_DATABASE_URL, so the database contract suite
# also runs on the second engine. Sourced by .ci/run; also usable by hand: `source .ci/start-postgres.sh`.
# Debian keeps the server binaries outside PATH (/usr/lib/postgresql/<major>/bin); install them if absent.

mubiao_pg_bin() {
  { ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true; } | sort -V | tail -n 1
}

if [ -z "$(mubiao_pg_bin)" ] && ! command -v initdb >/dev/null 2>&1; then
  echo "== installing postgresql"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
MUBIAO_PG_BIN="$(mubiao_pg_bin)"
if [ -z "$MUBIAO_PG_BIN" ]; then MUBIAO_PG_BIN="$(dirname "$(command -v initdb)")"; fi

MUBIAO_PG_DIR="$(mktemp -d /tmp/mubiao-pg.XXXXXX)"
MUBIAO_PG_PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

# initdb refuses to run as root: run the server as the `postgres` system user when we are root.
mubiao_as_pg() {
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$MUBIAO_PG_DIR"
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

mubiao_as_pg "'$MUBIAO_PG_BIN/initdb' -D '$MUBIAO_PG_DIR/data' -U postgres -A trust -E UTF8 --no-sync >'$MUBIAO_PG_DIR/initdb.log' 2>&1"
mubiao_as_pg "'$MUBIAO_PG_BIN/pg_ctl' -D '$MUBIAO_PG_DIR/data' -l '$MUBIAO_PG_DIR/server.log' -w -o \"-p $MUBIAO_PG_PORT -k '$MUBIAO_PG_DIR' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off\" start >/dev/null"
mubiao_as_pg "'$MUBIAO_PG_BIN/createdb' -h 127.0.0.1 -p $MUBIAO_PG_PORT -U postgres mubiao_test"

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$MUBIAO_PG_PORT/mubiao_test"
echo "== PostgreSQL $("$MUBIAO_PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$MUBIAO_PG_PORT (TEST_DATABASE_URL set)"

# Stop the server when the sourcing shell exits, so a CI run leaves no process behind.
trap "'$MUBIAO_PG_BIN/pg_ctl' -D '$MUBIAO_PG_DIR/data' -m fast stop >/dev/null 2>&1 || su postgres -s /bin/sh -c \"'$MUBIAO_PG_BIN/pg_ctl' -D '$MUBIAO_PG_DIR/data' -m fast stop\" >/dev/null 2>&1 || true" EXIT
