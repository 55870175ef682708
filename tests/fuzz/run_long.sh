#!/bin/bash
# Runs every libFuzzer target (or those named) for longer than deploy/test.sh
# does, each from its committed seeds into a scratch corpus.
# Usage: tests/fuzz/run_long.sh ASAN_FUZZ_BUILD_DIR [SECONDS] [NAME...]
#   e.g. tests/fuzz/run_long.sh build-asan 600 gateway_smpp_pdu gateway_mo_command gateway_ussd_input
# The build dir is the clang one deploy/test.sh makes (-DDVC_SANITIZE=ON -DDVC_FUZZ=ON).
# Stops at the first crash, leaving the reproducer in the current directory.
set -eu
BUILD=$(cd "$1" && pwd)
SECONDS_EACH=${2:-300}
shift 2 2>/dev/null || shift $#
REPO=$(cd "$(dirname "$0")/../.." && pwd)
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in "$BUILD"/tests/fuzz/fuzz_*; do [ -x "$f" ] && names+=("$(basename "$f" | sed 's/^fuzz_//')"); done
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for name in "${names[@]}"; do
  echo "== fuzz_$name for ${SECONDS_EACH}s"
  mkdir -p "$scratch/$name"
  "$BUILD/tests/fuzz/fuzz_$name" -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
    "$scratch/$name" "$REPO/tests/fuzz/corpus/$name" 2>&1 | grep -E "^(stat::number_of_executed_units|Done|==[0-9]+==ERROR)|SUMMARY" || true
  [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "fuzz_$name failed"; exit 1; }
done
