#!/bin/bash
# MO-to-reply latency over SMPP: residents text "TT <code>" through the SMSC
# simulator (tests/smsc) and the real daemon answers. For each message the
# time from the simulator sending the deliver_sm to it receiving the reply's
# submit_sm (both stamped by the simulator), so it includes the loopback and
# the simulator's own handling on top of the gateway's: an upper bound of the
# time inside the gateway. The MO are sent one at a time, each from its own
# number (the per-number rate limit would otherwise stop them).
#
# Usage: tests/bench/gateway_mo_latency.sh BUILD_DIR [COUNT]
set -u
BUILD=$(cd "$1" && pwd)
COUNT=${2:-300}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
GATEWAY=$BUILD/sms-gateway/sms-gateway
SMSC_DIR=$REPO/tests/smsc
. "$REPO/deploy/gateway_lib.sh"
. "$SMSC_DIR/smsc_lib.sh"
WORK=$(mktemp -d)
SMSC_PID=
trap 'gateway_stop; smsc_stop >/dev/null 2>&1; rm -rf "$WORK"' EXIT

smsc_start "$WORK/smsc.jsonl" --system-id bench --password b3nch || exit 1
PORT=$(free_port)
gateway_config "$WORK/gw" "$PORT"
mkdir -p "$WORK/smsc.d"
printf 'host = "127.0.0.1"\nport = %s\nsystem_id = "bench"\npassword = "b3nch"\nregistered_delivery = false\n' \
  "$SMSC_PORT" >"$WORK/smsc.d/sim.toml"
printf 'transport = "smpp"\nsmsc_dir = "%s"\n' "$WORK/smsc.d" >>"$WORK/gw/gateway.toml"
gateway_start "$WORK/gw" >/dev/null || exit 1
"$GATEWAY" dossier add --service chung-thuc-ban-sao --phone 0912345678 --commune 12430 \
  --applicant "Nguyễn Văn An" --config "$WORK/gw/gateway.toml" >"$WORK/add.out" || exit 1
CODE=$(sed -n 's/^Dossier code: *\([0-9A-Z-]*\).*/\1/p' "$WORK/add.out")
smsc_wait_lines '"kind":"submit"' 1 20 >/dev/null || exit 1

for i in $(seq "$COUNT"); do
  smsc_mo "8498$(printf '%07d' "$i")" 8079 "TT $CODE" >/dev/null
done
smsc_wait_lines '"kind":"submit".*"to":"8498' "$COUNT" 60 || exit 1
node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
  const mo = new Map(), ms = [];
  for (const l of lines) {
    if (l.kind === "mo") mo.set(l.from, l.at);
    else if (l.kind === "submit" && mo.has(l.to)) ms.push(l.at - mo.get(l.to));
  }
  ms.sort((a, b) => a - b);
  const q = p => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
  console.log(`MO to reply over SMPP: ${ms.length} look-ups, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${ms[ms.length - 1]} ms`);
' "$WORK/smsc.jsonl"
