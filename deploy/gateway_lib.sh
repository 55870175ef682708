# Shell helpers that run a real sms-gateway daemon on loopback (sourced, not
# run): the one place deploy/demo.sh, the end-to-end test, the sync fault loops
# and the sync benchmarks configure, start, enrol with and stop a gateway.
# Needs: GATEWAY (the program), REPO (the source tree, for assets/).
#
#   gateway_config DIR PORT     writes DIR/gateway.toml for a data dir DIR/data
#   gateway_tls DIR             a throw-away CA (DIR/tls/ca.pem) and a certificate
#                               for 127.0.0.1 signed by it, set as [http]
#                               tls_cert/tls_key: the gateway then serves https
#   gateway_start DIR           keys init (once), serve in the background (log:
#                               DIR/gateway.log); sets GATEWAY_PID and
#                               GATEWAY_URL (https:// after gateway_tls),
#                               waits for /healthz
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

[sms]
# The demo and the tests send at any hour (a deployment keeps 07:00-21:00).
send_hours = "00:00-23:59:59"
TOML
}

gateway_tls() {
  local dir=$1 tls=$1/tls
  mkdir -p "$tls"
  (
    cd "$tls" || exit 1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
      -subj "/CN=DVC test province CA" -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign" -keyout ca.key -out ca.pem &&
      openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
        -subj "/CN=127.0.0.1" -keyout gateway.key -out gateway.csr &&
      printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >gateway.ext &&
      openssl x509 -req -in gateway.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
        -extfile gateway.ext -out gateway.pem &&
      chmod 600 ca.key gateway.key
  ) >"$tls/openssl.log" 2>&1 || { cat "$tls/openssl.log" >&2; return 1; }
  sed -i "s|^\[http\]\$|[http]\ntls_cert = \"$tls/gateway.pem\"\ntls_key = \"$tls/gateway.key\"|" \
    "$dir/gateway.toml"
}

# Polls /healthz for up to $2 seconds (default 20), trusting $3 (a CA file) if given.
gateway_wait_healthy() {
  local url=$1 limit=${2:-20} ca=${3:-} i=0
  local curl_ca=()
  [ -z "$ca" ] || curl_ca=(--cacert "$ca")
  while ! curl -sf "${curl_ca[@]}" "$url/healthz" >/dev/null 2>&1; do
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
  if grep -q '^tls_cert = "..*"' "$dir/gateway.toml"; then
    GATEWAY_URL="https://127.0.0.1:$port"
    gateway_wait_healthy "$GATEWAY_URL" 30 "$dir/tls/ca.pem"
  else
    GATEWAY_URL="http://127.0.0.1:$port"
    gateway_wait_healthy "$GATEWAY_URL" 30
  fi
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
