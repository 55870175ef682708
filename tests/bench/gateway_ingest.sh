#!/usr/bin/env bash
# Gateway ingest benchmark (BENCHMARKS.md): a fresh sms-gateway on loopback,
# then gateway_ingest_bench pushing from CLIENTS concurrent signed kiosks,
# BATCHES batches of BATCH dossiers each (DESIGN.md section 10: >= 2,000
# dossiers/s on 2 cores). The data directory is on the build tree's disk, not
# tmpfs, since the point includes the fsync of every batch.
#
#   tests/bench/gateway_ingest.sh BUILD_DIR [clients=20] [batch=50] [batches=10]
set -euo pipefail
BUILD=$(cd "$1" && pwd)
CLIENTS=${2:-20} BATCH=${3:-50} BATCHES=${4:-10}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
GATEWAY=$BUILD/sms-gateway/sms-gateway
WORK=$BUILD/gateway_ingest.data
. "$REPO/deploy/gateway_lib.sh"

rm -rf "$WORK"
gateway_config "$WORK" "$(free_port)"
trap gateway_stop EXIT
gateway_start "$WORK"
"$BUILD/tests/bench/gateway_ingest_bench" "$GATEWAY_URL" "$WORK/data/operator.token" \
  "$CLIENTS" "$BATCH" "$BATCHES"
status=$?
echo "  gateway CPU: $(ps -o times= -p "$GATEWAY_PID" | tr -d ' ') s (user+system, whole run incl. start)"
exit $status
