#!/bin/sh
# Plays one kiosk script end to end, the way CTest runs it:
#   tests/kiosk/run_script.sh KIOSK_BINARY SCRIPT WORKDIR
# WORKDIR is emptied, then gets kiosk.toml, data/ (the kiosk's files), scans/
# (the scanner's folder) and the script's screenshots. The script's header
# comments set the scene (docs/kiosk-script.md, "Running scripts"):
#   # args: FLAGS        extra kiosk flags, e.g. --size 1366x768
#   # staff-pin: DIGITS  the staff PIN set at installation (kiosk --set-staff-pin)
#   # scan: FILE         copy tests/kiosk/scans/FILE into the scan folder
set -eu
kiosk=$(readlink -f "$1")
script=$(readlink -f "$2")
work=$3
scans_src=$(dirname "$script")/scans

rm -rf "$work"
mkdir -p "$work/data" "$work/scans"
cat > "$work/kiosk.toml" <<TOML
data_dir = "$work/data"
scan_folders = ["$work/scans"]
usb_roots = []
TOML

args=""
while IFS= read -r line; do
  case $line in
    "# args: "*) args="$args ${line#\# args: }" ;;
    "# staff-pin: "*)
      printf '%s\n' "${line#\# staff-pin: }" |
        "$kiosk" --config "$work/kiosk.toml" --set-staff-pin >/dev/null ;;
    "# scan: "*) cp "$scans_src/${line#\# scan: }" "$work/scans/" ;;
    "#"*) ;;
    *) break ;;
  esac
done < "$script"

cd "$work"
# shellcheck disable=SC2086  # args holds several flags on purpose
exec "$kiosk" --headless --config "$work/kiosk.toml" $args --script "$script"
