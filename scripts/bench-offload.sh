#!/usr/bin/env bash
# Reproduces the "Offload" figures in docs/benchmarks.md: a Zipf-distributed
# anonymous load over every public page of a 1,000-album catalog, straight
# to the origin and through Varnish (deploy/varnish/chorus.vcl), and the
# origin's SSR cost on one core. Loopback, 2 cores shared by everything.
#   ./scripts/bench-offload.sh
#   ALBUMS=2000 DURATION=60s ZIPF_S=0.8 ./scripts/bench-offload.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

USERS=${USERS:-1000}          # seeded users: their profiles are public pages too
ARTISTS=${ARTISTS:-200}
ALBUMS=${ALBUMS:-1000}
TRACKS=${TRACKS:-10}          # per album
DURATION=${DURATION:-30s}     # per wrk run
CONNS=${CONNS:-64}
ZIPF_S=${ZIPF_S:-1}
PORT=${PORT:-3330}
VARNISH_PORT=${VARNISH_PORT:-3331}

apt_install wrk varnish varnish-modules
build_site
step "Building chorus-load (release)"
cargo build --release -p chorus-loadtest
LOAD=target/release/chorus-load

WORK=$(mktemp -d)
SERVER= VARNISH=
stop() {
  for pid in $SERVER $VARNISH; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  SERVER= VARNISH=
}
trap 'stop; rm -rf "$WORK"' EXIT

step "Seeding $USERS users and $ALBUMS albums × $TRACKS tracks by $ARTISTS artists"
$LOAD seed --data-dir "$WORK/data" --users "$USERS" --friends 2
$LOAD catalog --data-dir "$WORK/data" --artists "$ARTISTS" --albums "$ALBUMS" \
  --tracks-per-album "$TRACKS" --urls "$WORK/urls.txt"

start_server() { # [taskset cpu list]
  local pin=()
  [ $# -gt 0 ] && pin=(taskset -c "$1")
  "${pin[@]}" target/release/chorus serve --no-demo --data-dir "$WORK/data" \
    --addr "127.0.0.1:$PORT" --cdn "varnish://127.0.0.1:$VARNISH_PORT" 2>>"$WORK/server.log" &
  SERVER=$!
  until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
    sleep 0.2
  done
}

zipf() { # name url [taskset cpu list]
  local name=$1 url=$2 pin=()
  [ $# -gt 2 ] && pin=(taskset -c "$3")
  echo "--- $name: wrk -t2 -c$CONNS -d$DURATION -s scripts/zipf.lua $url -- urls.txt $ZIPF_S"
  "${pin[@]}" wrk -t2 -c"$CONNS" -d"$DURATION" -s scripts/zipf.lua "$url" -- "$WORK/urls.txt" "$ZIPF_S" |
    grep -E '^pages:|Socket errors'
}

counters() { # client requests, backend requests
  varnishstat -n "$WORK/varnish" -1 -f MAIN.client_req -f MAIN.backend_req |
    awk '$1 == "MAIN.client_req" { c = $2 } $1 == "MAIN.backend_req" { b = $2 } END { print c + 0, b + 0 }'
}

step "Direct to the origin (no cache)"
start_server
zipf "origin" "http://127.0.0.1:$PORT"

step "Through Varnish"
sed "s/\.port = \"3000\";/.port = \"$PORT\";/" deploy/varnish/chorus.vcl >"$WORK/chorus.vcl"
varnishd -F -j none -T none -a "127.0.0.1:$VARNISH_PORT" -f "$WORK/chorus.vcl" \
  -n "$WORK/varnish" -s malloc,1g >"$WORK/varnish.log" 2>&1 &
VARNISH=$!
until curl -sf -o /dev/null "http://127.0.0.1:$VARNISH_PORT/"; do
  kill -0 "$VARNISH" 2>/dev/null || { cat "$WORK/varnish.log"; exit 1; }
  sleep 0.2
done
for run in cold warm; do
  read -r c0 b0 < <(counters)
  zipf "varnish, $run cache" "http://127.0.0.1:$VARNISH_PORT"
  read -r c1 b1 < <(counters)
  awk -v c=$((c1 - c0)) -v b=$((b1 - b0)) -v run="$run" \
    'BEGIN { printf "origin: %d requests for %d page views through Varnish (%s cache): %.1f per 1,000\n", b, c, run, 1000 * b / c }'
done
stop

step "Origin SSR cost on one core (server on CPU 0, wrk on CPU 1)"
ALBUM=$(sed -n 's|^/albums/||p' "$WORK/urls.txt" | head -1)
start_server 0
echo "--- one album page: wrk -t1 -c16 -d$DURATION /albums/$ALBUM (gzip)"
taskset -c 1 wrk -t1 -c16 -d"$DURATION" --latency -H 'Accept-Encoding: gzip' \
  "http://127.0.0.1:$PORT/albums/$ALBUM" | grep -E 'Requests/sec|99%|50%'
zipf "every public page, Zipf, one core" "http://127.0.0.1:$PORT" 1
