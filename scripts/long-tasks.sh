#!/usr/bin/env bash
# The long tasks of the app's start on `/`, an album, an artist and a
# profile page, under a 4x CPU throttle (end2end/tools/long-tasks.mjs): a
# chorus binary serves the demo catalog from a fresh data folder.
#   ./scripts/long-tasks.sh                  # target/release/chorus, 3 runs a page
#   LONG_TASK_RUNS=5 ./scripts/long-tasks.sh
# Needs the built site (./scripts/run.sh or the test command build it).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS=${LONG_TASK_RUNS:-3}

need_playwright
serve_demo
phone_pages
step "Long tasks, $RUNS run(s) a page, 4x CPU throttle"
node "$ROOT/end2end/tools/long-tasks.mjs" "$RUNS" "${PAGES[@]/#/$URL}"
