# Shared by the scripts: pinned tool versions and idempotent installers.
# Each installer checks what is there first and prints what it does, so a
# second run costs seconds. Sourced, not executed.

set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.10
# Must equal the wasm-bindgen crate version in Cargo.lock.
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132.0.0
# The API fuzzer (PyPI), in a virtual environment of its own.
SCHEMATHESIS_VERSION=4.32.5
SCHEMATHESIS_VENV=${SCHEMATHESIS_VENV:-$HOME/.local/share/chorus/schemathesis-$SCHEMATHESIS_VERSION}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    step "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -q
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "${missing[@]}"
  fi
}

# Node.js and npm may come from elsewhere than Debian (e.g. NodeSource):
# install Debian's only when the commands are missing.
need_node() {
  command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
}

install_rust_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "Adding the wasm32-unknown-unknown Rust target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! rustup component list --installed | grep -q '^rust-src'; then
    step "Adding the rust-src component (the browser build compiles the standard library)"
    rustup component add rust-src
  fi
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    step "Installing cargo-leptos $CARGO_LEPTOS_VERSION (compiles from source: ~17-20 minutes on 2 cores, once)"
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install --locked cargo-leptos --version "$CARGO_LEPTOS_VERSION" --features no_downloads
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    step "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (~4 minutes, once)"
    # Not --locked: its lockfile names a crate version the registry lacks.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
  if ! command -v wasm-opt >/dev/null || ! npm ls -g binaryen 2>/dev/null | grep -q "binaryen@$BINARYEN_VERSION"; then
    step "Installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
    npm install -g --no-fund --no-audit "binaryen@$BINARYEN_VERSION"
  fi
}

# Debian's Chromium and Playwright (end2end/node_modules), for the scripts
# that measure pages in a browser.
need_playwright() {
  apt_install chromium
  need_node
  if [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ]; then
    step "Installing the browser test dependencies (npm ci, end2end)"
    (cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-fund --no-audit)
  fi
}

