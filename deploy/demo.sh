#!/usr/bin/env bash
# Demo on a fresh machine: installs what is missing, builds, starts the
# province gateway (sms-gateway, SQLite under a fresh data directory, on
# loopback) and a commune kiosk enrolled with it, with the roadmap catalog.
# A dossier submitted at the kiosk goes up to the gateway; the operator moves
# it with `sms-gateway dossier set-status`; the kiosk shows the new status.
# Without a display ($DISPLAY and $WAYLAND_DISPLAY empty) it says so, plays the
# demo script headless, moves the demo dossier itself, shows it at the kiosk,
# saves screenshots and prints where they are.
#
# Usage: deploy/demo.sh            (from anywhere)
# Environment: DVC_JOBS (default: number of cores), DVC_DEMO_DIR (default: a new
#              directory under /tmp), DVC_SKIP_DEPS=1 to skip install-deps.sh.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JOBS=${DVC_JOBS:-$(nproc)}
BUILD="$ROOT/build"

if [[ "${DVC_SKIP_DEPS:-0}" != 1 ]]; then
  "$ROOT/deploy/install-deps.sh"
fi

echo "demo: building the kiosk and the gateway in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -G Ninja >/dev/null
ninja -C "$BUILD" -j "$JOBS" kiosk sms-gateway

DEMO_DIR=${DVC_DEMO_DIR:-$(mktemp -d /tmp/dvc-demo.XXXXXX)}
DATA_DIR="$DEMO_DIR/data"
rm -rf "$DATA_DIR" "$DEMO_DIR/gateway"
mkdir -p "$DATA_DIR" "$DEMO_DIR/gateway"
echo "demo: fresh data directory $DATA_DIR"

# The province gateway, on a free loopback port, with the log SMS transport.
REPO=$ROOT
GATEWAY=$BUILD/sms-gateway/sms-gateway
. "$ROOT/deploy/gateway_lib.sh"
gateway_config "$DEMO_DIR/gateway" "$(free_port)"
trap gateway_stop EXIT
gateway_start "$DEMO_DIR/gateway"
GW=("$GATEWAY" --config "$DEMO_DIR/gateway/gateway.toml")
echo "demo: gateway serving on $GATEWAY_URL (log: $DEMO_DIR/gateway/gateway.log)"

# The kiosk, enrolled with the gateway by a one-time code.
KIOSK_CONFIG="$DEMO_DIR/kiosk.toml"
cat >"$KIOSK_CONFIG" <<TOML
data_dir = "$DATA_DIR"

[sync]
interval_s = 5
TOML
KIOSK=("$BUILD/kiosk/kiosk" --config "$KIOSK_CONFIG")
CODE=$(gateway_enrolment_code "$DEMO_DIR/gateway" 12430 "Kiosk demo")
"${KIOSK[@]}" --enroll "$CODE" --gateway "$GATEWAY_URL" | sed 's/^/demo: /'
# The staff PIN is set once at installation; this one is for the demo only.
DEMO_PIN=246810
printf '%s\n' "$DEMO_PIN" | "${KIOSK[@]}" --set-staff-pin >/dev/null
echo "demo: staff mode (button \"Cán bộ\" on the welcome screen) opens with PIN $DEMO_PIN"

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "demo: no display here (\$DISPLAY is empty): playing the demo script headless instead."
  SHOTS="$DEMO_DIR/screenshots"
  mkdir -p "$SHOTS"
  for size in 1920x1080 1366x768; do
    mkdir -p "$SHOTS/$size"
    (cd "$SHOTS/$size" &&
      "${KIOSK[@]}" --headless --size "$size" --script "$ROOT/tests/kiosk/demo.script")
  done
  # The operator accepts the first demo dossier; the kiosk shows it.
  (cd "$SHOTS" && printf 'wait-synced 60s\n' >sync.script &&
    "${KIOSK[@]}" --headless --script sync.script >/dev/null)
  echo "demo: the gateway holds:"
  "${GW[@]}" dossier list | sed 's/^/  /'
  DOSSIER=$("${GW[@]}" dossier list --json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["dossiers"][-1]["code"])')
  echo "demo: sms-gateway dossier set-status $DOSSIER accepted"
  "${GW[@]}" dossier set-status "$DOSSIER" accepted --note "Hồ sơ hợp lệ" | sed 's/^/  /'
  mkdir -p "$SHOTS/status"
  sed "s/@CODE@/$DOSSIER/" "$ROOT/tests/e2e/lookup_status.script.in" >"$SHOTS/status/lookup.script"
  (cd "$SHOTS/status" && "${KIOSK[@]}" --headless --script lookup.script)
  echo "demo: sms-gateway dossier set-status $DOSSIER needs_supplement (an SMS tells the resident)"
  "${GW[@]}" dossier set-status "$DOSSIER" needs_supplement --note "Thiếu bản sao CCCD" >/dev/null
  sleep 3  # the SMS dispatcher looks every 2 s
  echo "demo: the SMS residents received (log transport: $DEMO_DIR/gateway/data/sms.log):"
  sed 's/^/  /' "$DEMO_DIR/gateway/data/sms.log"
  echo "demo: screenshots of each screen are in:"
  ls -1 "$SHOTS"/*/*.png | sed 's/^/  /'
  echo "demo: printed receipts (PNG for the screen, ESC/POS for a thermal printer):"
  ls -1 "$DATA_DIR"/receipts/* 2>/dev/null | sed 's/^/  /' || true
  exit 0
fi

echo "demo: starting the kiosk (windowed; close the window to stop it and the gateway)"
echo "demo: after a submission, in another terminal:"
echo "  ${GW[*]} dossier list"
echo "  ${GW[*]} dossier set-status CODE accepted"
echo "demo: then look the code up at the kiosk (\"Tra cứu hồ sơ\") within a few seconds."
"${KIOSK[@]}" --windowed
