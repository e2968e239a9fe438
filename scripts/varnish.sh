#!/usr/bin/env bash
# Runs Debian's Varnish (with varnish-modules' xkey) on deploy/varnish/chorus.vcl
# in front of a Chorus origin, in the foreground (Ctrl+C to stop).
#   ./scripts/varnish.sh                      # :8080 in front of 127.0.0.1:3000
#   LISTEN=0.0.0.0:80 ORIGIN_PORT=3001 ./scripts/varnish.sh
# Start Chorus with CHORUS_CDN=varnish://127.0.0.1:8080 so it purges this
# Varnish when pages change (see README, "Behind Varnish").
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LISTEN=${LISTEN:-127.0.0.1:8080}
ORIGIN_PORT=${ORIGIN_PORT:-3000}

apt_install varnish varnish-modules
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
sed "s/\.port = \"3000\";/.port = \"$ORIGIN_PORT\";/" "$ROOT/deploy/varnish/chorus.vcl" >"$WORK/chorus.vcl"
step "Varnish at http://$LISTEN in front of 127.0.0.1:$ORIGIN_PORT (Ctrl+C to stop)"
# -j none: no privilege separation (runs as the invoking user, root or not).
# backend_idle_timeout below Chorus's --header-read-timeout (15 s), which also
# closes idle kept-alive connections: Varnish then never reuses one Chorus closed.
varnishd -F -j none -T none -p backend_idle_timeout=10 -a "$LISTEN" -f "$WORK/chorus.vcl" -n "$WORK/varnish" -s malloc,256m
