#!/usr/bin/env bash
# Sync drain benchmark (issue 4, BENCHMARKS.md): the time a kiosk takes to
# drain N queued dossiers, each with a scan of ATTACHMENT_BYTES, through a slow
# link that cuts, against the floor = bytes that must cross / link rate.
#
#   tests/bench/sync_drain.sh BUILD_DIR [SEED]
#
# A fresh sms-gateway; a kiosk data directory enrolled with the real
# `kiosk --enroll` through the link proxy's address (as tests/sync/fault_loop.sh
# --proxy does); kiosk_sync_soak --count N queues N birth registrations with a
# scan each while the proxy is down (nothing can drain); then dvc-link-proxy
# starts on that address with the link below and `kiosk_sync_soak --drain` is
# timed until an exchange succeeded leaving nothing queued or pending upload.
#
# Environment (defaults: the issue's figure): N (50), ATTACHMENT_BYTES
# (150000), RATE_KBIT (384), DELAY_MS (150, one way: 300 ms round trip),
# CUT_MEAN_BYTES (2000000), CHUNK_KIB (unset: the kiosk's default [sync]
# chunk_kib), BATCH_SIZE (unset: the kiosk's default [sync] batch_size).
# SEED (default 1) seeds the proxy's cut points.
#
# Floor: (sealed attachment bytes + each dossier's JSON in the push body, once)
# / (RATE_KBIT * 125 B/s). HTTP headers, signatures, the changes pull and bytes
# lost to cuts are overhead the ratio shows. Work files stay in
# BUILD_DIR/sync_drain.data (kiosk/chunks.log has every push, HEAD and chunk
# with time stamps; proxy.log every connection). Exit 0 when the drain
# finished and every dossier and attachment is complete at the gateway (a
# benchmark measures: the 1.3x goal is printed, not enforced); 1 otherwise.
set -uo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 BUILD_DIR [SEED]" >&2
  exit 2
fi
BUILD=$(cd "$1" && pwd) || exit 2
SEED=${2:-1}
N=${N:-50}
ATTACHMENT_BYTES=${ATTACHMENT_BYTES:-150000}
RATE_KBIT=${RATE_KBIT:-384}
DELAY_MS=${DELAY_MS:-150}
CUT_MEAN_BYTES=${CUT_MEAN_BYTES:-2000000}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
GATEWAY=$BUILD/sms-gateway/sms-gateway
KIOSK=$BUILD/kiosk/kiosk
SOAK=$BUILD/tests/sync/kiosk_sync_soak
LINK_PROXY=$BUILD/tests/tools/dvc-link-proxy
WORK=$BUILD/sync_drain.data
for program in "$GATEWAY" "$KIOSK" "$SOAK" "$LINK_PROXY"; do
  [ -x "$program" ] || { echo "sync_drain: $program is not built" >&2; exit 2; }
done
. "$REPO/deploy/gateway_lib.sh"

PROXY_PID=""
stop_proxy() {
  [ -z "$PROXY_PID" ] || { kill -TERM "$PROXY_PID" 2>/dev/null; wait "$PROXY_PID" 2>/dev/null; }
  PROXY_PID=""
}
trap 'stop_proxy; gateway_stop' EXIT
# start_proxy RATE_KBIT DELAY_MS CUT_MEAN_BYTES: the link, on PROXY_PORT.
start_proxy() {
  rm -f "$WORK/proxy.port"
  "$LINK_PROXY" --listen "127.0.0.1:$PROXY_PORT" --upstream "127.0.0.1:$GATEWAY_PORT" \
    --rate-kbit "$1" --delay-ms "$2" --cut-mean-bytes "$3" --seed "$SEED" \
    --port-file "$WORK/proxy.port" --log "$WORK/proxy.log" >/dev/null 2>>"$WORK/proxy.err" &
  PROXY_PID=$!
  for _ in $(seq 100); do [ -s "$WORK/proxy.port" ] && return 0; sleep 0.05; done
  echo "sync_drain: the link proxy did not start" >&2
  exit 2
}

rm -rf "$WORK"
mkdir -p "$WORK/kiosk/data" "$WORK/kiosk/scans"
GATEWAY_PORT=$(free_port)
gateway_config "$WORK/gw" "$GATEWAY_PORT"
gateway_start "$WORK/gw" || { echo "sync_drain: the gateway did not start" >&2; exit 2; }
CODE=$(gateway_enrolment_code "$WORK/gw" 12430 "Kiosk drain") || exit 2
PROXY_PORT=$(free_port)
{
  printf 'data_dir = "%s"\nscan_folders = ["%s"]\nusb_roots = []\n\n[sync]\n' \
    "$WORK/kiosk/data" "$WORK/kiosk/scans"
  [ -z "${CHUNK_KIB:-}" ] || echo "chunk_kib = $CHUNK_KIB"
  [ -z "${BATCH_SIZE:-}" ] || echo "batch_size = $BATCH_SIZE"
} >"$WORK/kiosk.toml"
# Enrolment through the proxy's address, on a fast link without cuts.
start_proxy 0 2 0
"$KIOSK" --enroll "$CODE" --gateway "http://127.0.0.1:$PROXY_PORT" --config "$WORK/kiosk.toml" \
  >"$WORK/kiosk-enroll.out" 2>&1 ||
  { cat "$WORK/kiosk-enroll.out" >&2; echo "sync_drain: kiosk enrolment failed" >&2; exit 2; }
