#!/usr/bin/env bash
# The fault loop of issue 4: a real sms-gateway and the kiosk's real outbox
# and sync worker (kiosk_sync_soak) submitting a dossier every ~50 ms, and in
# each round, after a random 0.2-2 s, kill -9 of the kiosk, the gateway or
# both, restarted at once. With --proxy the kiosk talks to the gateway through
# dvc-link-proxy, which cuts connections at random mid-request. Then
# everything is restarted, the kiosk drains its queue, the gateway is stopped
# and the stores are checked (see check_results below and README.md):
# every receipt's dossier is stored exactly once, with its attachments
# complete and verified, and no acknowledged attachment chunk was sent again.
#
#   tests/sync/fault_loop.sh [--proxy] BUILD_DIR ROUNDS [SEED]
#
# SEED (default: from the clock) seeds $RANDOM (round lengths and victims) and
# the proxy's cuts. The environment may change SUBMIT_EVERY_MS (50),
# ATTACHMENT_BYTES (40000, every 4th dossier has a scan), CUT_MEAN_BYTES
# (150000, with --proxy) and DRAIN_TIMEOUT_S (150). Work files stay in
# BUILD_DIR/tests/sync/fault_loop[-proxy].data for a post-mortem.
#
# Exit status 0 when every check passed; 1 (with the seed to replay) when one
# failed; 2 for bad arguments or an environment that could not start.
set -uo pipefail

PROXY=0
if [ "${1:-}" = "--proxy" ]; then
  PROXY=1
  shift
