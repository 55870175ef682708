#!/bin/bash
# The gateway's SMS channel against the SMSC simulator (tests/smsc/smsc_sim.js,
# built on the third-party npm package `smpp`): the real sms-gateway daemon
# with [sms] transport = "smpp", two SMSC connections (one with a wrong
# password, so every message fails over to the other), and:
#   1. a counter dossier's receipt SMS reaches the SMSC as the resident's
#      phone would show it, and its delivery receipt marks it delivered;
#   2. a resident texts "tt <code>" and gets the status reply;
#   3. a long status SMS goes as a concatenated message the SMSC reassembles;
#   4. with the SMSC dropping the connection every 10 PDUs and throttling,
#      30 more receipts all arrive (duplicates only for messages in flight).
# Usage: gateway_smpp_e2e.sh BUILD_DIR   (exit 77: node or the npm package missing)
set -u
BUILD=$(cd "$1" && pwd)
REPO=$(cd "$(dirname "$0")/../.." && pwd)
GATEWAY=$BUILD/sms-gateway/sms-gateway
SMSC_DIR=$REPO/tests/smsc
command -v node >/dev/null && [ -d "$SMSC_DIR/node_modules/smpp" ] || {
  echo "SKIP: node or tests/smsc/node_modules missing (deploy/install-deps.sh)"
  exit 77
}
# shellcheck source=deploy/gateway_lib.sh
. "$REPO/deploy/gateway_lib.sh"
# shellcheck source=tests/smsc/smsc_lib.sh
. "$SMSC_DIR/smsc_lib.sh"

WORK=$(mktemp -d)
SMSC_PID=
cleanup() {
  gateway_stop
  smsc_stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  echo "--- gateway log" >&2
  tail -40 "$WORK/gw/gateway.log" >&2
  echo "--- simulator (last lines)" >&2
  tail -15 "$WORK/smsc.jsonl" >&2
  exit 1
}
db() { sqlite3 "$WORK/gw/data/gateway.db" "$1"; }

smsc_start "$WORK/smsc.jsonl" --system-id dvc --password s3cret --dlr-ms 50 ||
  fail "simulator did not start"
PORT=$(free_port)
gateway_config "$WORK/gw" "$PORT"
mkdir -p "$WORK/smsc.d"
# "a-wrong": the home network of 0912... numbers, refused at bind.
cat >"$WORK/smsc.d/a-wrong.toml" <<TOML
host = "127.0.0.1"
port = $SMSC_PORT
system_id = "dvc"
password = "wrong"
prefixes = ["8491"]
TOML
cat >"$WORK/smsc.d/b-sim.toml" <<TOML
host = "127.0.0.1"
port = $SMSC_PORT
system_id = "dvc"
password = "s3cret"
window = 10
enquire_link_s = 5
reconnect_min_s = 1
reconnect_max_s = 2
throttle_pause_ms = 200
TOML
cat >>"$WORK/gw/gateway.toml" <<TOML
transport = "smpp"
smsc_dir = "$WORK/smsc.d"
TOML
# A directory without any connection file is refused at start, by name.
mkdir -p "$WORK/empty.d"
sed "s|^smsc_dir = .*|smsc_dir = \"$WORK/empty.d\"|" "$WORK/gw/gateway.toml" >"$WORK/bad.toml"
"$GATEWAY" keys init --config "$WORK/gw/gateway.toml" >/dev/null 2>&1 || fail "keys init"
if timeout 10 "$GATEWAY" serve --config "$WORK/bad.toml" >"$WORK/bad.out" 2>&1; then
  fail "serve started without any SMSC connection file"
fi
grep -q "no SMSC connection file" "$WORK/bad.out" || fail "unclear refusal: $(cat "$WORK/bad.out")"
echo "ok: an empty smsc_dir is refused: $(grep -o 'no SMSC connection file[^;]*' "$WORK/bad.out")"
gateway_start "$WORK/gw" || fail "gateway did not start"
CONFIG=(--config "$WORK/gw/gateway.toml")

# 1. The receipt SMS, failed over from the refused connection.
"$GATEWAY" dossier add --service chung-thuc-ban-sao --phone 0912345678 --commune 12430 \
  --applicant "Nguyễn Văn An" "${CONFIG[@]}" >"$WORK/add.out" || fail "dossier add"
CODE=$(sed -n 's/^Dossier code: *\([0-9A-Z-]*\).*/\1/p' "$WORK/add.out" | head -1)
[ -n "$CODE" ] || fail "no code in: $(cat "$WORK/add.out")"
smsc_wait_lines '"kind":"submit".*"to":"84912345678".*Tinh da nhan ho so' 1 20 ||
  fail "the receipt SMS did not reach the SMSC"