stop_proxy
mv "$WORK/proxy.log" "$WORK/proxy-enrol.log"

# The queue, with the link down.
SOAK_ARGS=(--config "$WORK/kiosk.toml" --data-dir "$WORK/kiosk/data" --dir "$WORK/kiosk")
"$SOAK" "${SOAK_ARGS[@]}" --submit-every-ms 1 --attachment-bytes "$ATTACHMENT_BYTES" \
  --attachment-every 1 --count "$N" >"$WORK/kiosk/submit.log" 2>&1 ||
  { cat "$WORK/kiosk/submit.log" >&2; echo "sync_drain: queueing failed" >&2; exit 2; }

# The drain, timed.
start_proxy "$RATE_KBIT" "$DELAY_MS" "$CUT_MEAN_BYTES"
START=$(date +%s.%N)
"$SOAK" "${SOAK_ARGS[@]}" --drain --timeout-s 1800 >"$WORK/kiosk/drain.log" 2>&1
DRAIN_STATUS=$?
END=$(date +%s.%N)
stop_proxy
gateway_stop

python3 - "$WORK" "$N" "$RATE_KBIT" "$START" "$END" "$DRAIN_STATUS" <<'PY'
import json, re, sqlite3, sys

work, n, rate_kbit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
start, end, drain_status = float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
rate = rate_kbit * 125  # bytes per second
gw = sqlite3.connect(f"file:{work}/gw/data/gateway.db?mode=ro", uri=True)
stored = gw.execute("SELECT count(*) FROM dossiers").fetchone()[0]
atts = gw.execute("SELECT count(*), coalesce(sum(size), 0), coalesce(sum(complete), 0) "
                  "FROM attachments").fetchone()
referenced = sum(len(json.loads(a)) for (a,) in gw.execute("SELECT attachments_json FROM dossiers"))

# Each dossier's JSON as pushed, once (a re-sent push is overhead, not floor).
bodies = {}
events = []  # (ms, kind)
for line in open(f"{work}/kiosk/chunks.log"):
    f = line.split()
    if len(f) < 2:
        continue
    events.append((int(f[0]), f[1], f))
    if f[1] == "body":
        for item in f[3:]:
            code, _, size = item.partition(":")
            bodies.setdefault(code, int(size))
totals = {}
for line in open(f"{work}/proxy.log"):
    if line.startswith("totals "):
        totals = dict(kv.split("=", 1) for kv in line.split()[1:])
up, down = int(totals.get("up_bytes", 0)), int(totals.get("down_bytes", 0))

must = atts[1] + sum(bodies.values())
floor = must / rate
took = end - start
# Where the time went, from the kiosk's time-stamped log: each chunk's PATCH
# (send -> answer, against its bytes / rate) and the gap from one chunk's
# answer to the next chunk's send (a HEAD round trip, or a back-off after a
# failed exchange).
kinds, patch, between, last = {}, [], [], None
for ms, k, f in events:
    kinds[k] = kinds.get(k, 0) + 1
    if k == "send" and last is not None:
        between.append(ms - last)
    if k == "send":
        sent = (ms, int(f[4]))
    elif k in ("ok", "fail"):
        patch.append((ms - sent[0], sent[1]))
        last = ms
def median(values):
    values = sorted(values)
    return values[len(values) // 2] / 1000 if values else 0.0
print(f"sync_drain: {n} dossiers, {atts[0]} attachments ({atts[1]:,} sealed bytes), "
      f"dossier JSON {sum(bodies.values()):,} bytes; link {rate_kbit} kbit/s")
print(f"  proxy: connections={totals.get('connections')} cuts={totals.get('cuts')} "
      f"up_bytes={up:,} down_bytes={down:,} (up / must-cross = {up / must:.3f})")
print(f"  kiosk: {kinds}; PATCH send -> answer {sum(t for t, _ in patch) / 1000:.1f} s in all "
      f"(median {median([t for t, _ in patch]):.2f} s) for {sum(b for _, b in patch) / rate:.1f} s "
      f"of chunk bytes; answer -> next chunk {sum(between) / 1000:.1f} s in all "
      f"(median {median(between):.2f} s)")
print(f"  drain {took:.1f} s; floor {floor:.1f} s ({must:,} B / {rate:,} B/s); "
      f"ratio {took / floor:.2f} (goal <= 1.3: {'met' if took / floor <= 1.3 else 'missed'}); "
      f"up bytes / rate = {up / rate:.1f} s")
problems = []
if drain_status != 0:
    problems.append(f"kiosk_sync_soak --drain exited {drain_status} (kiosk/drain.log)")
if stored != n:
    problems.append(f"{stored} dossiers stored for {n} queued")
if atts[2] != n or referenced != n:
    problems.append(f"{atts[2]} attachments complete, {referenced} referenced, for {n}")
for p in problems:
    print(f"sync_drain: FAILED: {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
