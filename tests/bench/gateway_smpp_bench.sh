#!/bin/bash
# Outbound SMS throughput and the gateway's CPU cost per 1,000 messages over
# SMPP, against the SMSC simulator (tests/smsc), with the queue persisted as
# in production (every claim and outcome committed to gateway.db).
#
# Usage: tests/bench/gateway_smpp_bench.sh BUILD_DIR [COUNT] [RESP_DELAY_MS] [WINDOWS...]
#   e.g. tests/bench/gateway_smpp_bench.sh build 5000 0 1 10 50
#        tests/bench/gateway_smpp_bench.sh build 2000 20 1 10 50
# For each window it queues COUNT one-part replies in a stopped gateway's store,
# starts the simulator and the daemon, and reports:
#   gw msg/s      messages accepted per second, first to last submit at the SMSC
#   sim ceiling   the simulator alone with the npm package's own client, same window
#   share         gw / ceiling
#   goal          window / latency (with a response delay): the issue's 90% bar
#   cpu s/1000    the daemon's user+system CPU per 1,000 messages (from /proc)
#   peak RSS      the daemon's VmHWM after the drain (the whole queue was pending at start)
#   switches/1000 the daemon's context switches (all threads) per 1,000 messages
# With PERF_OUT=FILE set, `perf record -g` samples the daemon during each drain
# into FILE.wWINDOW (perf report -i FILE.w50 reads it); PERF_ARGS replaces
# the sampling arguments (default "-F 999 -g"), e.g. "-e sched:sched_switch -g".
# With PERF_STAT=EVENTS, `perf stat --per-thread` counts EVENTS instead.
set -u
BUILD=$(cd "$1" && pwd)
COUNT=${2:-5000}
DELAY=${3:-0}
shift 3 2>/dev/null || shift $#
WINDOWS=("$@")
[ ${#WINDOWS[@]} -gt 0 ] || WINDOWS=(1 10 50)
REPO=$(cd "$(dirname "$0")/../.." && pwd)
GATEWAY=$BUILD/sms-gateway/sms-gateway
SMSC_DIR=$REPO/tests/smsc
. "$REPO/deploy/gateway_lib.sh"
. "$SMSC_DIR/smsc_lib.sh"
WORK=$(mktemp -d)
SMSC_PID=
trap 'gateway_stop; smsc_stop >/dev/null 2>&1; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Context switches of all the daemon's threads: each costs the kernel (and a
# VM's hypervisor) far more than the work between them, and unlike CPU time
# the count does not drift with the host.
# SHOW_THREADS=1 prints each thread's count to stderr.
ctx_switches() {
  local t
  if [ -n "${SHOW_THREADS:-}" ]; then
    for t in /proc/"$1"/task/*; do
      echo "$(cat "$t/comm") $(awk '/ctxt_switches/ {n += $2} END {print n}' "$t/status")" >&2
    done
  fi
  cat /proc/"$1"/task/*/status | awk '/ctxt_switches/ {n += $2} END {print n}'
}
hz=$(getconf CLK_TCK)

printf '%-7s %-6s %-10s %-12s %-7s %-14s %-10s %-9s %s\n' window delay "gw msg/s" "sim ceiling" share "goal" "cpu s/1000" "peak RSS" "switches/1000"
for W in "${WINDOWS[@]}"; do
  dir=$WORK/w$W
  PORT=$(free_port)
  gateway_config "$dir" "$PORT"
  smsc_start "$dir/smsc.jsonl" --system-id bench --password b3nch --resp-delay-ms "$DELAY" ||
    exit 1
  mkdir -p "$dir/smsc.d"
  printf 'host = "127.0.0.1"\nport = %s\nsystem_id = "bench"\npassword = "b3nch"\nwindow = %s\nregistered_delivery = false\n' \
    "$SMSC_PORT" "$W" >"$dir/smsc.d/sim.toml"
  printf 'transport = "smpp"\nsmsc_dir = "%s"\n' "$dir/smsc.d" >>"$dir/gateway.toml"
  # A first start creates the store; the queue is filled while it is stopped.
  gateway_start "$dir" >/dev/null || exit 1
  gateway_stop
  sqlite3 "$dir/data/gateway.db" "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c
    WHERE x < $COUNT) INSERT INTO sms_outbox(event, to_phone, text, next_attempt_at, created_at,
    updated_at) SELECT 'reply', '8491' || printf('%07d', x),
    'Ho so 12430-23-Z6B-2DD-W: dang xu ly. Ngay hen tra ket qua: 05/12/2026.', 0, 0, 0 FROM c;"
  gateway_start "$dir" >/dev/null || exit 1
  start_ticks=$(cpu_ticks "$GATEWAY_PID")
  start_switches=$(ctx_switches "$GATEWAY_PID")
  PERF_PID=
  if [ -n "${PERF_STAT:-}" ]; then
    perf stat -e "$PERF_STAT" --per-thread -p "$GATEWAY_PID" -o "$dir/perf-stat.txt" 2>/dev/null &
    PERF_PID=$!
  elif [ -n "${PERF_OUT:-}" ]; then
    # shellcheck disable=SC2086
    perf record -q ${PERF_ARGS:--F 999 -g} -p "$GATEWAY_PID" -o "$PERF_OUT.w$W" 2>/dev/null &
    PERF_PID=$!
  fi
  smsc_wait_lines '"kind":"submit"' "$COUNT" 600 >/dev/null || { echo "window $W: not all arrived"; exit 1; }
  # Until every outcome is committed.
  for _ in $(seq 600); do
    left=$(sqlite3 "$dir/data/gateway.db" "SELECT COUNT(*) FROM sms_outbox WHERE state <> 'sent'")
    [ "$left" = 0 ] && break
    sleep 0.05
  done
  end_ticks=$(cpu_ticks "$GATEWAY_PID")
  end_switches=$(ctx_switches "$GATEWAY_PID")
  [ -z "$PERF_PID" ] || { kill -INT "$PERF_PID"; wait "$PERF_PID"; }
  [ -z "${PERF_STAT:-}" ] || grep -E '(smpp|pump).* [0-9]+ ' "$dir/perf-stat.txt" | grep -v ' 0 ' >&2
  hwm=$(awk '/^VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$GATEWAY_PID/status")
  gateway_stop
  smsc_stop >/dev/null
  first=$(grep -m1 '"kind":"submit"' "$dir/smsc.jsonl" | sed 's/.*"at":\([0-9]*\).*/\1/')
  last=$(grep '"kind":"submit"' "$dir/smsc.jsonl" | tail -1 | sed 's/.*"at":\([0-9]*\).*/\1/')
  rate=$(awk -v n="$COUNT" -v a="$first" -v b="$last" 'BEGIN { printf "%.0f", (n - 1) * 1000 / (b - a) }')
  cpu=$(awk -v t=$((end_ticks - start_ticks)) -v hz="$hz" -v n="$COUNT" 'BEGIN { printf "%.3f", t / hz / n * 1000 }')
  switches=$(awk -v s=$((end_switches - start_switches)) -v n="$COUNT" 'BEGIN { printf "%.0f", s / n * 1000 }')
  # The simulator alone at the same window.
  smsc_start "$dir/ceiling.jsonl" --system-id bench --password b3nch --resp-delay-ms "$DELAY" >/dev/null
  ceiling=$(node "$SMSC_DIR/smsc_bench_client.js" --port "$SMSC_PORT" --system-id bench \
    --password b3nch --count "$COUNT" --window "$W" | sed 's/.*"per_second":\([0-9.]*\).*/\1/')
  smsc_stop >/dev/null
  share=$(awk -v g="$rate" -v c="$ceiling" 'BEGIN { printf "%.0f%%", 100 * g / c }')
  goal="-"
  [ "$DELAY" -gt 0 ] && goal=$(awk -v w="$W" -v d="$DELAY" -v g="$rate" \
    'BEGIN { b = w * 1000 / d; printf "%.0f (%.0f%%)", b, 100 * g / b }')
  printf '%-7s %-6s %-10s %-12.0f %-7s %-14s %-10s %-9s %s\n' "$W" "${DELAY}ms" "$rate" "$ceiling" "$share" "$goal" "$cpu" "$hwm" "$switches"
done
