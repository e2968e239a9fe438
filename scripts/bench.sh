#!/usr/bin/env bash
# Reproduces the figures in docs/benchmarks.md: HTTP load on the release
# server (album page SSR, /api/tracks, 200 concurrent ranged audio
# downloads), each beside the same load on nginx serving a static file, and
# the WASM bundle size. Loopback only; every load is bounded in time.
#   ./scripts/bench.sh            # needs a release build (./scripts/run.sh or cargo leptos build --release)
#   CHORUS=/path/to/other/chorus ./scripts/bench.sh   # the same loads on another build
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

apt_install wrk nginx-light brotli
cd "$ROOT"
CHORUS=${CHORUS:-target/release/chorus}
[ -x "$CHORUS" ] || build_site

DURATION=${DURATION:-10s}
PORT=3310
NGINX_PORT=3311
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null; nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null; rm -rf "$WORK"' EXIT

step "Starting chorus on :$PORT with the demo catalog"
# Auth rate limits off (very high): the sign-up storm comes from one IP.
"$CHORUS" serve --addr 127.0.0.1:$PORT --data-dir "$WORK/data" \
  --auth-per-ip-per-minute 100000000 2>"$WORK/server.log" &
SERVER=$!
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do
  kill -0 $SERVER 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 0.5
done

ALBUM=$(curl -sf "http://127.0.0.1:$PORT/api/albums?limit=1" | sed -E 's/.*"items":\[\{"id":([0-9]+).*/\1/')
STREAM=$(curl -sf "http://127.0.0.1:$PORT/api/tracks?limit=1" | sed -E 's/.*"stream_url":"([^"]+)".*/\1/')

step "nginx serving the same audio file and the rendered album page as static files"
mkdir -p "$WORK/www/media"
curl -sf "http://127.0.0.1:$PORT$STREAM" -o "$WORK/www$STREAM"
curl -sf "http://127.0.0.1:$PORT/albums/$ALBUM" -o "$WORK/www/album.html"
curl -sf "http://127.0.0.1:$PORT/api/tracks" -o "$WORK/www/tracks.json"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  types { audio/ogg ogg; text/html html; application/json json; }
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; }
}
CONF
chmod -R a+rX "$WORK"   # nginx workers run unprivileged
nginx -c "$WORK/nginx.conf"
for path in "$STREAM" /album.html /tracks.json; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NGINX_PORT$path")
  [ "$code" = 200 ] || { echo "nginx answers $code for $path"; exit 1; }
done

run() { # name url connections [header]
  local name=$1 url=$2 conns=$3; shift 3
  echo "--- $name: wrk -t2 -c$conns -d$DURATION --latency $* $url"
  wrk -t2 -c"$conns" -d"$DURATION" --latency "$@" "$url" | grep -E 'Requests/sec|Transfer/sec|99%|50%|sign-ups|reports'
}

step "Album page (SSR), 64 connections"
run "chorus /albums/$ALBUM" "http://127.0.0.1:$PORT/albums/$ALBUM" 64
run "nginx static album.html" "http://127.0.0.1:$NGINX_PORT/album.html" 64
step "/api/tracks, 64 connections"
run "chorus /api/tracks" "http://127.0.0.1:$PORT/api/tracks" 64
run "nginx static tracks.json" "http://127.0.0.1:$NGINX_PORT/tracks.json" 64
step "Audio, 200 concurrent ranged downloads (Range: bytes=0-)"
run "chorus $STREAM" "http://127.0.0.1:$PORT$STREAM" 200 -H "Range: bytes=0-"
run "nginx $STREAM" "http://127.0.0.1:$NGINX_PORT$STREAM" 200 -H "Range: bytes=0-"

step "Sign-ups (argon2id hashing + insert + session), 16 connections"
cat > "$WORK/signup.lua" <<'LUA'
-- Every request signs up a new, unique user; counts answers other than 201.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
function init(args)
  counter, failures = 0, 0
  prefix = string.format("t%d_%d", tid, os.time())
end
function request()
  counter = counter + 1
  local body = string.format('{"username":"%s_%d","display_name":"Bench","password":"benchmark password"}', prefix, counter)
  return wrk.format("POST", "/api/auth/signup", {["Content-Type"] = "application/json"}, body)
end
function response(status)
  if status ~= 201 then failures = failures + 1 end
end
function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + t:get("failures") end
  io.write(string.format("sign-ups: %d requests, %d not 201\n", summary.requests, failed))
end
LUA
run "chorus POST /api/auth/signup" "http://127.0.0.1:$PORT/api/auth/signup" 16 -s "$WORK/signup.lua"

step "Now-playing reports (play/pause, each records an event), 16 connections"
# Two listeners, one per wrk thread, each alternating play and pause of one
# track: every report runs the whole write (lock, state, event, commit,
# announcement). The session cookie and Origin pass the CSRF check.
TRACK=$(curl -sf "http://127.0.0.1:$PORT/api/tracks?limit=1" | sed -E 's/.*"items":\[\{"id":([0-9]+).*/\1/')
for n in 1 2; do
  curl -sf -c "$WORK/jar$n" -H 'Content-Type: application/json' -H "Origin: http://127.0.0.1:$PORT" \
    -d "{\"username\":\"reporter$n\",\"display_name\":\"Reporter\",\"password\":\"benchmark password\"}" \
    "http://127.0.0.1:$PORT/api/auth/signup" >/dev/null
  export "COOKIE$n=chorus_session=$(awk '$6 == "chorus_session" {print $7}' "$WORK/jar$n")"
done
export TRACK ORIGIN="http://127.0.0.1:$PORT"
cat > "$WORK/report.lua" <<'LUA'
-- Each thread reports as its own listener; counts answers other than 204.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("cookie", os.getenv("COOKIE" .. #threads))
end
function init(args)
  paused, failures = false, 0
  track, origin = os.getenv("TRACK"), os.getenv("ORIGIN")
end
function request()
  paused = not paused
  local body = string.format('{"track_id":%s,"position_ms":1000,"paused":%s}', track, tostring(paused))
  return wrk.format("POST", "/api/now-playing",
    {["Content-Type"] = "application/json", ["Cookie"] = cookie, ["Origin"] = origin}, body)
end
function response(status)
  if status ~= 204 then failures = failures + 1 end
end
function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + t:get("failures") end
  io.write(string.format("reports: %d requests, %d not 204\n", summary.requests, failed))
end
LUA
run "chorus POST /api/now-playing" "http://127.0.0.1:$PORT/api/now-playing" 16 -s "$WORK/report.lua"

step "WASM bundle"
# Release bundles carry a content hash in their names (hash-files).
WASM=$(ls target/site/pkg/chorus*.wasm | head -1)
JS=$(ls target/site/pkg/chorus*.js | head -1)
echo "raw:    $(stat -c %s $WASM) bytes"
echo "gzip:   $(gzip -9 -c $WASM | wc -c) bytes"
echo "brotli: $(brotli -q 11 -c $WASM | wc -c) bytes"
echo "js:     $(stat -c %s "$JS") bytes, brotli $(brotli -q 11 -c "$JS" | wc -c)"