fi
if [ $# -lt 2 ]; then
  echo "usage: $0 [--proxy] BUILD_DIR ROUNDS [SEED]" >&2
  exit 2
fi
BUILD=$(cd "$1" && pwd) || exit 2
ROUNDS=$2
SEED=${3:-$(( $(date +%s) % 32768 ))}
RANDOM=$SEED
REPO=$(cd "$(dirname "$0")/../.." && pwd)
GATEWAY=$BUILD/sms-gateway/sms-gateway
KIOSK=$BUILD/kiosk/kiosk
SOAK=$BUILD/tests/sync/kiosk_sync_soak
LINK_PROXY=$BUILD/tests/tools/dvc-link-proxy
SUBMIT_EVERY_MS=${SUBMIT_EVERY_MS:-50}
ATTACHMENT_BYTES=${ATTACHMENT_BYTES:-40000}  # a small scan: 3 chunks of 16 KiB
CHUNK_KIB=16
# --proxy: a cut every ~150 kB on average (README.md, "Back-off through a
# cutting link").
CUT_MEAN_BYTES=${CUT_MEAN_BYTES:-150000}
DRAIN_TIMEOUT_S=${DRAIN_TIMEOUT_S:-150}
NAME=fault_loop$([ $PROXY = 1 ] && echo -proxy)
WORK=$BUILD/tests/sync/$NAME.data
REPLAY="SUBMIT_EVERY_MS=$SUBMIT_EVERY_MS ATTACHMENT_BYTES=$ATTACHMENT_BYTES CUT_MEAN_BYTES=$CUT_MEAN_BYTES"
REPLAY="$REPLAY tests/sync/fault_loop.sh $([ $PROXY = 1 ] && echo '--proxy ')$BUILD $ROUNDS $SEED"

for program in "$GATEWAY" "$KIOSK" "$SOAK"; do
  [ -x "$program" ] || { echo "$NAME: $program is not built" >&2; exit 2; }
done
[ $PROXY = 0 ] || [ -x "$LINK_PROXY" ] || { echo "$NAME: $LINK_PROXY is not built" >&2; exit 2; }
command -v sqlite3 >/dev/null && command -v python3 >/dev/null && command -v curl >/dev/null ||
  { echo "$NAME: needs sqlite3, python3 and curl" >&2; exit 2; }

. "$REPO/deploy/gateway_lib.sh"

fail() {
  echo "$NAME: FAILED: $*" >&2
  echo "$NAME: replay with: $REPLAY   (work files: $WORK)" >&2
  exit 1
}

DRIVER_PID="" PROXY_PID=""
cleanup() {
  [ -z "$DRIVER_PID" ] || { kill -9 "$DRIVER_PID" 2>/dev/null; wait "$DRIVER_PID" 2>/dev/null; }
  [ -z "$PROXY_PID" ] || { kill -TERM "$PROXY_PID" 2>/dev/null; wait "$PROXY_PID" 2>/dev/null; }
  gateway_stop
}
trap cleanup EXIT

# --- set-up: gateway, enrolment code, (proxy), enrolled kiosk data dir -------
rm -rf "$WORK"
mkdir -p "$WORK/kiosk/data" "$WORK/kiosk/scans"
GATEWAY_PORT=$(free_port)
gateway_config "$WORK/gw" "$GATEWAY_PORT"
gateway_start "$WORK/gw" || { echo "$NAME: the gateway did not start" >&2; exit 2; }
DIRECT_URL=$GATEWAY_URL
ENROL_CODE=$(gateway_enrolment_code "$WORK/gw" 12430 "Kiosk soak") || exit 2

# start_proxy CUT_MEAN_BYTES: the link, on the fixed port PROXY_PORT.
start_proxy() {
  "$LINK_PROXY" --listen "127.0.0.1:$PROXY_PORT" --upstream "127.0.0.1:$GATEWAY_PORT" \
    --rate-kbit 0 --delay-ms 2 --cut-mean-bytes "$1" --seed "$SEED" \
    --port-file "$WORK/proxy.port" --log "$WORK/proxy.log" >/dev/null 2>>"$WORK/proxy.err" &
  PROXY_PID=$!
  for _ in $(seq 100); do [ -s "$WORK/proxy.port" ] && return 0; sleep 0.05; done
  echo "$NAME: the link proxy did not start" >&2
  exit 2
}
KIOSK_URL=$DIRECT_URL
if [ $PROXY = 1 ]; then
  PROXY_PORT=$(free_port)
  KIOSK_URL=http://127.0.0.1:$PROXY_PORT
  # Enrolment goes through the proxy without cuts (a cut enrolment spends the
  # code and is another test's matter); then the same port gets the cuts.
  start_proxy 0
fi

cat >"$WORK/kiosk.toml" <<TOML
data_dir = "$WORK/kiosk/data"
scan_folders = ["$WORK/kiosk/scans"]
usb_roots = []

[sync]
interval_s = 5
batch_size = 20
chunk_kib = $CHUNK_KIB
TOML
"$KIOSK" --enroll "$ENROL_CODE" --gateway "$KIOSK_URL" --config "$WORK/kiosk.toml" \
  --data-dir "$WORK/kiosk/data" >"$WORK/kiosk-enroll.out" 2>&1 ||
  { cat "$WORK/kiosk-enroll.out" >&2; echo "$NAME: kiosk enrolment failed" >&2; exit 2; }
if [ $PROXY = 1 ]; then
  kill -TERM "$PROXY_PID"; wait "$PROXY_PID"
  rm -f "$WORK/proxy.port"
  start_proxy "$CUT_MEAN_BYTES"
fi

start_driver() {
  "$SOAK" --config "$WORK/kiosk.toml" --data-dir "$WORK/kiosk/data" --dir "$WORK/kiosk" \
    --submit-every-ms "$SUBMIT_EVERY_MS" --attachment-bytes "$ATTACHMENT_BYTES" \
    --attachment-every 4 >>"$WORK/kiosk/driver.log" 2>&1 &
  DRIVER_PID=$!
}
kill_driver() {
  kill -9 "$DRIVER_PID" 2>/dev/null
  wait "$DRIVER_PID" 2>/dev/null
  DRIVER_PID=""
}
kill_gateway() {
  kill -9 "$GATEWAY_PID" 2>/dev/null
  wait "$GATEWAY_PID" 2>/dev/null
  GATEWAY_PID=""
}
restart_gateway() {
  gateway_start "$WORK/gw" || fail "the gateway did not come back after a kill -9 (gw/gateway.log)"
}

# --- the rounds ---------------------------------------------------------------
START=$(date +%s.%N)
KILLS_DRIVER=0 KILLS_GATEWAY=0 KILLS_BOTH=0
start_driver
for round in $(seq "$ROUNDS"); do
  ms=$((200 + RANDOM % 1801))
  sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
  case $((RANDOM % 3)) in
    0) kill_driver; KILLS_DRIVER=$((KILLS_DRIVER + 1)); start_driver
       echo "round $round: +${ms} ms kill -9 kiosk" >>"$WORK/rounds.log" ;;
    1) kill_gateway; KILLS_GATEWAY=$((KILLS_GATEWAY + 1)); restart_gateway
       echo "round $round: +${ms} ms kill -9 gateway" >>"$WORK/rounds.log" ;;
    2) kill_driver; kill_gateway; KILLS_BOTH=$((KILLS_BOTH + 1)); restart_gateway; start_driver
       echo "round $round: +${ms} ms kill -9 both" >>"$WORK/rounds.log" ;;
  esac
