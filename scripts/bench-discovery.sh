#!/usr/bin/env bash
# Reproduces the "Discovery" figures in docs/benchmarks.md: chart refreshes
# (roll-up of every play, incremental, idle), search, taste compatibility,
# recommendations, listeners like you and charts, timed through
# chorus_discovery::Discovery on a freshly seeded database — first SQLite
# (a temporary file), then PostgreSQL (a fresh database on the local
# server, 127.0.0.1:5432 with trust auth as on the dev and CI machines,
# dropped at the end). Seeding is setup: timed, printed, not a figure.
#   ./scripts/bench-discovery.sh
#   TRACKS=100000 USERS=10000 PLAYS=1000000 FRIENDS=200 SAMPLES=500 ./scripts/bench-discovery.sh
#   BACKENDS=sqlite ./scripts/bench-discovery.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

TRACKS=${TRACKS:-100000}
USERS=${USERS:-10000}
PLAYS=${PLAYS:-1000000}
FRIENDS=${FRIENDS:-200}
SAMPLES=${SAMPLES:-500}
BACKENDS=${BACKENDS:-"sqlite postgres"}
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}

step "Building chorus-load (release)"
cargo build --release -p chorus-loadtest
LOAD="${CARGO_TARGET_DIR:-target}/release/chorus-load"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
SIZES=(--tracks "$TRACKS" --users "$USERS" --plays "$PLAYS" --friends "$FRIENDS" --samples "$SAMPLES")

for backend in $BACKENDS; do
  case "$backend" in
    sqlite)
      step "SQLite: $TRACKS tracks, $USERS listeners, $PLAYS plays, $FRIENDS friends each"
      $LOAD discovery "${SIZES[@]}" | tee "$WORK/sqlite.txt"
      ;;
    postgres)
      if ! pg_isready -q -d "$PG_ADMIN"; then
        echo "error: PostgreSQL at $PG_ADMIN does not answer (set PG_ADMIN to a URL that may CREATE DATABASE)" >&2
        exit 1
      fi
      step "PostgreSQL: $TRACKS tracks, $USERS listeners, $PLAYS plays, $FRIENDS friends each"
      $LOAD discovery --database-url "$PG_ADMIN" "${SIZES[@]}" | tee "$WORK/postgres.txt"
      ;;
    *) echo "error: unknown backend $backend (sqlite, postgres)" >&2; exit 1 ;;
  esac
done

step "Figures ($TRACKS tracks, $USERS listeners, $PLAYS plays, $FRIENDS friends each; $SAMPLES calls of each kind; 2 cores shared with the load tool)"
for backend in $BACKENDS; do
  sed -n '/^### /,$p' "$WORK/$backend.txt"
done
