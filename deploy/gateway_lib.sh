# Shell helpers that run a real sms-gateway daemon on loopback (sourced, not
# run): the one place deploy/demo.sh, the end-to-end test, the sync fault loops
# and the sync benchmarks configure, start, enrol with and stop a gateway.
# Needs: GATEWAY (the program), REPO (the source tree, for assets/).
#
#   gateway_config DIR PORT     writes DIR/gateway.toml for a data dir DIR/data
#   gateway_start DIR           keys init (once), serve in the background (log:
#                               DIR/gateway.log); sets GATEWAY_PID and
#                               GATEWAY_URL, waits for /healthz
#   gateway_stop                SIGTERM and wait
#   gateway_enrolment_code DIR COMMUNE NAME
#                               the operator's one-time code for a new kiosk
#                               (sms-gateway kiosk enroll), printed; the
#                               command's output is kept in DIR/enrol-code.out
#   free_port                   prints a TCP port nothing listens on

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

gateway_config() {
  local dir=$1 port=$2
  mkdir -p "$dir"
  cat >"$dir/gateway.toml" <<TOML
data_dir = "$dir/data"
catalog_dir = "$REPO/assets/catalog"
units_csv = "$REPO/assets/units/units.csv"
holidays_file = "$REPO/assets/holidays/vn.json"
reference_dir = "$REPO/assets/reference"

[http]
listen = "127.0.0.1"
port = $port
TOML
}

# Polls /healthz for up to $2 seconds (default 20).
gateway_wait_healthy() {
  local url=$1 limit=${2:-20} i=0
  while ! curl -sf "$url/healthz" >/dev/null 2>&1; do
    i=$((i + 1))
    if [ "$i" -gt $((limit * 10)) ]; then
      echo "gateway at $url did not become healthy in ${limit}s" >&2
      return 1
    fi
    sleep 0.1
  done
}

gateway_start() {
  local dir=$1
  local port
  port=$(sed -n 's/^port = //p' "$dir/gateway.toml")
  if [ ! -e "$dir/data/province-signing.key" ]; then
    "$GATEWAY" keys init --config "$dir/gateway.toml" >"$dir/keys-init.log" 2>&1 ||
      { cat "$dir/keys-init.log" >&2; return 1; }
  fi
  "$GATEWAY" serve --config "$dir/gateway.toml" >>"$dir/gateway.log" 2>&1 &
  GATEWAY_PID=$!
  GATEWAY_URL="http://127.0.0.1:$port"
  gateway_wait_healthy "$GATEWAY_URL" 30
}

gateway_stop() {
  if [ -n "${GATEWAY_PID:-}" ]; then
    kill -TERM "$GATEWAY_PID" 2>/dev/null || true
    wait "$GATEWAY_PID" 2>/dev/null || true
    GATEWAY_PID=""
  fi
}

gateway_enrolment_code() {
  local dir=$1 commune=$2 name=$3 code
  "$GATEWAY" kiosk enroll --commune "$commune" --name "$name" --config "$dir/gateway.toml" \
    >"$dir/enrol-code.out" 2>&1 || { cat "$dir/enrol-code.out" >&2; return 1; }
  code=$(sed -n 's/^Enrolment code: \([A-Z2-9-]*\)$/\1/p' "$dir/enrol-code.out")
  [ -n "$code" ] || { echo "no enrolment code in: $(cat "$dir/enrol-code.out")" >&2; return 1; }
  echo "$code"
}
