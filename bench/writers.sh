#!/usr/bin/env bash
# Concurrent writers on one board: W processes each add N cards with
# `standup task add` at once, as scripts and teammates' windows do. Every
# save takes the board's lock and merges what the others wrote meanwhile.
# Prints, per W, the wall time, the cards and the log entries the board
# ends with: exactly W x N of each, in a time that grows with the writers,
# not with the square of the log. See docs/PERFORMANCE.md.
#
#   bench/writers.sh [WRITERS...]          default: 2 4 8
#   N=100 bench/writers.sh 8
set -euo pipefail
cd "$(dirname "$0")/.."

WRITERS=("${@:-2 4 8}")
read -r -a WRITERS <<<"${WRITERS[*]}"
N=${N:-100}
BIN=${STANDUP_BIN:-target/release/standup}
[ -x "$BIN" ] || cargo build --release --quiet
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

printf '%-8s %-8s %-8s %-8s %s\n' writers seconds cards log ok
for w in "${WRITERS[@]}"; do
    board="$WORK/board-$w.json"
    "$BIN" --board "$board" init --name "writers $w" >/dev/null
    start=$(date +%s.%N)
    for i in $(seq 1 "$w"); do
        (for j in $(seq 1 "$N"); do
            "$BIN" --board "$board" task add "writer $i card $j" >/dev/null
        done) &
    done
    wait
    end=$(date +%s.%N)
    cards=$("$BIN" --board "$board" task list --json | grep -c '"id": "T-')
    log=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["log"]))' "$board")
    # init logs the board's name once; every add one entry.
    want=$((w * N))
    ok=yes
    [ "$cards" -eq "$want" ] && [ "$log" -eq $((want + 1)) ] || ok=NO
    printf '%-8s %-8.1f %-8s %-8s %s\n' "$w" "$(echo "$end - $start" | bc)" "$cards" "$log" "$ok"
done
