#!/usr/bin/env bash
# Time to first audio (the Pocket issue's "a click on Play reaches audio
# `playing` in under 200 ms"): a chorus binary serves the demo catalog from
# a fresh data folder, and end2end/tools/time-to-play.mjs clicks Play on the
# hydrated home page: a first visit on the plain network and on a phone's,
# and a returning listener's (the service worker active).
#   ./scripts/time-to-play.sh                  # target/release/chorus, 7 runs each
#   TIME_TO_PLAY_RUNS=15 ./scripts/time-to-play.sh
# Needs the built site (./scripts/run.sh or the test command build it).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS=${TIME_TO_PLAY_RUNS:-7}
need_playwright
serve_demo
step "Click on Play → playing, $RUNS run(s) a case"
node "$ROOT/end2end/tools/time-to-play.mjs" "$RUNS" "$URL/"
