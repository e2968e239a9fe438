#!/usr/bin/env bash
# Reproduces the "Scale out" figures in docs/benchmarks.md: sign-ups per
# second on PostgreSQL, and fan-out latency and events/s with one instance
# vs two instances sharing PostgreSQL and NATS. Needs PostgreSQL on
# 127.0.0.1:5432 (trust auth) and NATS on 127.0.0.1:4222, as on the dev and
# CI machines; a fresh database is created and dropped.
#   ./scripts/bench-scale.sh
#   USERS=10000 FRIENDS=200 PUBLISHERS=100 RATES="5 20" DURATION=30 ./scripts/bench-scale.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

USERS=${USERS:-10000}
FRIENDS=${FRIENDS:-200}
PUBLISHERS=${PUBLISHERS:-100}
RATES=${RATES:-"5 20"}
DURATION=${DURATION:-30}
SIGNUP_SECONDS=${SIGNUP_SECONDS:-10}
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
BUS=${BUS:-nats://127.0.0.1:4222}
PORT_A=${PORT_A:-3330}
PORT_B=${PORT_B:-3331}

build_site
step "Building chorus-load (release)"
cargo build --release -p chorus-loadtest
LOAD=target/release/chorus-load

ulimit -n "$(ulimit -Hn)"
DB="chorus_bench_$$"
DATABASE_URL="${PG_ADMIN%/*}/$DB"
WORK=$(mktemp -d)
PIDS=()
stop_servers() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
cleanup() {
  stop_servers
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
psql "$PG_ADMIN" -qc "CREATE DATABASE $DB"

# start_server PORT: a release instance on the shared database and bus.
start_server() {
  DATABASE_URL="$DATABASE_URL" CHORUS_BUS_URL="$BUS" target/release/chorus serve --no-demo \
    --data-dir "$WORK/data" --addr "127.0.0.1:$1" --db-max-connections 32 \
    --auth-per-ip-per-minute 100000000 --login-per-username-per-minute 1000 \
    2>>"$WORK/server-$1.log" &
  PIDS+=($!)
  until curl -sf "http://127.0.0.1:$1/readyz" >/dev/null; do
    kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$WORK/server-$1.log"; exit 1; }
    sleep 0.2
  done
}

step "Seeding $USERS users, $FRIENDS friends each, into PostgreSQL"
$LOAD seed --data-dir "$WORK/data" --database-url "$DATABASE_URL" --users "$USERS" --friends "$FRIENDS"

step "Sign-ups on PostgreSQL (argon2id + insert + session row), 16 connections, ${SIGNUP_SECONDS}s"
start_server "$PORT_A"
cat > "$WORK/signup.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread); thread:set("tid", #threads) end
function init(args) counter, failures = 0, 0; prefix = string.format("s%d_%d", tid, os.time()) end
function request()
  counter = counter + 1
  local body = string.format('{"username":"%s_%d","display_name":"Bench","password":"benchmark password"}', prefix, counter)
  return wrk.format("POST", "/api/auth/signup", {["Content-Type"] = "application/json"}, body)
end
function response(status) if status ~= 201 then failures = failures + 1 end end
function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + t:get("failures") end
  io.write(string.format("RESULT signup requests=%d not_201=%d per_s=%.1f p50_ms=%.0f p99_ms=%.0f\n",
    summary.requests, failed, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
wrk -t2 -c16 -d"${SIGNUP_SECONDS}s" --latency -s "$WORK/signup.lua" "http://127.0.0.1:$PORT_A/api/auth/signup" | tee "$WORK/signup.txt"

step "Logging every user in once (sessions in PostgreSQL, good on every instance)"
$LOAD login --url "http://127.0.0.1:$PORT_A" --users "$USERS" --cookies "$WORK/cookies.tsv" --login-concurrency 8

step "Now-playing reports on PostgreSQL: each records one event (activity insert under the commit-order lock), 32 connections, ${SIGNUP_SECONDS}s"
cat > "$WORK/report.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread); thread:set("tid", #threads) end
function init(args)
  cookies, paused, n, failures = {}, {}, 0, 0
  for line in io.lines(os.getenv("COOKIES")) do
    local cookie = line:match("^[^\t]+\t(.*)$")
    if cookie then table.insert(cookies, cookie) end
  end
end
function request()
  -- Thread 1 takes the odd users, thread 2 the even ones; each user
  -- alternates play and pause, so every report records one event.
  n = n + 1
  local i = (2 * n + tid - 1) % #cookies + 1
  paused[i] = not (paused[i] == nil or paused[i])
  local body = string.format('{"track_id":1,"position_ms":0,"paused":%s}', tostring(paused[i]))
  return wrk.format("POST", "/api/now-playing",
    {["Content-Type"] = "application/json", ["Cookie"] = cookies[i]}, body)
end
function response(status) if status ~= 204 then failures = failures + 1 end end
function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + t:get("failures") end
  io.write(string.format("RESULT reports requests=%d not_204=%d per_s=%.1f p50_ms=%.1f p99_ms=%.1f\n",
    summary.requests, failed, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
COOKIES="$WORK/cookies.tsv" wrk -t2 -c32 -d"${SIGNUP_SECONDS}s" --latency -s "$WORK/report.lua" \
  "http://127.0.0.1:$PORT_A/api/now-playing" | tee "$WORK/reports.txt"
psql "$DATABASE_URL" -Atc "SELECT 'RESULT events recorded=' || count(*) FROM activity WHERE kind IN ('now_playing', 'paused')" | tee -a "$WORK/reports.txt"
stop_servers

RESULTS="$WORK/results"
: >"$RESULTS"
for rate in $RATES; do
  step "One instance: $USERS sockets, $rate reports/s"
  start_server "$PORT_A"
  $LOAD fanout --url "http://127.0.0.1:$PORT_A" --users "$USERS" --friends "$FRIENDS" \
    --cookies "$WORK/cookies.tsv" --publishers "$PUBLISHERS" --rate "$rate" --duration "$DURATION" \
    --server-pid "${PIDS[0]}" | sed 's/^RESULT fanout/RESULT fanout instances=1/' | tee -a "$RESULTS" || true
  stop_servers

  step "Two instances: $USERS sockets split over both, reports to the first, $rate reports/s"
  start_server "$PORT_A"
  start_server "$PORT_B"
  $LOAD fanout --url "http://127.0.0.1:$PORT_A" --users "$USERS" --friends "$FRIENDS" \
    --cookies "$WORK/cookies.tsv" --publishers "$PUBLISHERS" --rate "$rate" --duration "$DURATION" \
    --socket-url "http://127.0.0.1:$PORT_A" --socket-url "http://127.0.0.1:$PORT_B" \
    --server-pid "${PIDS[0]}" --server-pid "${PIDS[1]}" \
    | sed 's/^RESULT fanout/RESULT fanout instances=2/' | tee -a "$RESULTS" || true
  curl -s "http://127.0.0.1:$PORT_B/metrics" | grep -E '^chorus_bus_lag_seconds_(sum|count)|^chorus_bus_hints_received_total' | tee -a "$RESULTS"
  stop_servers
done

field() { sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<"$2"; }
step "Figures (2 cores shared by the instances, PostgreSQL, NATS and the load tool)"
line=$(grep '^RESULT signup' "$WORK/signup.txt")
echo "| sign-ups on PostgreSQL | **$(field per_s "$line")/s**, p50 $(field p50_ms "$line") ms, p99 $(field p99_ms "$line") ms, $(field not_201 "$line") not 201 |"
line=$(grep '^RESULT reports' "$WORK/reports.txt")
events=$(sed -nE 's/^RESULT events recorded=([0-9]+)/\1/p' "$WORK/reports.txt")
echo "| now-playing reports on PostgreSQL, one instance | **$(field per_s "$line")/s**, p50 $(field p50_ms "$line") ms, p99 $(field p99_ms "$line") ms, $(field not_204 "$line") not 204; $events events recorded (now_playing + paused) |"
grep '^RESULT fanout' "$RESULTS" | while read -r line; do
  echo "| fan-out, $(field instances "$line") instance(s), $(field rate "$line") reports/s | p50 $(field p50_ms "$line") ms, **p99 $(field p99_ms "$line") ms**, max $(field max_ms "$line") ms; $(field delivered_per_s "$line") events/s; $(field received "$line") of $(field expected "$line"); server CPU $(field server_cpu_s "$line") s |"
done
