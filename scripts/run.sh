#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, and serve Chorus at
# http://127.0.0.1:3000 on an embedded SQLite database in ./data, with the
# demo catalog written on first start. Extra arguments go to `chorus serve`
# (e.g. --addr 0.0.0.0:8080).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

apt_install pkg-config build-essential brotli
need_node
install_rust_tools
build_site
step "Starting Chorus (Ctrl+C to stop)"
cd "$ROOT"
exec target/release/chorus serve "$@"