done
# The submitting kiosk is stopped the hard way too: the last receipt may be
# the one whose dossier was never pushed.
kill_driver
LOOP_END=$(date +%s.%N)

# --- drain: a fresh kiosk process until nothing is left to send ---------------
if ! "$SOAK" --config "$WORK/kiosk.toml" --data-dir "$WORK/kiosk/data" --dir "$WORK/kiosk" \
  --drain --timeout-s "$DRAIN_TIMEOUT_S" >>"$WORK/kiosk/drain.log" 2>&1; then
  tail -n 5 "$WORK/kiosk/drain.log" >&2
  fail "the kiosk did not drain its queue within ${DRAIN_TIMEOUT_S}s"
fi
DRAIN_END=$(date +%s.%N)
# The operator's view, while the daemon runs (at most 1,000 dossiers).
"$GATEWAY" dossier list --json --limit 1000 --config "$WORK/gw/gateway.toml" \
  >"$WORK/dossier-list.json" 2>"$WORK/dossier-list.err" ||
  fail "sms-gateway dossier list --json: $(cat "$WORK/dossier-list.err")"
gateway_stop
if [ $PROXY = 1 ]; then kill -TERM "$PROXY_PID"; wait "$PROXY_PID"; PROXY_PID=""; fi

# --- checks -------------------------------------------------------------------
python3 - "$WORK" "$CHUNK_KIB" <<'PY'
import collections, hashlib, json, os, re, sqlite3, sys

work, chunk = sys.argv[1], int(sys.argv[2]) * 1024
problems = []
def problem(text):
    problems.append(text)
    if len(problems) <= 20:
        print("  " + text, file=sys.stderr)

# Receipts: what residents were shown.
lines = open(f"{work}/kiosk/receipts.log", encoding="utf-8").read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
receipts = []
for i, line in enumerate(lines, 1):
    if not re.fullmatch(r"[0-9A-Z]{14}", line):
        problem(f"receipts.log line {i} is not a dossier code: {line!r}")
    receipts.append(line)
for code, n in collections.Counter(receipts).items():
    if n > 1:
        problem(f"the kiosk printed {n} receipts with the code {code}")

kiosk = sqlite3.connect(f"file:{work}/kiosk/data/kiosk.db?mode=ro", uri=True)
kiosk_ids = dict(kiosk.execute("SELECT code, id FROM dossiers"))
kiosk_states = collections.Counter(s for (s,) in kiosk.execute("SELECT state FROM dossier_sync"))
gw = sqlite3.connect(f"file:{work}/gw/data/gateway.db?mode=ro", uri=True)
rows = gw.execute("SELECT id, code, attachments_json FROM dossiers").fetchall()
by_code = collections.defaultdict(list)
by_id = collections.defaultdict(list)
for id_, code, _ in rows:
    by_code[code].append(id_)
    by_id[id_].append(code)
