# Shell helpers for the tests and benchmarks that run a real sms-gateway
# daemon on loopback (sourced, not run). Needs: GATEWAY (the program), REPO
# (the source tree, for assets/), WORK (a scratch directory).
#
#   gateway_config DIR PORT     writes DIR/gateway.toml for a data dir DIR/data
#   gateway_start DIR           keys init (once), serve in the background; sets
#                               GATEWAY_PID and GATEWAY_URL, waits for /healthz
#   gateway_stop                SIGTERM and wait
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