# The scale-out tests need PostgreSQL on 127.0.0.1:5432 with trust auth (a
# fresh database per test) and the `nats-server` binary (each bus test runs
# its own, so it can stop it). The dev and CI machines run PostgreSQL
# already; where it is installed but stopped, start it.
PG_TEST_URL=${CHORUS_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
need_services() {
  apt_install postgresql-client nats-server
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    step "Starting PostgreSQL"
    as_root service postgresql start || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  if ! psql "$PG_TEST_URL" -qAtc 'SELECT 1' >/dev/null; then
    echo "error: PostgreSQL at $PG_TEST_URL does not answer; the scale-out tests need it" \
      "(set CHORUS_TEST_PG_URL to an admin URL that may CREATE DATABASE)" >&2
    exit 1
  fi
  command -v nats-server >/dev/null || export PATH="$PATH:/usr/sbin"
  # The replica test streams a standby of this server (pg_basebackup):
  # replication from loopback must be allowed.
  if ! psql "$PG_TEST_URL" -qAtc "SELECT 1 FROM pg_hba_file_rules WHERE 'replication' = ANY(database) AND (address IS NULL OR address = '127.0.0.1')" | grep -q 1; then
    local hba
    hba=$(psql "$PG_TEST_URL" -qAtc 'SHOW hba_file')
    step "Allowing replication connections from 127.0.0.1 in $hba (the replica test)"
    echo "host replication all 127.0.0.1/32 trust" | as_root tee -a "$hba" >/dev/null
    psql "$PG_TEST_URL" -qAtc 'SELECT pg_reload_conf()' >/dev/null
  fi
}

# schemathesis from PyPI at the pinned version, in its own virtual
# environment (Debian's Python refuses system-wide pip installs); sets
# SCHEMATHESIS to its command.
need_schemathesis() {
  SCHEMATHESIS="$SCHEMATHESIS_VENV/bin/schemathesis"
  if "$SCHEMATHESIS" --version 2>/dev/null | grep -q "version $SCHEMATHESIS_VERSION\$"; then
    return
  fi
  command -v python3 >/dev/null || apt_install python3
  python3 -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv
  step "Installing schemathesis $SCHEMATHESIS_VERSION (PyPI, into $SCHEMATHESIS_VENV)"
  rm -rf "$SCHEMATHESIS_VENV"
  python3 -m venv "$SCHEMATHESIS_VENV"
  "$SCHEMATHESIS_VENV/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
}

# `--split`: the code of the lazy routes (`Lazy<…>` in app/src/shell.rs)
# goes into WASM chunks of their own, loaded when a route first shows,
# beside the main module in target/site/pkg (`split_*.wasm`, `chunk_*.wasm`,
# the `__wasm_split.*.js` loader and `__wasm_split_manifest.*.json`).
# The browser's build comes first, with the size options of
# `with_front_size_options`, then the server's, which does not get them.
build_site() {
  step "Building the site (cargo leptos build --release --split; ~10-14 minutes the first time)"
  (cd "$ROOT" && with_front_size_options cargo leptos build --release --split --frontend-only)
  (cd "$ROOT" && cargo leptos build --release --server-only)
  precompress_site
}

# Runs a command (the browser's release build) with the options that make
# the WASM smaller (issue 14's weight budget; figures in docs/benchmarks.md,
# "The standard library built for the browser"):
# - the standard library is compiled with the app, at the WASM profile's
#   opt-level "z" (cargo's build-std, from the rust-src component), instead
#   of the prebuilt one;
# - a panic aborts at once without formatting a message
#   (panic=immediate-abort): no panic message or source file name is in the
#   WASM, and a panic in the browser shows as "unreachable" in the console;
# - no caller location is kept (location-detail=none).
# They are unstable options of the stable toolchain, allowed for this build
# only by RUSTC_BOOTSTRAP=1: the server's build and the tests never get
# them. A plain `cargo leptos build --release --split` still builds a
# working site, about 7 % larger.
with_front_size_options() {
  RUSTC_BOOTSTRAP=1 \
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" \
    "$@"
}

# Writes each file of the built bundle (target/site/pkg, the split chunks
# included, and any subfolder) compressed beside it, `.br` (brotli at its
# best, 11) and `.gz` (gzip -9), which the server sends to browsers that
# accept them instead of compressing on the fly. Old ones go first, so none
# can outlive the file it was made from.
precompress_site() {
  command -v brotli >/dev/null || apt_install brotli
  local pkg="$ROOT/target/site/pkg"
  find "$pkg" -type f \( -name '*.br' -o -name '*.gz' \) -delete
  local file
  while IFS= read -r -d '' file; do
    brotli -q 11 -f -k -o "$file.br" "$file"
    gzip -9 -n -k -f "$file"
  done < <(find "$pkg" -type f -print0)
}

# A scratch folder ($WORK), removed at exit with the server `start_server`
# started in it. Call once, before `start_server`.
scratch() {
  WORK=$(mktemp -d)
  SERVER_PID=
  trap stop_scratch EXIT
}
stop_scratch() {
  if [ -n "${SERVER_PID:-}" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "${WORK:-}"
}

# The phone budgets' pages on the server `start_server` started: `/`, an
# album, an artist and the public profile of a listener it signs up
# ("pocket"); sets PAGES (paths).
phone_pages() {
  curl -fsS -o /dev/null -H "Origin: $URL" -H 'Content-Type: application/json' \
    -d '{"username":"pocket","display_name":"Pocket Listener","password":"pocket-pass"}' \
    "$URL/api/auth/signup"
  local album artist
  album=$(curl -fsS "$URL/api/albums" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  artist=$(curl -fsS "$URL/api/artists" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  PAGES=("/" "/albums/$album" "/artists/$artist" "/users/pocket")
}

# Runs `$BIN serve ARGS...` in the background on a free port of 127.0.0.1
# (its log in $WORK/server.log) and returns once /readyz answers (a first
# start writes the demo catalog: up to two minutes); sets URL.
start_server() {
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  URL="http://127.0.0.1:$port"
  "$BIN" serve --addr "127.0.0.1:$port" "$@" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 480); do
    curl -fsS "$URL/readyz" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.25
  done
  echo "error: chorus did not get ready at $URL" >&2
  cat "$WORK/server.log" >&2
  exit 1
}

# The measuring scripts' server: the release binary ($CHORUS, or
# target/release/chorus) started in a scratch folder with the demo
# catalog, written on this first start; sets BIN, WORK and URL.
serve_demo() {
  BIN=${CHORUS:-$ROOT/target/release/chorus}
  [ -x "$BIN" ] || { echo "error: no chorus binary at $BIN (build the site first)" >&2; exit 1; }
  scratch
  step "Starting $BIN with the demo catalog (written first)"
  cd "$ROOT"
  start_server --data-dir "$WORK/data"
}
