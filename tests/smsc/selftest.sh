#!/usr/bin/env bash
# Self test of the SMSC simulator, driven by the npm package's own SMPP client
# (selftest_client.js). Asserts the client's answers and the out-file lines.
# Usage: tests/smsc/selftest.sh [WORKDIR]   (exit 0 = pass, 77 = node/curl/npm package missing)
set -u
here=$(cd "$(dirname "$0")" && pwd)
SMSC_DIR=$here
. "$here/smsc_lib.sh"
work=${1:-$(mktemp -d)}
mkdir -p "$work"
failures=0
client_pid=

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
cleanup() {
  [ -n "$client_pid" ] && kill "$client_pid" 2>/dev/null
  smsc_stop >/dev/null
}
trap cleanup EXIT

# has PATTERN [COUNT]: the out file has at least COUNT (1) lines matching grep -E PATTERN.
has() {
  local n
  n=$(grep -c -E -- "$1" "$SMSC_OUT")
  [ "$n" -ge "${2:-1}" ] || fail "$SMSC_OUT: $n lines match '$1', want ${2:-1}"
}
client() { node "$here/selftest_client.js" "$1" "$SMSC_PORT" || fail "client scenario $1"; }

# 77 = skipped (CTest SKIP_RETURN_CODE) when the test peer is not installed.
for tool in node curl; do
  command -v "$tool" >/dev/null || { echo "selftest: $tool missing: run deploy/install-deps.sh" >&2; exit 77; }
done
[ -d "$here/node_modules/smpp" ] || { echo "selftest: tests/smsc/node_modules missing: run deploy/install-deps.sh" >&2; exit 77; }

echo "== binds, encodings, concatenation, limits, receipts, MO, USSD"
smsc_start "$work/main.jsonl" --dlr-ms 20 --enquire-link-ms 100 || exit 1
client bind-bad
has '"kind":"bind".*"status":14'
has '"kind":"bind".*"status":13'
node "$here/selftest_client.js" main "$SMSC_PORT" >"$work/main.client" 2>&1 &
client_pid=$!
for _ in $(seq 200); do grep -q READY "$work/main.client" && break; sleep 0.05; done
grep -q READY "$work/main.client" || fail "main client never got READY: $(cat "$work/main.client")"
answer=$(smsc_mo 84901234567 1022 'HS 123 [a] €')
echo "$answer" | grep -q '"command_status":0' || fail "MO gsm7 answer: $answer"
answer=$(smsc_mo 84901234567 1022 'Tra cứu hồ sơ' ucs2)
echo "$answer" | grep -q '"command_status":0' || fail "MO ucs2 answer: $answer"
answer=$(smsc_ussd '{"from":"84901234567","to":"*123#","text":"*123#","ussd_service_op":1,"its_session_info":"0700"}')
echo "$answer" | grep -q '"command_status":0' || fail "USSD answer: $answer"
answer=$(smsc_mo 84901234567 1022 'Tiếng Việt')
echo "$answer" | grep -q 'outside the GSM 03.38 alphabet' || fail "MO gsm7 with Vietnamese letters should be refused: $answer"
wait "$client_pid" || fail "main client: $(cat "$work/main.client")"
client_pid=
smsc_wait_lines '"kind":"unbind"' 1 5 || fail "no unbind line"
has '"kind":"submit".*"data_coding":0,"esm_class":0,"text":"Phi 50€ \[ma\] ~ok \{x\}"'
has '"kind":"submit".*"data_coding":8,"esm_class":0,"text":"Hồ sơ đã tiếp nhận"'
has '"kind":"submit".*"esm_class":64,"text":"Phần hai. ".*"udh":"0500032a0302"'
has '"kind":"assembled","to":"84907654321".*"text":"Phần một. Phần hai. Phần ba.","parts":3'
has '"kind":"assembled","to":"84907654321".*"text":"first second","parts":2'
has '"kind":"submit".*"tlvs":\{"ussd_service_op":17,"its_session_info":"0701"\}'
has '"kind":"error".*one SMS holds 160'
has '"kind":"error".*one SMS holds 140'
has '"kind":"error".*sm_length 255, at most 254'
has '"kind":"error".*octet 0x80 at 1 is not a GSM 7-bit septet'
has '"kind":"error".*not in the extension table'
has '"kind":"error".*odd length'
has '"kind":"dlr".*"message_id":"00000001".*"command_status":0'
has '"kind":"mo".*"text":"Tra cứu hồ sơ","command_status":0'
has '"kind":"ussd".*"ussd_service_op":1'
stats=$(smsc_stats)
echo "$stats" | grep -q '"submits":9,' || fail "stats: $stats"
echo "$stats" | grep -q '"mo":3,' || fail "stats: $stats"
echo "$stats" | grep -q '"bind_failures":2,' || fail "stats: $stats"
echo "$stats" | grep -q '"enquire_links_sent":0,' && fail "no enquire_link sent: $stats"
smsc_stop >"$work/main.stop"
grep -q '^STATS {"binds":1,.*"enquire_links_unanswered":0}' "$work/main.stop" || fail "STATS line on SIGTERM: $(cat "$work/main.stop")"
has '"kind":"incomplete","key":"gateway\|\|84907654321\|8\|119\|2","missing":\[2\]'
has '"kind":"error".*154 septets, one SMS holds 153 after a 6-octet UDH' 

echo "== unreadable PDUs"
smsc_start "$work/garbage.jsonl" || exit 1
client garbage
has '"kind":"error".*"reason":"PDU truncated","command":"submit_sm","status":2'
has '"kind":"error".*command_length 8 is below the 16-octet header'
has '"kind":"submit".*"text":"still alive"'
smsc_stop >/dev/null

echo "== --drop-every 3"
smsc_start "$work/drop.jsonl" --drop-every 3 || exit 1
client drop
has '"kind":"drop".*"command":"submit_sm"'
smsc_stats | grep -q '"drops":1,' || fail "drops not counted"
smsc_stop >/dev/null

echo "== --throttle-every 3 --throttle-for-ms 300"
smsc_start "$work/throttle.jsonl" --throttle-every 3 --throttle-for-ms 300 --resp-delay-ms 5 || exit 1
client throttle
has '"kind":"throttled"' 2
has '"kind":"submit"' 4
smsc_stop >/dev/null

if [ "$failures" -ne 0 ]; then
  echo "selftest: $failures failures (files in $work)" >&2
  exit 1
fi
echo "selftest: all passed"
