#!/usr/bin/env bash
# The whole test suite, RUNS times in a row (default 10), while every core
# is kept busy: a flaky test is a defect, and load is what brings one out.
# Uses stress-ng when it is installed, else one busy shell loop per core.
# See docs/TESTING.md.
#
#   bench/under-load.sh            # 10 runs
#   RUNS=3 bench/under-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
cargo build --release --quiet
export STANDUP_E2E_BIN="$PWD/target/release/standup"
cargo test --no-run --quiet 2>/dev/null

cores=$(nproc)
load=()
if command -v stress-ng >/dev/null 2>&1; then
    stress-ng --cpu $((cores * 2)) --quiet &
    load+=($!)
else
    for _ in $(seq 1 $((cores * 2))); do
        (while :; do :; done) &
        load+=($!)
    done
fi
trap 'kill "${load[@]}" 2>/dev/null || true' EXIT

for run in $(seq 1 "$RUNS"); do
    start=$(date +%s)
    if cargo test --quiet >"/tmp/standup-under-load-$run.log" 2>&1; then
        echo "run $run: passed in $(( $(date +%s) - start )) s"
    else
        echo "run $run: FAILED (see /tmp/standup-under-load-$run.log)"
        exit 1
    fi
done
echo "$RUNS of $RUNS runs passed under load"
