#!/usr/bin/env bash
# Fuzzes the HTTP API against its own OpenAPI document with schemathesis:
# starts a real `chorus serve` (the release build, or the binary given as
# $1) on a fresh data folder with a few imported tracks and two befriended
# listeners, then lets schemathesis send every documented operation
# generated requests, valid and invalid, signed in. It fails on any 5xx
# and on any response that breaks the document's schema. Bounded: at most
# FUZZ_MAX_EXAMPLES cases per operation (default 200), FUZZ_TIMEOUT seconds
# in all (default 270). Ends with the line `schemathesis: N passed, N failed`
# (junit test cases: one per operation, schemathesis skipping the document's
# own URL, and one for its stateful phase). The server is stopped however
# this ends.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BIN=${1:-$ROOT/target/release/chorus}
MAX_EXAMPLES=${FUZZ_MAX_EXAMPLES:-200}
TIMEOUT=${FUZZ_TIMEOUT:-270}
# No 5xx, and every response as documented: status, content type, headers
# and body schema.
CHECKS=${FUZZ_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance}
[ -x "$BIN" ] || { echo "error: no chorus binary at $BIN" >&2; exit 1; }
need_schemathesis

scratch

step "API fuzzing: a few tracks (WAV with RIFF INFO tags, written by Python)"
python3 - "$WORK/music" <<'PY'
import math, os, struct, sys, wave

def info_chunk(tags):
    body = b"INFO"
    for key, value in tags.items():
        data = value.encode() + b"\0"
        if len(data) % 2:
            data += b"\0"
        body += key.encode() + struct.pack("<I", len(data)) + data
    return b"LIST" + struct.pack("<I", len(body)) + body

root = sys.argv[1]
albums = [("Fuzz Tones", "Ada Sine", 220), ("Square Roots", "Bo Square", 330)]
for album, artist, base in albums:
    folder = os.path.join(root, artist, album)
    os.makedirs(folder)
    for number in (1, 2):
        path = os.path.join(folder, f"{number:02}.wav")
        rate, seconds, freq = 8000, 31, base * number
        frames = bytes(int(128 + 60 * math.sin(2 * math.pi * freq * i / rate)) for i in range(rate * seconds))
        with wave.open(path, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(1)
            w.setframerate(rate)
            w.writeframes(frames)
        tags = {"INAM": f"{album} {number}", "IART": artist, "IPRD": album, "ITRK": str(number)}
        chunk = info_chunk(tags)
        with open(path, "r+b") as f:
            data = f.read() + chunk
            f.seek(0)
            f.write(data[:4] + struct.pack("<I", len(data) - 8) + data[8:])
PY
"$BIN" import --data-dir "$WORK/data" "$WORK/music"

# Rate limits out of the way: 429 is documented, but a run of 429s would
# test nothing else.
start_server --data-dir "$WORK/data" --no-demo \
  --auth-per-ip-per-minute 1000000 --login-per-username-per-minute 1000000
step "API fuzzing: chorus serve on $URL"

# Two listeners, friends, one of whom liked and played a track: the signed-in
# fuzzer's feed, friends and discovery answers then carry real items.
api() { # JAR METHOD PATH [BODY]
  curl -fsS -b "$WORK/$1" -c "$WORK/$1" -X "$2" -H "Origin: $URL" \
    -H 'content-type: application/json' ${4:+--data "$4"} "$URL$3" >/dev/null
}
api fuzzer.jar POST /api/auth/signup '{"username":"fuzzer","display_name":"Fuzzer","password":"fuzzing all day"}'
api friend.jar POST /api/auth/signup '{"username":"friend","display_name":"Friend","password":"fuzzing all day"}'
api fuzzer.jar POST /api/friends/friend
api friend.jar POST /api/friends/fuzzer
TRACK=$(curl -fsS "$URL/api/tracks?limit=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
api friend.jar PUT "/api/tracks/$TRACK/like"
api fuzzer.jar PUT "/api/tracks/$TRACK/like"
api friend.jar POST /api/now-playing "{\"track_id\":$TRACK,\"position_ms\":0,\"paused\":false}"
# Some of the generated values are real ones (schemathesis dictionaries),
# so that besides 404s the fuzzer reaches listeners and files that exist.
python3 - "$URL" >"$WORK/schemathesis.toml" <<'PY'
import json, sys, urllib.request
tracks = json.load(urllib.request.urlopen(sys.argv[1] + "/api/tracks"))["items"]
files = [t["stream_url"].rsplit("/", 1)[1] for t in tracks]
print(f"""[dictionaries.listeners]
values = ["fuzzer", "friend"]

[dictionaries.media]
values = {json.dumps(files)}

[dictionaries.tracks]
values = {json.dumps([t["id"] for t in tracks])}

[parameters]
"path.username" = {{ dictionary = "listeners", probability = 0.5 }}
"path.file" = {{ dictionary = "media", probability = 0.7 }}
"body.track_id" = {{ dictionary = "tracks", probability = 0.5 }}

# oEmbed answers 501 for a format it does not serve, as its spec says: not
# a server error there (any other 5xx still is).
[[operations]]
include-operation-id = "oembed"
checks.not_a_server_error.expected-statuses = ["2xx", "3xx", "4xx", "501"]""")
PY
session() { awk '$6 == "chorus_session" { print $7 }' "$WORK/$1"; }
api fuzzer2.jar POST /api/auth/login '{"username":"fuzzer","password":"fuzzing all day"}'
COOKIE=$(session fuzzer.jar)
COOKIE2=$(session fuzzer2.jar)
[ -n "$COOKIE" ] && [ -n "$COOKIE2" ] || { echo "error: no session cookie" >&2; exit 1; }

step "API fuzzing: schemathesis $SCHEMATHESIS_VERSION, at most $MAX_EXAMPLES cases per operation, ${TIMEOUT}s"
fuzz() { # SESSION REPORT FILTER...
  local cookie=$1 report=$2
  shift 2
  "$SCHEMATHESIS" --config-file "$WORK/schemathesis.toml" run "$URL/api/openapi.json" --url "$URL" \
    --checks "$CHECKS" \
    --max-examples "$MAX_EXAMPLES" --seed 1 --no-color \
    --header "Origin: $URL" --header "Cookie: chorus_session=$cookie" \
    --report junit --report-junit-path "$WORK/$report" "$@"
}
cd "$WORK" # schemathesis keeps a cache folder in the working directory
started=$SECONDS
status=0
# Log-out ends the session every other operation uses: it runs apart, last,
# signed in with a session of its own.
export -f fuzz
export SCHEMATHESIS URL MAX_EXAMPLES WORK CHECKS
timeout "$TIMEOUT" bash -c 'fuzz "$0" all.xml --exclude-operation-id logout &&
  fuzz "$1" logout.xml --include-operation-id logout' "$COOKIE" "$COOKIE2" \
  2>&1 | tee "$WORK/schemathesis.log" || status=$?
echo "schemathesis took $((SECONDS - started)) s"

read -r passed failed < <(python3 - "$WORK"/all.xml "$WORK"/logout.xml <<'PY' || echo "0 1"
import os, sys, xml.etree.ElementTree as ET
passed = failed = 0
for report in sys.argv[1:]:
    if not os.path.exists(report):
        continue
    try:
        cases = list(ET.parse(report).getroot().iter("testcase"))
    except ET.ParseError:  # cut short while writing
        failed += 1
        continue
    for case in cases:
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is None:
            passed += 1
print(passed, failed)
PY
)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # timed out, or could not run: counted as a failure
fi
echo "schemathesis: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
