#!/usr/bin/env bash
# Demo of the commune kiosk on a fresh machine: installs what is missing,
# builds, makes a fresh data directory and starts the kiosk with the roadmap
# catalog. Without a display ($DISPLAY and $WAYLAND_DISPLAY empty) it says so,
# plays the demo script headless, saves screenshots and prints where they are.
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

echo "demo: building the kiosk in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -G Ninja >/dev/null
ninja -C "$BUILD" -j "$JOBS" kiosk

DEMO_DIR=${DVC_DEMO_DIR:-$(mktemp -d /tmp/dvc-demo.XXXXXX)}
DATA_DIR="$DEMO_DIR/data"
rm -rf "$DATA_DIR"
mkdir -p "$DATA_DIR"
echo "demo: fresh data directory $DATA_DIR"
KIOSK=("$BUILD/kiosk/kiosk" --data-dir "$DATA_DIR")
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
  echo "demo: screenshots of each screen are in:"
  ls -1 "$SHOTS"/*/*.png | sed 's/^/  /'
  echo "demo: printed receipts (PNG for the screen, ESC/POS for a thermal printer):"
  ls -1 "$DATA_DIR"/receipts/* 2>/dev/null | sed 's/^/  /' || true
  exit 0
fi

echo "demo: starting the kiosk (windowed; close the window to stop)"
exec "${KIOSK[@]}" --windowed