grep -q "Tinh da nhan ho so $CODE" "$SMSC_OUT" || fail "the receipt SMS does not show $CODE"
grep -q 'a-wrong: not bound' "$WORK/gw/gateway.log" ||
  fail "the refused bind is not in the daemon's log"
for _ in $(seq 100); do
  [ "$(db "SELECT state FROM sms_outbox WHERE event = 'received'")" = delivered ] && break
  sleep 0.1
done
[ "$(db "SELECT state || ' ' || route FROM sms_outbox WHERE event = 'received'")" = "delivered b-sim" ] ||
  fail "the receipt is not delivered through b-sim: $(db 'SELECT * FROM sms_outbox')"
echo "ok: receipt SMS sent through b-sim and delivered"

# 2. A resident's look-up, typed sloppily, from the registered phone.
smsc_mo 84912345678 8079 "tt  $(echo "$CODE" | tr 'A-Z' 'a-z')" >"$WORK/mo.out" || fail "MO"
grep -q '"command_status":0' "$WORK/mo.out" || fail "MO not acknowledged: $(cat "$WORK/mo.out")"
smsc_wait_lines '"kind":"submit".*"to":"84912345678"' 2 20 || fail "no reply to the look-up"
REPLY=$(grep '"kind":"submit".*"to":"84912345678"' "$SMSC_OUT" | sed -n 2p)
echo "$REPLY" | grep -q "$CODE" || fail "the reply does not name the code: $REPLY"
echo "ok: MO look-up answered"

# 3. A long status SMS: concatenated, reassembled by the SMSC.
NOTE="Thiếu bản sao giấy khai sinh có chứng thực và giấy xác nhận cư trú; xin mang bản chính để đối chiếu khi nộp bổ sung tại bộ phận một cửa."
"$GATEWAY" dossier set-status "$CODE" accepted "${CONFIG[@]}" >"$WORK/status.out" 2>&1 ||
  fail "set-status accepted: $(cat "$WORK/status.out")"
"$GATEWAY" dossier set-status "$CODE" needs_supplement --note "$NOTE" "${CONFIG[@]}" \
  >"$WORK/status.out" 2>&1 || fail "set-status: $(cat "$WORK/status.out")"
smsc_wait_lines '"kind":"assembled".*"to":"84912345678".*can bo sung' 1 20 ||
  fail "the long SMS was not reassembled"
echo "ok: concatenated SMS reassembled"

# 4. Faults: restart the SMSC dropping every 10th PDU and throttling.
T0=$(date +%s)
smsc_stop >/dev/null
smsc_start "$WORK/smsc2.jsonl" --port "$SMSC_PORT" --system-id dvc --password s3cret \
  --dlr-ms -1 --drop-every 10 --throttle-every 5 --throttle-for-ms 300 ||
  fail "simulator did not restart"
for i in $(seq 10 39); do
  "$GATEWAY" dossier add --service chung-thuc-ban-sao --phone "09123450$i" --commune 12430 \
    --applicant "Người $i" "${CONFIG[@]}" >/dev/null || fail "dossier add $i"
done
smsc_wait_lines '"kind":"submit".*Tinh da nhan ho so' 30 120 || true
got=$(grep '"kind":"submit".*Tinh da nhan ho so' "$SMSC_OUT" | sed -n 's/.*"to":"\(849123450[0-9]*\)".*/\1/p' | sort -u | wc -l)
[ "$got" -eq 30 ] || fail "only $got of 30 receipts arrived through the faults"
total=$(grep -c '"kind":"submit".*Tinh da nhan ho so' "$SMSC_OUT")
drops=$(grep -c '"kind":"drop"' "$SMSC_OUT")
throttled=$(grep -c '"kind":"throttled"' "$SMSC_OUT")
[ "$drops" -gt 0 ] && [ "$throttled" -gt 0 ] || fail "no faults were injected ($drops drops, $throttled throttled)"
# Duplicates: at most the window (10) per dropped connection.
[ $((total - 30)) -le $((drops * 10)) ] || fail "$((total - 30)) duplicates for $drops drops"
for _ in $(seq 100); do
  lost=$(db "SELECT COUNT(*) FROM sms_outbox WHERE state NOT IN ('sent', 'delivered', 'skipped')")
  [ "$lost" -eq 0 ] && break
  sleep 0.1
done
[ "$lost" -eq 0 ] || fail "$lost messages not recorded as sent: $(db "SELECT id, state, reason FROM sms_outbox WHERE state NOT IN ('sent', 'delivered', 'skipped')")"
echo "ok: 30 receipts through $drops drops and $throttled throttled answers in $(($(date +%s) - T0)) s, $((total - 30)) duplicates"
echo "PASS"
