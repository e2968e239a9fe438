#!/usr/bin/env bash
# Quick start, command 2: install what is missing, then run every test:
# formatting and lints, unit and integration tests (real server on port 0,
# fresh SQLite databases; the storage conformance suite and the scale-out
# tests on real PostgreSQL and NATS), schemathesis against the release
# server's own OpenAPI document, and the Playwright suite in Debian's
# Chromium against the release build. Ends with one line `N passed, N failed`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

apt_install pkg-config build-essential chromium varnish varnish-modules ffmpeg brotli libxml2-utils
need_node
install_rust_tools
need_services
cd "$ROOT"

step "cargo fmt --check"
cargo fmt --all --check

# The browser entry (`frontend`) turns on the app's `hydrate` feature; built
# together with the server, cargo would unify it into the server's `app`.
# So the native builds exclude it, and the browser build is checked apart.
step "cargo clippy (server and browser builds, warnings are errors)"
cargo clippy --workspace --exclude frontend --all-targets -- -D warnings
cargo clippy -p app -p frontend --features app/hydrate --target wasm32-unknown-unknown -- -D warnings

step "cargo test (unit and integration tests)"
# Every test binary runs even after one fails, so a red run names every
# failing test, not only those of the first binary.
cargo test --workspace --exclude frontend --no-fail-fast 2>&1 | tee target/cargo-test.log

build_site

step "Bundle size (the WASM a page loads, brotli)"
"$ROOT/scripts/check-bundle.sh"

# The API against its OpenAPI document: no 5xx, no response that breaks it.
fuzz_status=0
"$ROOT/scripts/fuzz-api.sh" "$ROOT/target/release/chorus" 2>&1 | tee "$ROOT/target/fuzz-api.log" || fuzz_status=$?

step "Browser tests (Playwright + Debian Chromium)"
cd "$ROOT/end2end"
if [ ! -d node_modules/@playwright/test ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-fund --no-audit
fi
e2e_status=0
npx playwright test 2>&1 | tee "$ROOT/target/e2e.log" || e2e_status=$?

# Lighthouse on the phone (scripts/lighthouse.sh): the budgets the pages
# meet are enforced, each page × budget one check; the others (Performance,
# TBT) are reported against the Pocket issue's targets.
step "Lighthouse (mobile emulation, simulated throttling)"
lighthouse_status=0
LIGHTHOUSE_ENFORCE="accessibility best-practices seo cls lcp-ms" "$ROOT/scripts/lighthouse.sh" 2>&1 |
  tee "$ROOT/target/lighthouse.log" || lighthouse_status=$?

# One summary line over everything that ran (cargo's and Playwright's).
read -r cargo_passed cargo_failed < <(awk '/^test result:/ {
    for (i = 1; i < NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i }
  } END { print p + 0, f + 0 }' "$ROOT/target/cargo-test.log")
read -r e2e_passed e2e_failed < <(grep -E '^[0-9]+ passed, [0-9]+ failed' "$ROOT/target/e2e.log" | tail -n1 |
  sed -E 's/^([0-9]+) passed, ([0-9]+) failed.*/\1 \2/' || echo "0 1")
read -r fuzz_passed fuzz_failed < <(grep -E '^schemathesis: [0-9]+ passed, [0-9]+ failed' "$ROOT/target/fuzz-api.log" | tail -n1 |
  sed -E 's/^schemathesis: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/' || echo "0 1")
read -r lh_passed lh_failed < <(grep -E '^lighthouse: [0-9]+ passed, [0-9]+ failed' "$ROOT/target/lighthouse.log" | tail -n1 |
  sed -E 's/^lighthouse: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/' || echo "0 1")
echo
echo "cargo: $cargo_passed passed, $cargo_failed failed; schemathesis: $fuzz_passed passed, $fuzz_failed failed;" \
  "browser: $e2e_passed passed, $e2e_failed failed; lighthouse budgets: $lh_passed passed, $lh_failed failed"
echo "$((cargo_passed + fuzz_passed + e2e_passed + lh_passed)) passed," \
  "$((cargo_failed + fuzz_failed + e2e_failed + lh_failed)) failed"
[ "$fuzz_status" -eq 0 ] || exit "$fuzz_status"
[ "$lighthouse_status" -eq 0 ] || exit "$lighthouse_status"
exit "$e2e_status"
