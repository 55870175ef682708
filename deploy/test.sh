#!/usr/bin/env bash
# The project's one test command: installs what is missing, builds everything
# (warnings as errors), runs every test, then builds the unit tests and fuzz
# targets under AddressSanitizer + UBSan with clang and runs them too (the
# fuzz targets for DVC_FUZZ_SECONDS each). Exits non-zero on any failure and
# ends with a ctest-style summary line over both runs.
#
# Usage: deploy/test.sh            (from anywhere; builds under <repo>/build*)
# Environment: DVC_JOBS (default: number of cores), DVC_FUZZ_SECONDS (default 10),
#              DVC_SKIP_ASAN=1 to skip the sanitizer stage (local iteration only).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JOBS=${DVC_JOBS:-$(nproc)}
FUZZ_SECONDS=${DVC_FUZZ_SECONDS:-10}
LOG_DIR="$ROOT/build-logs"
mkdir -p "$LOG_DIR"

declare -a STAGE_NAMES=() STAGE_SECS=()
failed=0
started_all=$(date +%s)

# stage NAME COMMAND...: runs a stage, records its duration, stops the script
# when a stage that later ones depend on fails.
stage() {
  local name=$1; shift
  local t0; t0=$(date +%s)
  echo "== $name"
  "$@"
  local rc=$?
  STAGE_NAMES+=("$name"); STAGE_SECS+=($(( $(date +%s) - t0 )))
  echo "== $name: $(( $(date +%s) - t0 )) s (exit $rc)"
  return $rc
}

run_ctest() {  # run_ctest BUILD_DIR LABEL
  local dir=$1 label=$2
  ctest --test-dir "$dir" -j "$JOBS" --output-on-failure --timeout 900 \
    2>&1 | tee "$LOG_DIR/ctest-$label.log"
  return "${PIPESTATUS[0]}"
}

summary_of() {  # prints "passed failed" from a ctest log
  local line
  line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$1" | tail -1)
  if [[ -z "$line" ]]; then echo "0 1"; return; fi
  local failed_n total
  failed_n=$(sed -E 's/.* ([0-9]+) tests? failed.*/\1/' <<<"$line")
  total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
  echo "$(( total - failed_n )) $failed_n"
}

print_report() {
  echo
  echo "== stage times"
  for i in "${!STAGE_NAMES[@]}"; do
    printf '   %-28s %5d s\n' "${STAGE_NAMES[$i]}" "${STAGE_SECS[$i]}"
  done
  printf '   %-28s %5d s\n' "total" $(( $(date +%s) - started_all ))
}

stage "install dependencies" "$ROOT/deploy/install-deps.sh" || { print_report; exit 1; }

# -g1 (line tables, enough for backtraces) instead of -g: the same -O2 code,
# and the gcc build takes about 40% less time (a test file: 21.8 s -> 13.0 s).
stage "configure (gcc)" cmake -S "$ROOT" -B "$ROOT/build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
  -DDVC_WERROR=ON >"$LOG_DIR/configure.log" 2>&1 \
  || { cat "$LOG_DIR/configure.log"; print_report; exit 1; }
stage "build (gcc)" ninja -C "$ROOT/build" -j "$JOBS" || { print_report; exit 1; }
stage "test (gcc)" run_ctest "$ROOT/build" gcc || failed=1

if [[ "${DVC_SKIP_ASAN:-0}" != "1" ]]; then
  stage "configure (clang asan+ubsan)" env CC=clang CXX=clang++ cmake -S "$ROOT" \
    -B "$ROOT/build-asan" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DDVC_WERROR=ON \
    -DDVC_SANITIZE=ON -DDVC_FUZZ=ON -DDVC_BENCH=OFF -DDVC_LONG_TESTS=OFF \
    -DDVC_FUZZ_SECONDS="$FUZZ_SECONDS" >"$LOG_DIR/configure-asan.log" 2>&1 \
    || { cat "$LOG_DIR/configure-asan.log"; print_report; exit 1; }
  stage "build (clang asan+ubsan)" ninja -C "$ROOT/build-asan" -j "$JOBS" || { print_report; exit 1; }
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  stage "test + fuzz (asan+ubsan)" run_ctest "$ROOT/build-asan" asan || failed=1
fi

print_report
echo
passed_total=0; failed_total=0
for label in gcc asan; do
  log="$LOG_DIR/ctest-$label.log"
  [[ -f "$log" ]] || continue
  [[ "$label" == asan && "${DVC_SKIP_ASAN:-0}" == "1" ]] && continue
  read -r p f < <(summary_of "$log")
  printf '   %-6s %d passed, %d failed\n' "$label" "$p" "$f"
  passed_total=$(( passed_total + p )); failed_total=$(( failed_total + f ))
done
total=$(( passed_total + failed_total ))
if (( total == 0 )); then echo "no tests ran"; exit 1; fi
(( failed_total > 0 )) && failed=1
echo "$(( passed_total * 100 / total ))% tests passed, $failed_total tests failed out of $total"
exit $failed
