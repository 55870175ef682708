#!/bin/sh
# The real sms-gateway program end to end: keys init, serve on a free port,
# then the operator commands against the running daemon (docs/gateway.md).
# Usage: cli_e2e_test.sh <path of sms-gateway>
set -eu
gateway=$1
work=$(mktemp -d)
daemon=
cleanup() {
  if [ -n "$daemon" ]; then kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
fail() { echo "FAIL: $*" >&2; [ -f "$work/serve.log" ] && cat "$work/serve.log" >&2; exit 1; }

# A free port: bind port 0 and read what the kernel gave.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
config=$work/gateway.toml
cat > "$config" <<TOML
data_dir = "$work/data"
[http]
port = $port
threads = 2
[sms]
send_hours = "00:00-23:59:59"
TOML

"$gateway" keys init --config "$config" > "$work/keys.out" || fail "keys init"
grep -q "Created the province keys" "$work/keys.out" || fail "keys init output"
[ "$(stat -c %a "$work/data/operator.token")" = 600 ] || fail "operator token is not 0600"
# A second init refuses (exit 1) and changes nothing.
before=$(cat "$work/data/operator.token")
set +e; "$gateway" keys init --config "$config" > /dev/null 2>&1; rc=$?; set -e
[ "$rc" = 1 ] || fail "second keys init exit $rc, expected 1"
[ "$(cat "$work/data/operator.token")" = "$before" ] || fail "token replaced"

# No daemon yet: a clear message and exit 1.
set +e; "$gateway" kiosk list --config "$config" > /dev/null 2> "$work/err"; rc=$?; set -e
[ "$rc" = 1 ] || fail "kiosk list without daemon exit $rc"
grep -q "is \`sms-gateway serve\` running" "$work/err" || fail "no hint about the daemon: $(cat "$work/err")"

"$gateway" serve --config "$config" 2> "$work/serve.log" &
daemon=$!
i=0
until grep -q "serving http" "$work/serve.log" 2>/dev/null; do
  i=$((i + 1)); [ $i -lt 200 ] || fail "daemon did not start"
  kill -0 "$daemon" 2>/dev/null || fail "daemon exited"
  sleep 0.05
done

"$gateway" kiosk enroll --commune 12430 --name "Kiosk 1" --config "$config" > "$work/enroll.out" || fail "kiosk enroll"
grep -Eq '^Enrolment code: [A-Z2-9]{5}-[A-Z2-9]{5}$' "$work/enroll.out" || fail "enrolment code: $(cat "$work/enroll.out")"

"$gateway" dossier add --service chung-thuc-ban-sao --phone 0912345678 --commune 12430 \
  --applicant "Nguyễn Văn An" --config "$config" > "$work/add.out" || fail "dossier add"
code=$(sed -n 's/^Dossier code: //p' "$work/add.out")
echo "$code" | grep -Eq '^12430-22-[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]$' || fail "dossier code: $(cat "$work/add.out")"

"$gateway" dossier set-status "$code" accepted --note "đủ hồ sơ" --config "$config" > "$work/set.out" || fail "set-status"
grep -q "Đã thụ lý (accepted)" "$work/set.out" || fail "set-status output: $(cat "$work/set.out")"
# An illegal change is refused with exit 1, a bad status name with exit 2.
set +e; "$gateway" dossier set-status "$code" returned --config "$config" > /dev/null 2>&1; rc=$?; set -e
[ "$rc" = 1 ] || fail "illegal transition exit $rc"
set +e; "$gateway" dossier set-status "$code" finished --config "$config" > /dev/null 2>&1; rc=$?; set -e
[ "$rc" = 2 ] || fail "unknown status exit $rc"

"$gateway" dossier show "$code" --json --config "$config" > "$work/show.json" || fail "dossier show"
python3 - "$work/show.json" <<'PY' || fail "dossier show --json: $(cat "$work/show.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["status"] == "accepted", d["status"]
assert d["applicant_name"] == "Nguyễn Văn An"
assert d["phone"] == "0912345678"
assert d["kiosk_id"] == 0
assert d["history"][-1]["to"] == "accepted" and d["history"][-1]["note"] == "đủ hồ sơ"
PY
"$gateway" dossier list --status accepted --config "$config" | grep -q "$code" || fail "dossier list"

# The dossier's receipt SMS leaves through the log transport (the dispatcher
# looks every 2 s); `accepted` has no text, so it is skipped. Nothing failed.
i=0
until "$gateway" sms list --code "$code" --config "$config" > "$work/sms.out" 2>&1 &&
  grep -q "^Queue: pending 0, sending 0, sent 1, delivered 0, failed 0, skipped 1$" "$work/sms.out"; do
  i=$((i + 1)); [ $i -lt 100 ] || fail "sms list: $(cat "$work/sms.out")"
  sleep 0.1
done
grep -Eq "^[0-9]+ +$code +received +sent +[0-9]+ +[0-9]+ +log " "$work/sms.out" ||
  fail "sms list receipt: $(cat "$work/sms.out")"
grep -Eq "^[0-9]+ +$code +accepted +skipped " "$work/sms.out" || fail "sms list: $(cat "$work/sms.out")"
"$gateway" sms requeue --failed --config "$config" > "$work/requeue.out" || fail "sms requeue"
grep -q "^Re-queued 0 messages" "$work/requeue.out" || fail "sms requeue: $(cat "$work/requeue.out")"
set +e; "$gateway" sms requeue --config "$config" > /dev/null 2>&1; rc=$?; set -e
[ "$rc" = 2 ] || fail "sms requeue without ids exit $rc"

# The operator's actions are chained in the audit log, intact.
"$gateway" audit verify --config "$config" > "$work/audit.out" || fail "audit verify: $(cat "$work/audit.out")"
grep -q "^Audit log intact: [1-9][0-9]* rows" "$work/audit.out" || fail "audit verify: $(cat "$work/audit.out")"

# A wrong token: refused with a clear message.
printf '%064d\n' 0 > "$work/wrong.token"; chmod 600 "$work/wrong.token"
printf '[operator]\ntoken_file = "%s"\n[http]\nport = %s\n' "$work/wrong.token" "$port" > "$work/wrong.toml"
set +e; "$gateway" kiosk list --config "$work/wrong.toml" > /dev/null 2> "$work/err"; rc=$?; set -e
[ "$rc" = 1 ] || fail "wrong token exit $rc"
grep -q "refused the operator token" "$work/err" || fail "wrong token message: $(cat "$work/err")"

# A bad config names the file and key; exit 2.
printf '[http]\nport = "x"\n' > "$work/bad.toml"
set +e; "$gateway" kiosk list --config "$work/bad.toml" 2> "$work/err"; rc=$?; set -e
[ "$rc" = 2 ] || fail "bad config exit $rc"
grep -q "bad.toml:2: http.port" "$work/err" || fail "bad config message: $(cat "$work/err")"

# Every request was logged; SIGTERM stops the daemon cleanly.
grep -q "^POST /v1/admin/dossiers 200 " "$work/serve.log" || fail "request log"
kill -TERM "$daemon"
wait "$daemon" || fail "daemon exit status $?"
daemon=
grep -q "sms-gateway: stopped" "$work/serve.log" || fail "no clean stop"
echo "ok"
