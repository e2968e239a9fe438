#!/usr/bin/env bash
# The long tasks of the app's start on `/`, an album, an artist and a
# profile page, under a 4x CPU throttle (end2end/tools/long-tasks.mjs): a
# chorus binary serves the demo catalog from a fresh data folder.
#   ./scripts/long-tasks.sh                  # target/release/chorus, 3 runs a page
#   LONG_TASK_RUNS=5 ./scripts/long-tasks.sh
# Needs the built site (./scripts/run.sh or the test command build it).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BIN=${CHORUS:-$ROOT/target/release/chorus}
RUNS=${LONG_TASK_RUNS:-3}

[ -x "$BIN" ] || { echo "error: no chorus binary at $BIN (build the site first)" >&2; exit 1; }
apt_install chromium
need_node
if [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ]; then
  step "Installing the browser test dependencies (npm ci, end2end)"
  (cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-fund --no-audit)
fi

scratch
step "Starting $BIN with the demo catalog (written first)"
cd "$ROOT"
start_server --data-dir "$WORK/data"
curl -fsS -o /dev/null -H "Origin: $URL" -H 'Content-Type: application/json' \
  -d '{"username":"pocket","display_name":"Pocket Listener","password":"long-tasks-pass"}' \
  "$URL/api/auth/signup"
album=$(curl -fsS "$URL/api/albums" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
artist=$(curl -fsS "$URL/api/artists" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
step "Long tasks, $RUNS run(s) a page, 4x CPU throttle"
node "$ROOT/end2end/tools/long-tasks.mjs" "$RUNS" "$URL/" "$URL/albums/$album" "$URL/artists/$artist" "$URL/users/pocket"
