#!/usr/bin/env bash
# The bytes of covers album pages load on a phone (390 px wide, device
# scale 3 by default): a chorus binary serves the demo catalog from a fresh
# data folder, Debian's Chromium (Playwright, end2end/node_modules) opens
# each album's page (empty cache) and sums the bodies of the /media images
# it loads without scrolling.
#   ./scripts/cover-bytes.sh                       # target/release/chorus
#   CHORUS=target/debug/chorus ./scripts/cover-bytes.sh
#   COVER_WIDTH=390 COVER_SCALE=2 ./scripts/cover-bytes.sh
# The page's HTML does not need the built site (/pkg): SSR alone decides
# which covers load.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WIDTH=${COVER_WIDTH:-390}
SCALE=${COVER_SCALE:-3}

need_playwright
serve_demo
albums=$(curl -fsS "$URL/api/albums?limit=100" | python3 -c 'import json, sys; print(" ".join(str(a["id"]) for a in json.load(sys.stdin)["items"]))')
step "Covers loaded by each album page at $WIDTH px, device scale $SCALE"
pages=()
for id in $albums; do pages+=("$URL/albums/$id"); done
node "$ROOT/end2end/tools/cover-bytes.mjs" "$WIDTH" "$SCALE" "${pages[@]}"
