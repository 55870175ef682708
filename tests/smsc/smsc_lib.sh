# sh functions for integration tests that talk to the SMSC simulator.
# Source it:  . tests/smsc/smsc_lib.sh
#   smsc_start OUTFILE [flags...]   start smsc_sim.js in the background on free ports;
#                                   sets SMSC_PORT, SMSC_CONTROL, SMSC_PID, SMSC_OUT
#   smsc_stop                       SIGTERM, wait, print its STATS line
#   smsc_mo FROM TO TEXT [coding]   deliver an MO (gsm7|ucs2); prints the JSON answer
#   smsc_ussd JSON                  POST /ussd with a ready JSON body
#   smsc_wait_lines PATTERN COUNT TIMEOUT_S   wait until COUNT out-file lines match
#                                   the grep -E PATTERN; 1 (with a message) on timeout
#   smsc_stats                      prints GET /stats
# Needs node, curl, and tests/smsc/node_modules (deploy/install-deps.sh).
# Stop the simulator on every exit path:  trap smsc_stop EXIT

# Where smsc_sim.js lives: $SMSC_DIR if set, else this file's folder (bash),
# else tests/smsc under the current directory or beside the sourcing script.
if [ -z "${SMSC_DIR:-}" ]; then
  # shellcheck disable=SC3028  # BASH_SOURCE is empty under plain sh; the loop falls back
  for _smsc_d in "$(dirname "${BASH_SOURCE:-$0}")" "$PWD/tests/smsc" "$(dirname "$0")/../smsc"; do
    if [ -f "$_smsc_d/smsc_sim.js" ]; then
      SMSC_DIR=$(cd "$_smsc_d" && pwd)
      break
    fi
  done
fi
[ -n "${SMSC_DIR:-}" ] ||
  echo "smsc_lib.sh: set SMSC_DIR to the tests/smsc folder before sourcing (plain sh cannot tell a sourced file's path)" >&2

smsc_start() {
  SMSC_OUT=$1
  shift
  SMSC_LOG=$SMSC_OUT.stdout
  : >"$SMSC_LOG"
  node "$SMSC_DIR/smsc_sim.js" --port 0 --control-port 0 --out "$SMSC_OUT" "$@" >"$SMSC_LOG" 2>&1 &
  SMSC_PID=$!
  SMSC_PORT=
  SMSC_CONTROL=
  _smsc_tries=0
  while [ -z "$SMSC_CONTROL" ] || [ -z "$SMSC_PORT" ]; do
    if ! kill -0 "$SMSC_PID" 2>/dev/null; then
      echo "smsc_start: the simulator exited: $(cat "$SMSC_LOG")" >&2
      return 1
    fi
    _smsc_tries=$((_smsc_tries + 1))
    if [ "$_smsc_tries" -gt 200 ]; then
      echo "smsc_start: no LISTENING/CONTROL line within 10 s: $(cat "$SMSC_LOG")" >&2
      kill "$SMSC_PID" 2>/dev/null
      return 1
    fi
    sleep 0.05
    SMSC_PORT=$(sed -n 's/^LISTENING \([0-9]*\)$/\1/p' "$SMSC_LOG")
    SMSC_CONTROL=$(sed -n 's/^CONTROL \([0-9]*\)$/\1/p' "$SMSC_LOG")
  done
  export SMSC_PORT SMSC_CONTROL SMSC_PID SMSC_OUT
}

smsc_stop() {
  [ -n "$SMSC_PID" ] || return 0
  kill -TERM "$SMSC_PID" 2>/dev/null
  wait "$SMSC_PID" 2>/dev/null
  grep '^STATS ' "$SMSC_LOG"
  SMSC_PID=
}

# JSON body built by node so that any text (quotes, UTF-8) is escaped right.
smsc_mo() {
  _smsc_body=$(node -e 'const [f, t, x, c] = process.argv.slice(1);
    process.stdout.write(JSON.stringify({ from: f, to: t, text: x, coding: c || "gsm7" }));' "$1" "$2" "$3" "${4:-gsm7}")
  curl -sS -X POST -H 'Content-Type: application/json' --data-binary "$_smsc_body" \
    "http://127.0.0.1:$SMSC_CONTROL/mo"
}

smsc_ussd() {
  curl -sS -X POST -H 'Content-Type: application/json' --data-binary "$1" \
    "http://127.0.0.1:$SMSC_CONTROL/ussd"
}

smsc_wait_lines() {
  _smsc_deadline=$(($(date +%s) + $3))
  while :; do
    _smsc_n=$(grep -c -E -- "$1" "$SMSC_OUT" 2>/dev/null)
    [ "${_smsc_n:-0}" -ge "$2" ] && return 0
    if [ "$(date +%s)" -ge "$_smsc_deadline" ]; then
      echo "smsc_wait_lines: ${_smsc_n:-0} of $2 lines match '$1' after $3 s in $SMSC_OUT" >&2
      return 1
    fi
    sleep 0.05
  done
}

smsc_stats() {
  curl -sS "http://127.0.0.1:$SMSC_CONTROL/stats"
}