for code, ids in by_code.items():
    if len(ids) > 1:
        problem(f"the gateway stores the code {code} {len(ids)} times")
for id_, codes in by_id.items():
    if len(codes) > 1:
        problem(f"the gateway stores the id {id_} {len(codes)} times")

# Every receipt: exactly one stored dossier, with the kiosk's id for the code.
for code in set(receipts):
    if code not in kiosk_ids:
        problem(f"receipt {code} is not in the kiosk's outbox")
    stored = by_code.get(code, [])
    if len(stored) != 1:
        problem(f"receipt {code} is stored {len(stored)} times at the gateway")
    elif code in kiosk_ids and stored[0] != kiosk_ids[code]:
        problem(f"receipt {code}: the gateway's id {stored[0]} is not the kiosk's {kiosk_ids[code]}")
    elif len(by_id.get(kiosk_ids.get(code), [])) != 1:
        problem(f"receipt {code}: its id is stored {len(by_id.get(kiosk_ids.get(code), []))} times")
# Dossiers committed without a receipt (killed between commit and receipt) go too.
for code, id_ in kiosk_ids.items():
    if by_code.get(code) != [id_]:
        problem(f"the kiosk's dossier {code} ({id_}) is not stored once at the gateway")
if len(rows) < len(set(receipts)):
    problem(f"{len(rows)} dossiers stored for {len(set(receipts))} receipts")
if set(kiosk_states) - {"acked"}:
    problem(f"kiosk sync states after the drain: {dict(kiosk_states)}")

# The operator API agrees with the database.
listed = json.load(open(f"{work}/dossier-list.json", encoding="utf-8"))
listed = listed["dossiers"] if isinstance(listed, dict) else listed
listed_codes = [d["code"] for d in listed]
if len(listed_codes) != min(len(rows), 1000) or len(set(listed_codes)) != len(listed_codes):
    problem(f"dossier list --json shows {len(listed_codes)} dossiers "
            f"({len(set(listed_codes))} codes) for {len(rows)} stored")
if not set(listed_codes) <= set(by_code):
    problem("dossier list --json shows codes the database does not hold")

# Attachments: every one a stored dossier references is complete, verified
# and its file hashes to its name.
att = {sha: (size, off, complete) for sha, size, off, complete in
       gw.execute("SELECT sha256, size, upload_offset, complete FROM attachments")}
referenced = {}
for _, code, aj in rows:
    for a in json.loads(aj):
        referenced[a["sha256"]] = (code, a["size"])
for sha, (code, size) in referenced.items():
    if sha not in att:
        problem(f"{code}: attachment {sha[:12]} unknown to the gateway")
        continue
    asize, off, complete = att[sha]
    path = f"{work}/gw/data/attachments/{sha}"
    if not complete or off != size or asize != size:
        problem(f"{code}: attachment {sha[:12]} not complete ({off}/{size}, complete={complete})")
    elif not os.path.exists(path) or hashlib.sha256(open(path, "rb").read()).hexdigest() != sha:
        problem(f"{code}: attachment file {sha[:12]} missing or not matching its hash")
kiosk_att = {sha for (sha,) in kiosk.execute("SELECT sha256 FROM dossier_attachments")}
if kiosk_att != set(referenced):
    problem(f"the kiosk's dossiers reference {len(kiosk_att)} attachments, the gateway's {len(referenced)}")
left = [n for n in os.listdir(f"{work}/gw/data/attachments") if n.endswith(".part")]
if left:
    problem(f"{len(left)} partial uploads left at the gateway")

