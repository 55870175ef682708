#!/bin/bash
# How soon the gateway's SMPP link resumes after the SMSC throttles it
# (ESME_RTHROTTLED), against the SMSC simulator (tests/smsc).
#
# Usage: tests/bench/gateway_throttle_resume.sh BUILD_DIR [COUNT] [WINDOW] [THROTTLE_MS...]
#   e.g. tests/bench/gateway_throttle_resume.sh build 3000 10 300 1000 2500
# For each throttle length the simulator answers ESME_RTHROTTLED to every
# submit_sm for THROTTLE_MS after each 500 accepted ones (--throttle-every
# 500 --throttle-for-ms THROTTLE_MS); the gateway (the daemon, with its queue
# persisted, default throttle_pause_ms) drains COUNT queued replies. Reported:
#   episodes      throttle windows the run went through
#   resume p50/max ms from the end of a throttle window (the simulator's
#                 clock) to the first submit it accepted after it: the issue's
#                 "resumes within 2 s"
#   throttled     submits answered ESME_RTHROTTLED (the probes and the window
#                 in flight when the throttle began)
#   arrived / dup messages the simulator accepted, distinct and repeated
set -u
BUILD=$(cd "$1" && pwd)
COUNT=${2:-3000}
WINDOW=${3:-10}
shift 3 2>/dev/null || shift $#
LENGTHS=("$@")
[ ${#LENGTHS[@]} -gt 0 ] || LENGTHS=(300 1000 2500)
REPO=$(cd "$(dirname "$0")/../.." && pwd)
GATEWAY=$BUILD/sms-gateway/sms-gateway
SMSC_DIR=$REPO/tests/smsc
. "$REPO/deploy/gateway_lib.sh"
. "$SMSC_DIR/smsc_lib.sh"
WORK=$(mktemp -d)
SMSC_PID=
trap 'gateway_stop; smsc_stop >/dev/null 2>&1; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

printf '%-12s %-7s %-9s %-16s %-10s %-8s %-4s\n' throttle window episodes "resume p50/max" throttled arrived dup
for T in "${LENGTHS[@]}"; do
  dir=$WORK/t$T
  PORT=$(free_port)
  gateway_config "$dir" "$PORT"
  smsc_start "$dir/smsc.jsonl" --system-id bench --password b3nch --throttle-every 500 \
    --throttle-for-ms "$T" || exit 1
  mkdir -p "$dir/smsc.d"
  printf 'host = "127.0.0.1"\nport = %s\nsystem_id = "bench"\npassword = "b3nch"\nwindow = %s\nregistered_delivery = false\n' \
    "$SMSC_PORT" "$WINDOW" >"$dir/smsc.d/sim.toml"
  printf 'transport = "smpp"\nsmsc_dir = "%s"\n' "$dir/smsc.d" >>"$dir/gateway.toml"
  gateway_start "$dir" >/dev/null || exit 1
  gateway_stop
  sqlite3 "$dir/data/gateway.db" "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c
    WHERE x < $COUNT) INSERT INTO sms_outbox(event, to_phone, text, next_attempt_at, created_at,
    updated_at) SELECT 'reply', '8491' || printf('%07d', x), 'Tin nhan ' || x, 0, 0, 0 FROM c;"
  gateway_start "$dir" >/dev/null || exit 1
  smsc_wait_lines '"kind":"submit"' "$COUNT" 600 >/dev/null || { echo "throttle $T: not all arrived"; exit 1; }
  gateway_stop
  smsc_stop >/dev/null
  # Every line has "at"; a throttle line has "until". Lags go to a file, the
  # counts to stdout.
  read -r throttled arrived dup < <(awk -v lags="$dir/lags" '
    /"kind":"throttle"/ { match($0, /"until":[0-9]+/); ends[++n] = substr($0, RSTART + 8, RLENGTH - 8); next }
    /"kind":"throttled"/ { throttled++; next }
    /"kind":"submit"/ {
      match($0, /"at":[0-9]+/); at = substr($0, RSTART + 5, RLENGTH - 5) + 0
      match($0, /"to":"[0-9]+"/); to = substr($0, RSTART + 6, RLENGTH - 7)
      if (seen[to]++) dup++; else arrived++
      # The first accepted submit at or after each throttle end.
      while (k < n && at >= ends[k + 1] + 0) { k++; print at - ends[k] > lags }
    }
    END { print throttled + 0, arrived + 0, dup + 0 }' "$dir/smsc.jsonl")
  touch "$dir/lags"
  episodes=$(wc -l <"$dir/lags")
  resume="-"
  if [ "$episodes" -gt 0 ]; then
    sort -n "$dir/lags" >"$dir/lags.sorted"
    p50=$(sed -n "$(((episodes + 1) / 2))p" "$dir/lags.sorted")
    resume="$p50 / $(tail -1 "$dir/lags.sorted") ms"
  fi
  printf '%-12s %-7s %-9s %-16s %-10s %-8s %-4s\n' "$T ms" "$WINDOW" "$episodes" "$resume" "$throttled" "$arrived" "$dup"
done
