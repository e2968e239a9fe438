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
need_playwright

scratch
step "Starting $BIN with the demo catalog (written first)"
cd "$ROOT"
start_server --data-dir "$WORK/data"
phone_pages
step "Long tasks, $RUNS run(s) a page, 4x CPU throttle"
node "$ROOT/end2end/tools/long-tasks.mjs" "$RUNS" "${PAGES[@]/#/$URL}"