# The kiosk's log of chunks and pushes (kiosk_sync_soak's ChunkLoggingGateway):
# a chunk the gateway acknowledged is never sent again; a dossier is never
# answered "stored" twice (that would mean an acknowledged commit was lost);
# "duplicate" answers show the re-sent pushes were recognised.
acked, sends, resends = set(), 0, 0
push_fails, push_results, stored_answers = 0, collections.Counter(), set()
fails = collections.Counter()
chunk_log = f"{work}/kiosk/chunks.log"
for line in open(chunk_log) if os.path.exists(chunk_log) else []:
    f = line.split()[1:]  # after the time stamp
    if len(f) < 3:
        continue  # a line cut by kill -9
    if f[0] == "send":
        sends += 1
        if (f[1], f[2]) in acked:
            resends += 1
            problem(f"chunk {f[1][:12]}@{f[2]} sent again after the gateway acknowledged it")
    elif f[0] == "ok":
        acked.add((f[1], f[2]))
    elif f[0] == "fail" and len(f) >= 6:
        fails[f[5]] += 1
    elif f[0] == "push" and len(f) >= 3:
        if f[2] == "fail":
            push_fails += 1
            continue
        for item in f[2:]:
            result, _, code = item.partition(":")
            push_results[result] += 1
            if result == "stored":
                if code in stored_answers:
                    problem(f"the gateway answered 'stored' twice for {code}: "
                            "its first commit was lost")
                stored_answers.add(code)
# The gateway's side: its request log has one line per answered request; a
# PATCH answered 2xx more often than the file has chunks means a chunk was
# accepted twice. (The log has no Upload-Offset, so this bounds, per file.)
# A 409 (offset_mismatch) means a chunk went out from an offset the gateway
# did not hold: bytes it had acknowledged were sent again (the kiosk must ask
# HEAD after any failure instead).
accepted = collections.Counter()
for line in open(f"{work}/gw/gateway.log", errors="replace"):
    m = re.match(r"PATCH /v1/attachments/([0-9a-f]{64}) (\d\d\d) ", line)
    if m and m.group(2).startswith("2"):
        accepted[m.group(1)] += 1
    elif m and m.group(2) == "409":
        problem(f"the gateway answered 409 to a chunk of {m.group(1)[:12]}: sent from a stale offset")
over = 0
for sha, n in accepted.items():
    size = referenced.get(sha, (None, 0))[1]
    if n > -(-size // chunk):
        over += 1
        problem(f"the gateway accepted {n} PATCHes for {sha[:12]} of {size} bytes "
                f"({-(-size // chunk)} chunks)")

print(f"receipts={len(receipts)} stored={len(rows)} kiosk_outbox={len(kiosk_ids)} "
      f"attachments={len(referenced)} chunk_sends={sends} chunks_acked={len(acked)} "
      f"chunk_failures={dict(fails)} resent_acked_chunks={resends} "
      f"gateway_patch_2xx={sum(accepted.values())} files_over_chunk_count={over} "
      f"push_answers={dict(push_results)} pushes_without_answer={push_fails}")
if problems:
    print(f"{len(problems)} problems", file=sys.stderr)
    sys.exit(1)
PY
CHECK_STATUS=$?
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
SUBMIT_FAILURES=$(grep -c "submit failed" "$WORK/kiosk/driver.log")
CUTS=""
[ $PROXY = 0 ] || CUTS=" link cuts=$(grep -c 'end=cut' "$WORK/proxy.log")"
printf '%s: seed=%s rounds=%s kills: kiosk=%s gateway=%s both=%s; submit failures=%s%s; loop %s s, drain %s s, total %s s\n' \
  "$NAME" "$SEED" "$ROUNDS" "$KILLS_DRIVER" "$KILLS_GATEWAY" "$KILLS_BOTH" "$SUBMIT_FAILURES" "$CUTS" \
  "$(seconds "$START" "$LOOP_END")" "$(seconds "$LOOP_END" "$DRAIN_END")" \
  "$(seconds "$START" "$(date +%s.%N)")"
[ "$CHECK_STATUS" = 0 ] || fail "the checks above"

echo "$NAME: passed"
