#!/usr/bin/env bash
# Reproduces the "Live feed" figures in docs/benchmarks.md: memory per idle
# /ws/feed socket, connection rate, and fan-out latency of now-playing
# events, with `chorus-load` (crates/loadtest) against the release server on
# a fresh, seeded data folder. Loopback only; every phase is bounded.
#   ./scripts/bench-live.sh
#   USERS=10000 FRIENDS=200 PUBLISHERS=100 RATES="1 5 20" DURATION=30 ./scripts/bench-live.sh
#
# Each measurement runs against a freshly started server, so one phase's
# leftovers (the log-ins' argon2 buffers, sockets closing) never count in
# the next one's RSS. The server and the tool each need one file descriptor
# per socket: the script raises `ulimit -n` to the hard limit (and the hard
# limit itself where it may), and the tool raises its own limit too.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

USERS=${USERS:-10000}           # seeded users, one socket each in fanout
FRIENDS=${FRIENDS:-200}         # friends per user (ring lattice)
IDLE_SMALL=${IDLE_SMALL:-10000} # idle sockets, first run
IDLE_BIG=${IDLE_BIG:-50000}     # idle sockets, second run (capped by the fd limit)
SETTLE=${SETTLE:-25}            # seconds between the last socket and the RSS reading (a ping round)
PUBLISHERS=${PUBLISHERS:-100}
RATES=${RATES:-"1 5 20"}        # now-playing reports per second, one fanout run each
DURATION=${DURATION:-30}
PORT=${PORT:-3320}
URL="http://127.0.0.1:$PORT"

# The server as cargo-leptos builds it (a plain `cargo build -p server`
# differs in leptos's build-time settings and would rebuild it twice).
build_site
step "Building chorus-load (release)"
cargo build --release -p chorus-loadtest
LOAD=target/release/chorus-load

# One descriptor per socket on both sides. Raising the hard limit needs
# CAP_SYS_RESOURCE; without it the soft limit goes up to the hard one.
NEED=$((IDLE_BIG + 1000))
HARD=$(ulimit -Hn)
if [ "$HARD" != unlimited ] && [ "$HARD" -lt "$NEED" ]; then
  ulimit -Hn "$NEED" 2>/dev/null || true
fi
ulimit -n "$(ulimit -Hn)"
NOFILE=$(ulimit -n)
MAX_SOCKETS=$((NOFILE - 300))
if [ "$IDLE_BIG" -gt "$MAX_SOCKETS" ]; then
  echo "warning: file descriptor limit $NOFILE (hard; raising it needs CAP_SYS_RESOURCE):" \
    "the big idle run opens $MAX_SOCKETS sockets instead of $IDLE_BIG" >&2
  IDLE_BIG=$MAX_SOCKETS
fi

WORK=$(mktemp -d)
SERVER=
stop_server() {
  if [ -n "$SERVER" ]; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    SERVER=
  fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT

start_server() {
  # Auth limits raised: every log-in comes from one IP, once per user. The
  # connection cap raised over the idle sockets of the big run.
  target/release/chorus serve --no-demo --data-dir "$WORK/data" --addr "127.0.0.1:$PORT" \
    --auth-per-ip-per-minute 100000000 --login-per-username-per-minute 1000 \
    --max-connections $((IDLE_BIG + 1000)) \
    2>>"$WORK/server.log" &
  SERVER=$!
  echo "server pid $SERVER; load average $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine shows here)"
  until curl -sf "$URL/healthz" >/dev/null; do
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
    sleep 0.2
  done
}

step "Seeding $USERS users, $FRIENDS friends each"
$LOAD seed --data-dir "$WORK/data" --users "$USERS" --friends "$FRIENDS"

step "Logging every user in once (argon2 on the server; cookies kept for the runs)"
start_server
$LOAD login --url "$URL" --users "$USERS" --cookies "$WORK/cookies.tsv" --login-concurrency 8
stop_server

RESULTS="$WORK/results"
: >"$RESULTS"
for sockets in "$IDLE_SMALL" "$IDLE_BIG"; do
  step "Idle: $sockets sockets over $USERS users"
  start_server
  $LOAD idle --url "$URL" --users "$USERS" --cookies "$WORK/cookies.tsv" \
    --sockets "$sockets" --server-pid "$SERVER" --settle "$SETTLE" | tee -a "$RESULTS"
  stop_server
done

for rate in $RATES; do
  step "Fan-out: $USERS sockets, $PUBLISHERS publishers, $rate reports/s for ${DURATION}s"
  start_server
  $LOAD fanout --url "$URL" --users "$USERS" --friends "$FRIENDS" --cookies "$WORK/cookies.tsv" \
    --publishers "$PUBLISHERS" --rate "$rate" --duration "$DURATION" --server-pid "$SERVER" \
    | tee -a "$RESULTS" || echo "(fanout at $rate/s reported missing deliveries)"
  stop_server
done

field() { sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<"$2"; }
step "Figures (2 cores shared by server and load tool; nofile $NOFILE)"
echo "| run | figure |"
echo "|---|---|"
grep '^RESULT idle' "$RESULTS" | while read -r line; do
  echo "| idle, $(field sockets "$line") sockets | server RSS $(field rss_before_mib "$line") → $(field rss_after_mib "$line") MiB: **$(field kib_per_socket "$line") KiB per socket**; $(field connect_per_s "$line") sockets/s opened |"
done
grep '^RESULT fanout' "$RESULTS" | while read -r line; do
  echo "| fan-out, $(field users "$line") sockets × $(field friends "$line") friends, $(field rate "$line") reports/s | p50 $(field p50_ms "$line") ms, p90 $(field p90_ms "$line") ms, **p99 $(field p99_ms "$line") ms**, max $(field max_ms "$line") ms; $(field delivered_per_s "$line") events/s delivered; $(field received "$line") of $(field expected "$line") deliveries; server CPU $(field server_cpu_s "$line") s in $(field span_s "$line") s |"
done
